//! `equivariant basis --group G --in R --out R [--method auto|orbits] [--form dense|sparse]
//! [--output F.npy] [--json]`: a basis of `Hom_G(R_in, R_out)`.
//!
//! Two routes:
//!
//! * `--method orbits` (Kondor–Trivedi; Maron et al.), for `S_n` acting on tensor powers of
//!   `V = R^n`: the basis of `Hom_{S_n}(V^{⊗k}, V^{⊗l})` is indexed by the set partitions of
//!   the `l + k` index positions (outputs first) with at most `n` blocks, each element the
//!   exact 0/1 matrix of one orbit of `S_n` on `[n]^l × [n]^k`
//!   ([`crate::symmetric::set_partitions::SetPartitionBasis`]).
//! * `--method nullspace` (EMLP), for every group of the catalogue and any representation
//!   expression: the nullspace of `ρ_W(g) A − A ρ_V(g) = 0` over the discrete generators and
//!   `dρ_W(X) A − A dρ_V(X) = 0` over the Lie algebra ([`crate::hom::nullspace`]), exact over
//!   `Q` when the constraints are integral, else by the SVD.
//!
//! `--method auto` takes the orbit route when it applies and the nullspace route otherwise.
//! The Schur route (`--method schur`) and `--check` are not in this version and are refused.
//!
//! Output (DESIGN): `--form dense` writes `F.npy`, a `[dim, out_dim, in_dim]` float64 array
//! (element `b` at `[b, i, j]`: out-coordinate `i`, in-coordinate `j`);
//! `--form sparse` writes the COO arrays `F.rows.npy`, `F.cols.npy` (uint64), `F.vals.npy`
//! (float64) and `F.index.npy` (uint64, the basis element of each entry). Beside either,
//! `F.json` holds the printed keys, the conventions and one entry per element (its set
//! partition, or `kind: "nullspace vector"`). A dense array above [`MAX_DENSE_BYTES`] is refused with its size and the sparse
//! form offered.

use super::output::json_real;
use crate::error::human_bytes;
use crate::group::{AnyGroup, Family, FiniteGroup, Permutation, build_group};
use crate::hom::nullspace::{HomBasis, nullspace_basis};
use crate::io::build::{RepAtoms, build_rep};
use crate::io::expr::{RepExpr, parse_group, parse_rep};
use crate::io::npy::{write_f64, write_u64};
use crate::symmetric::set_partitions::SetPartitionBasis;
use crate::{Error, Result};
use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The largest dense basis array written (1 GiB).
pub const MAX_DENSE_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

/// How the basis is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// The orbit route when it applies (`S_n` on tensor powers of `V`), else the nullspace.
    Auto,
    /// Decomposition into irreducibles (Schur's lemma).
    Schur,
    /// The nullspace of the equivariance constraints.
    Nullspace,
    /// Orbits of the group on pairs of basis points (permutation representations).
    Orbits,
}

/// How the basis is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Form {
    /// A `[dim, out_dim, in_dim]` float64 array.
    Dense,
    /// COO arrays (`rows`, `cols`, `vals`, `index`).
    Sparse,
}

/// The arguments of `basis`.
pub struct BasisRequest<'a> {
    /// Group name.
    pub group: &'a str,
    /// Input representation expression.
    pub rep_in: &'a str,
    /// Output representation expression.
    pub rep_out: &'a str,
    /// The route.
    pub method: Method,
    /// Run every applicable route and compare.
    pub check: bool,
    /// Dense or sparse output.
    pub form: Form,
    /// Where to write the basis.
    pub output: Option<&'a Path>,
    /// One JSON document on stdout.
    pub json: bool,
}

/// The tensor power `k` of `V` named by an expression: `triv` (0), `V` (1), `V^k`, `V*V*…`.
fn power_of_v(expr: &RepExpr) -> Option<usize> {
    match expr {
        RepExpr::Triv => Some(0),
        RepExpr::V => Some(1),
        RepExpr::Power(base, k) if **base == RepExpr::V => Some(*k as usize),
        RepExpr::Tensor(factors) => factors.iter().map(power_of_v).sum(),
        _ => None,
    }
}

fn unsupported(what: &str) -> Error {
    Error::Unsupported(format!(
        "{what}: this version builds Hom bases by the orbit route (S_n on tensor powers of V, \
         e.g. --group S5 --in V^2 --out V^2) and the nullspace route (--method nullspace, any \
         group and representation); the Schur route and --check are not available yet"
    ))
}

/// A computed basis, as written to `--output`.
enum Computed<'a> {
    /// The orbit basis (sparse 0/1 elements, with their set partitions).
    Orbits(&'a SetPartitionBasis),
    /// Dense matrices from the nullspace route.
    Nullspace(&'a [DMatrix<f64>], usize, usize),
}

impl Computed<'_> {
    fn len(&self) -> usize {
        match self {
            Computed::Orbits(b) => b.len(),
            Computed::Nullspace(b, _, _) => b.len(),
        }
    }
    fn out_dim(&self) -> usize {
        match self {
            Computed::Orbits(b) => b.out_dim(),
            Computed::Nullspace(_, out_dim, _) => *out_dim,
        }
    }
    fn in_dim(&self) -> usize {
        match self {
            Computed::Orbits(b) => b.in_dim(),
            Computed::Nullspace(_, _, in_dim) => *in_dim,
        }
    }
    /// The non-zero entries `(row, col, value)` of element `idx`.
    fn entries(&self, idx: usize) -> Result<Vec<(usize, usize, f64)>> {
        match self {
            Computed::Orbits(b) => Ok(b
                .sparse(idx)?
                .triplet_iter()
                .map(|(r, c, v)| (r, c, *v))
                .collect()),
            Computed::Nullspace(b, _, _) => {
                let a = &b[idx];
                let mut out = Vec::new();
                for c in 0..a.ncols() {
                    for r in 0..a.nrows() {
                        if a[(r, c)] != 0.0 {
                            out.push((r, c, a[(r, c)]));
                        }
                    }
                }
                Ok(out)
            }
        }
    }
    /// The number of non-zeros of element `idx`.
    fn nnz(&self, idx: usize) -> Result<u128> {
        match self {
            Computed::Orbits(b) => b.nnz(idx),
            Computed::Nullspace(b, _, _) => {
                Ok(b[idx].iter().filter(|x| **x != 0.0).count() as u128)
            }
        }
    }
}

/// The nullspace route on `R_in → R_out` for a group of the catalogue.
fn nullspace_for<G: RepAtoms>(
    group: &std::sync::Arc<G>,
    rep_in: &RepExpr,
    rep_out: &RepExpr,
) -> Result<(HomBasis, usize, usize)> {
    let (v, w) = (build_rep(group, rep_in)?, build_rep(group, rep_out)?);
    Ok((nullspace_basis(&*v, &*w)?, v.dim(), w.dim()))
}

/// Runs the nullspace route and returns what to print.
fn nullspace_command(request: &BasisRequest, group: &AnyGroup) -> Result<String> {
    let (rep_in, rep_out) = (parse_rep(request.rep_in)?, parse_rep(request.rep_out)?);
    let start = Instant::now();
    let (hom, in_dim, out_dim) = match group {
        AnyGroup::Finite(g) => nullspace_for(g, &rep_in, &rep_out)?,
        AnyGroup::SO2(g) => nullspace_for(g, &rep_in, &rep_out)?,
        AnyGroup::O2(g) => nullspace_for(g, &rep_in, &rep_out)?,
        AnyGroup::SO3(g) => nullspace_for(g, &rep_in, &rep_out)?,
        AnyGroup::O3(g) => nullspace_for(g, &rep_in, &rep_out)?,
    };
    let computed = Computed::Nullspace(&hom.basis, out_dim, in_dim);
    let written = match request.output {
        Some(path) => Some(write_basis(&computed, request.form, path)?),
        None => None,
    };
    let seconds = start.elapsed().as_secs_f64();
    let mut doc = document(
        request,
        &group.name(),
        (in_dim, out_dim, hom.len()),
        ("nullspace", hom.exact),
        hom.max_residual,
        seconds,
        written.as_deref(),
    );
    doc["gap"] = json!(hom.gap.map(json_real));
    if let Some(path) = request.output {
        write_sidecar(path, &doc, &computed)?;
    }
    if request.json {
        return Ok(doc.to_string());
    }
    let how = if hom.exact {
        "exact over Q".to_string()
    } else {
        match hom.gap {
            Some(gap) => format!("SVD, singular-value gap {gap:.1e}"),
            None => "SVD".to_string(),
        }
    };
    let mut out = format!(
        "Hom_{}({} → {}): dimension {} ({} → {}), nullspace basis ({how}); max equivariance residual {:.1e}\n",
        group.name(),
        request.rep_in,
        request.rep_out,
        hom.len(),
        in_dim,
        out_dim,
        hom.max_residual
    );
    if let Some(files) = written {
        out.push_str(&format!("written: {}\n", files.join(", ")));
    }
    Ok(out)
}

/// Runs `basis` and returns what to print.
pub fn basis_command(request: &BasisRequest) -> Result<String> {
    if request.method == Method::Schur {
        return Err(unsupported("--method schur"));
    }
    if request.check {
        return Err(unsupported("--check (it compares at least two routes)"));
    }
    let any = build_group(&parse_group(request.group)?)?;
    if request.method == Method::Nullspace {
        return nullspace_command(request, &any);
    }
    let orbit_case = match &any {
        AnyGroup::Finite(g) => match *g.family() {
            Family::Symmetric(n) => {
                match (
                    power_of_v(&parse_rep(request.rep_in)?),
                    power_of_v(&parse_rep(request.rep_out)?),
                ) {
                    (Some(k), Some(l)) => Some((g.clone(), n, k, l)),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    };
    let Some((group, n, k, l)) = orbit_case else {
        if request.method == Method::Auto {
            return nullspace_command(request, &any);
        }
        return Err(unsupported(&format!(
            "--method orbits for {} with {} → {}",
            any.name(),
            request.rep_in,
            request.rep_out
        )));
    };
    let start = Instant::now();
    let basis = SetPartitionBasis::new(n, k, l)?;
    let computed = Computed::Orbits(&basis);
    if request.output.is_some() && request.form == Form::Dense {
        check_dense_size(&computed)?;
    }
    let max_residual = equivariance_residual(&basis, &group.generators())?;
    let written = match request.output {
        Some(path) => Some(write_basis(&computed, request.form, path)?),
        None => None,
    };
    let seconds = start.elapsed().as_secs_f64();
    let doc = document(
        request,
        group.name_str(),
        (basis.in_dim(), basis.out_dim(), basis.len()),
        ("orbits", true),
        max_residual,
        seconds,
        written.as_deref(),
    );
    if let Some(path) = request.output {
        write_sidecar(path, &doc, &computed)?;
    }
    if request.json {
        return Ok(doc.to_string());
    }
    let mut out = format!(
        "Hom_{}({} → {}): dimension {} ({} → {}), orbit basis (set partitions of {} points, outputs first), exact 0/1; max equivariance residual {max_residual:.1e}\n",
        group.name_str(),
        request.rep_in,
        request.rep_out,
        basis.len(),
        basis.in_dim(),
        basis.out_dim(),
        k + l
    );
    for (i, pi) in basis.partitions().iter().enumerate().take(40) {
        out.push_str(&format!("  {i:>3}  {pi}\n"));
    }
    if basis.len() > 40 {
        out.push_str(&format!(
            "  … {} more (all in --json's sidecar with --output)\n",
            basis.len() - 40
        ));
    }
    if let Some(files) = written {
        out.push_str(&format!("written: {}\n", files.join(", ")));
    }
    Ok(out)
}

/// `(g · x)` for `x ∈ (R^n)^{⊗k}` (row-major, first index slowest): `(P ⊗ … ⊗ P) e_{i_1…i_k} =
/// e_{g(i_1)…g(i_k)}`.
fn act(g: &Permutation, n: usize, k: u32, x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    for (index, value) in x.iter().enumerate() {
        let mut rest = index;
        let mut image = 0;
        let mut scale = 1;
        for _ in 0..k {
            image += g.apply(rest % n) * scale;
            rest /= n;
            scale *= n;
        }
        out[image] = *value;
    }
    out
}

/// `max ‖B (g·x) − g·(B x)‖_∞` over the generators and the basis elements, for a random `x`
/// (zero up to rounding exactly when every element commutes with the generators on `x`).
fn equivariance_residual(basis: &SetPartitionBasis, generators: &[Permutation]) -> Result<f64> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let x: Vec<f64> = (0..basis.in_dim())
        .map(|_| rng.random::<f64>() - 0.5)
        .collect();
    let (n, k, l) = (basis.n(), basis.k() as u32, basis.l() as u32);
    let mut worst: f64 = 0.0;
    for idx in 0..basis.len() {
        let bx = basis.apply(idx, &x)?;
        for g in generators {
            let lhs = basis.apply(idx, &act(g, n, k, &x))?;
            let rhs = act(g, n, l, &bx);
            for (a, b) in lhs.iter().zip(&rhs) {
                worst = worst.max((a - b).abs());
            }
        }
    }
    Ok(worst)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "basis".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}{suffix}"))
}

/// DESIGN's `basis` keys, shared by every route.
fn document(
    request: &BasisRequest,
    group: &str,
    (in_dim, out_dim, dim): (usize, usize, usize),
    (method, exact): (&str, bool),
    max_residual: f64,
    seconds: f64,
    written: Option<&[String]>,
) -> Value {
    json!({
        "group": group,
        "in": request.rep_in,
        "out": request.rep_out,
        "in_dim": in_dim,
        "out_dim": out_dim,
        "dim": dim,
        "method": method,
        "exact": exact,
        "form": match request.form { Form::Dense => "dense", Form::Sparse => "sparse" },
        "max_residual": json_real(max_residual),
        "seconds": seconds,
        "output": written.map(|files| files.join(", ")),
    })
}

/// Refuses a dense `[dim, out_dim, in_dim]` array above [`MAX_DENSE_BYTES`], naming its size.
fn check_dense_size(basis: &Computed) -> Result<()> {
    let (b, rows, cols) = (basis.len(), basis.out_dim(), basis.in_dim());
    let bytes = b as f64 * rows as f64 * cols as f64 * 8.0;
    if bytes > MAX_DENSE_BYTES {
        return Err(Error::TooLarge {
            what: format!("the dense basis [{b}, {rows}, {cols}]; --form sparse writes COO arrays"),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_DENSE_BYTES),
        });
    }
    Ok(())
}

fn write_basis(basis: &Computed, form: Form, path: &Path) -> Result<Vec<String>> {
    let (b, rows, cols) = (basis.len(), basis.out_dim(), basis.in_dim());
    match form {
        Form::Dense => {
            check_dense_size(basis)?;
            let mut data = vec![0.0; b * rows * cols];
            for idx in 0..b {
                for (r, c, v) in basis.entries(idx)? {
                    data[(idx * rows + r) * cols + c] = v;
                }
            }
            write_f64(path, &[b as u64, rows as u64, cols as u64], &data)?;
            Ok(vec![path.display().to_string()])
        }
        Form::Sparse => {
            let mut total: u128 = 0;
            for idx in 0..b {
                total += basis.nnz(idx)?;
            }
            // rows, cols, index (u64) and vals (f64): 32 bytes per non-zero.
            let bytes = total as f64 * 32.0;
            if bytes > 4.0 * MAX_DENSE_BYTES {
                return Err(Error::TooLarge {
                    what: format!("the COO arrays of {total} non-zeros"),
                    needed: human_bytes(bytes),
                    limit: human_bytes(4.0 * MAX_DENSE_BYTES),
                });
            }
            let (mut r, mut c, mut v, mut index) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for idx in 0..b {
                for (row, col, value) in basis.entries(idx)? {
                    r.push(row as u64);
                    c.push(col as u64);
                    v.push(value);
                    index.push(idx as u64);
                }
            }
            let nnz = [v.len() as u64];
            let files =
                [".rows.npy", ".cols.npy", ".vals.npy", ".index.npy"].map(|s| sibling(path, s));
            write_u64(&files[0], &nnz, &r)?;
            write_u64(&files[1], &nnz, &c)?;
            write_f64(&files[2], &nnz, &v)?;
            write_u64(&files[3], &nnz, &index)?;
            Ok(files.iter().map(|f| f.display().to_string()).collect())
        }
    }
}

fn write_sidecar(path: &Path, doc: &Value, basis: &Computed) -> Result<()> {
    let mut sidecar = doc.clone();
    match basis {
        Computed::Orbits(orbits) => {
            sidecar["conventions"] = json!({
                "crate": format!("equivariant {}", env!("CARGO_PKG_VERSION")),
                "tensor_layout": "row-major, first index slowest; V = R^n with P e_i = e_{g(i)}",
                "set_partitions": "blocks of the positions 1..l (outputs) then l+1..l+k (inputs); element = 1 exactly where the index tuple's equality pattern is the partition",
            });
            sidecar["elements"] = Value::Array(
                orbits
                    .partitions()
                    .iter()
                    .enumerate()
                    .map(|(i, pi)| {
                        json!({"index": i, "kind": "orbit", "set_partition": pi.to_string()})
                    })
                    .collect(),
            );
        }
        Computed::Nullspace(elements, _, _) => {
            sidecar["conventions"] = json!({
                "crate": format!("equivariant {}", env!("CARGO_PKG_VERSION")),
                "matrices": "element [b, i, j] maps in-coordinate j to out-coordinate i, in the bases of the representations as built",
                "constraints": "rho_out(g) A = A rho_in(g) for the discrete generators, drho_out(X) A = A drho_in(X) for the Lie-algebra basis; vec(A) column-major",
            });
            sidecar["elements"] = Value::Array(
                (0..elements.len())
                    .map(|i| json!({"index": i, "kind": "nullspace vector"}))
                    .collect(),
            );
        }
    }
    let json_path = sibling(path, ".json");
    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&sidecar).unwrap_or_default(),
    )
    .map_err(|e| Error::InvalidInput(format!("cannot write {}: {e}", json_path.display())))
}
