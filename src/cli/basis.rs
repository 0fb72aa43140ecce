//! `equivariant basis --group G --in R --out R [--method auto|schur|nullspace|orbits] [--check]
//! [--form dense|sparse|operator] [--output F.npy] [--json]`: a basis of `Hom_G(R_in, R_out)`
//! ([`crate::hom::hom_basis`]).
//!
//! For `S_n` on tensor powers of `V = R^n` (`--in V^k --out V^l`), `auto` and `orbits` take the
//! set-partition basis (Maron et al.; [`crate::symmetric::set_partitions`]), which is never
//! formed densely; every other case goes through [`crate::hom::hom_basis`]. `--check` runs every
//! applicable route ([`crate::hom::check`]) and reports each one's dimension, time, residual
//! and largest principal angle to the first, or why it was skipped.
//!
//! Output (DESIGN): `--form dense` writes `F.npy`, a `[dim, out_dim, in_dim]` float64 array
//! (element `b` at `[b, i, j]`: out-coordinate `i`, in-coordinate `j`); `--form sparse` and
//! `--form operator` write the COO arrays `F.rows.npy`, `F.cols.npy` (uint64), `F.vals.npy`
//! (float64) and `F.index.npy` (uint64, the element of each entry). Beside either, `F.json`
//! holds the printed keys, the conventions and one entry per element. A dense array above
//! 1 GiB is refused with its size and the sparse form offered; nothing is written when the
//! computation fails.

use crate::error::human_bytes;
use crate::group::{AnyGroup, Family, FiniteGroup, build_group};
use crate::hom::check::{RouteReport, cross_check};
use crate::hom::{ElementLabel, EquivariantBasis, SchurGroup, hom_basis};
use crate::io::build::{RepAtoms, build_rep};
use crate::io::expr::{RepExpr, parse_group, parse_rep};
use crate::io::npy::{write_f64, write_u64};
use crate::{Error, Result};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// How the basis is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// The orbit route when it applies, else Schur or the nullspace (`hom_basis`).
    Auto,
    /// Decomposition into irreducibles (Schur's lemma).
    Schur,
    /// The nullspace of the equivariance constraints.
    Nullspace,
    /// Orbits of the group on pairs of basis points (permutation representations).
    Orbits,
}

impl From<Method> for crate::hom::Method {
    fn from(m: Method) -> Self {
        match m {
            Method::Auto => crate::hom::Method::Auto,
            Method::Schur => crate::hom::Method::Schur,
            Method::Nullspace => crate::hom::Method::Nullspace,
            Method::Orbits => crate::hom::Method::Orbits,
        }
    }
}

/// How the basis is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Form {
    /// A `[dim, out_dim, in_dim]` float64 array.
    Dense,
    /// COO arrays (`rows`, `cols`, `vals`, `index`).
    Sparse,
    /// COO arrays too; the set-partition basis is then never formed densely.
    Operator,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Form::Dense => "dense",
            Form::Sparse => "sparse",
            Form::Operator => "operator",
        }
    }
}

/// The problem `Hom_G(in, out)` and its route, as given on the command line (`basis` and
/// `bench basis`).
#[derive(clap::Args, Debug)]
pub struct Problem {
    /// Group name.
    #[arg(long, default_value = "S5")]
    pub group: String,
    /// Input representation, e.g. V^2.
    #[arg(long = "in", default_value = "V^2")]
    pub rep_in: String,
    /// Output representation, e.g. V^2.
    #[arg(long = "out", default_value = "V^2")]
    pub rep_out: String,
    /// auto, schur, nullspace or orbits.
    #[arg(long, value_enum, default_value = "auto")]
    pub method: Method,
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
    /// Dense, sparse or operator output.
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

/// `(n, k, l)` when the request is `S_n` on `V^k → V^l`.
fn set_partition_case(
    group: &AnyGroup,
    rep_in: &RepExpr,
    rep_out: &RepExpr,
) -> Option<(usize, usize, usize)> {
    let AnyGroup::Finite(g) = group else {
        return None;
    };
    let Family::Symmetric(n) = *g.family() else {
        return None;
    };
    Some((n, power_of_v(rep_in)?, power_of_v(rep_out)?))
}

/// The basis, and with `--check` the route reports.
struct Outcome {
    basis: EquivariantBasis,
    routes: Option<Vec<RouteReport>>,
}

/// Computes the basis for a group of the catalogue (`set_partitions`: the `S_n` tensor case).
fn compute<G: RepAtoms + SchurGroup>(
    group: &Arc<G>,
    (rep_in, rep_out): (&RepExpr, &RepExpr),
    request: &BasisRequest,
    set_partitions: Option<(usize, usize, usize, Vec<crate::group::Permutation>)>,
) -> Result<Outcome> {
    let method = request.method;
    let fast = match &set_partitions {
        Some((n, k, l, generators))
            if matches!(method, Method::Auto | Method::Orbits) || request.check =>
        {
            let start = Instant::now();
            let basis = EquivariantBasis::set_partitions(*n, *k, *l, generators)?;
            Some((basis, start.elapsed().as_secs_f64()))
        }
        _ => None,
    };
    let reps = || -> Result<_> { Ok((build_rep(group, rep_in)?, build_rep(group, rep_out)?)) };
    let routes = if request.check {
        Some(match reps() {
            Ok((v, w)) => cross_check(
                v.as_ref(),
                w.as_ref(),
                fast.as_ref().map(|(b, s)| ("set partitions", b, *s)),
            )?,
            Err(e) => skipped_all(fast.as_ref(), &e),
        })
    } else {
        None
    };
    let basis = match fast {
        Some((basis, _)) if matches!(method, Method::Auto | Method::Orbits) => basis,
        _ => {
            let (v, w) = reps()?;
            hom_basis(v.as_ref(), w.as_ref(), method.into())?
        }
    };
    Ok(Outcome { basis, routes })
}

/// The reports when the representations themselves cannot be built (too large): the
/// set-partition route (if any) and every other route skipped with the reason.
fn skipped_all(fast: Option<&(EquivariantBasis, f64)>, error: &Error) -> Vec<RouteReport> {
    let extra = fast.map(|(b, s)| ("set partitions", b, *s));
    let outcomes = ["orbits", "schur", "nullspace"]
        .iter()
        .map(|m| (m.to_string(), Err(error.clone()), 0.0))
        .collect();
    crate::hom::check::compare(extra, outcomes)
}

/// Runs `basis` and returns what to print.
pub fn basis_command(request: &BasisRequest) -> Result<String> {
    let any = build_group(&parse_group(request.group)?)?;
    let (rep_in, rep_out) = (parse_rep(request.rep_in)?, parse_rep(request.rep_out)?);
    let exprs = (&rep_in, &rep_out);
    let start = Instant::now();
    let outcome = match &any {
        AnyGroup::Finite(g) => {
            let sn = set_partition_case(&any, &rep_in, &rep_out)
                .map(|(n, k, l)| (n, k, l, g.generators()));
            compute(g, exprs, request, sn)?
        }
        AnyGroup::SO2(g) => compute(g, exprs, request, None)?,
        AnyGroup::O2(g) => compute(g, exprs, request, None)?,
        AnyGroup::SO3(g) => compute(g, exprs, request, None)?,
        AnyGroup::O3(g) => compute(g, exprs, request, None)?,
    };
    let basis = &outcome.basis;
    if request.output.is_some() && request.form == Form::Dense {
        basis.check_dense_size()?;
    }
    let written = match request.output {
        Some(path) => Some(write_basis(basis, request.form, path)?),
        None => None,
    };
    let seconds = start.elapsed().as_secs_f64();
    let mut doc = json!({
        "group": any.name(),
        "in": request.rep_in,
        "out": request.rep_out,
        "in_dim": basis.in_dim,
        "out_dim": basis.out_dim,
        "dim": basis.len(),
        "method": if matches!(basis.elements, crate::hom::Elements::SetPartitions(_)) {
            "orbits".to_string()
        } else {
            basis.method.name().to_string()
        },
        "exact": basis.exact,
        "form": request.form.name(),
        "max_residual": finite_or_null(basis.max_residual),
        "seconds": seconds,
        "output": written.as_ref().map(|files| files.join(", ")),
    });
    if let Some(gap) = basis.gap {
        doc["gap"] = finite_or_null(gap);
    }
    if let Some(routes) = &outcome.routes {
        doc["routes"] = Value::Array(routes.iter().map(route_json).collect());
        doc["agree"] = json!(routes_agree(routes));
    }
    if let Some(path) = request.output {
        write_sidecar(path, &doc, basis)?;
    }
    if request.json {
        return Ok(doc.to_string());
    }
    Ok(human(
        request,
        &any.name(),
        basis,
        outcome.routes.as_deref(),
        written,
    ))
}

/// `x` as a JSON number, `null` when not finite.
fn finite_or_null(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}

/// Whether every route that ran has the reference's dimension, a span within 1e-9 of it and
/// an equivariance residual below 1e-8.
fn routes_agree(routes: &[RouteReport]) -> bool {
    let dims: Vec<usize> = routes.iter().filter_map(|r| r.dim).collect();
    dims.windows(2).all(|w| w[0] == w[1])
        && routes
            .iter()
            .filter_map(|r| r.max_principal_angle)
            .all(|a| a < 1e-9)
        && routes
            .iter()
            .filter_map(|r| r.max_residual)
            .all(|x| x < 1e-8)
}

fn route_json(r: &RouteReport) -> Value {
    match &r.skipped {
        Some(reason) => json!({"method": r.method, "skipped": reason, "seconds": r.seconds}),
        None => json!({
            "method": r.method,
            "dim": r.dim,
            "seconds": r.seconds,
            "max_residual": r.max_residual.map(finite_or_null),
            "max_principal_angle": r.max_principal_angle.map(finite_or_null),
            "note": r.note,
        }),
    }
}

/// The human-readable report.
fn human(
    request: &BasisRequest,
    group: &str,
    basis: &EquivariantBasis,
    routes: Option<&[RouteReport]>,
    written: Option<Vec<String>>,
) -> String {
    let how = match (&basis.elements, basis.exact, basis.gap) {
        (crate::hom::Elements::SetPartitions(_), _, _) => {
            "orbit basis (set partitions, outputs first), exact 0/1".to_string()
        }
        (crate::hom::Elements::Orbits(_), _, _) => "orbit basis, exact 0/±1".to_string(),
        (_, true, _) => format!("{} basis, exact over Q", basis.method),
        (_, false, Some(gap)) => {
            format!("{} basis (SVD, singular-value gap {gap:.1e})", basis.method)
        }
        (_, false, None) => format!("{} basis", basis.method),
    };
    let mut out = format!(
        "Hom_{group}({} → {}): dimension {} ({} → {}), {how}; max equivariance residual {:.1e}\n",
        request.rep_in,
        request.rep_out,
        basis.len(),
        basis.in_dim,
        basis.out_dim,
        basis.max_residual
    );
    for (i, label) in basis.labels.iter().enumerate().take(40) {
        out.push_str(&format!("  {i:>3}  {}\n", describe(label)));
    }
    if basis.len() > 40 {
        out.push_str(&format!(
            "  … {} more (all in the sidecar with --output)\n",
            basis.len() - 40
        ));
    }
    if let Some(routes) = routes {
        out.push_str("routes:\n");
        for r in routes {
            match &r.skipped {
                Some(reason) => out.push_str(&format!("  {:<15} skipped: {reason}\n", r.method)),
                None => out.push_str(&format!(
                    "  {:<15} dim {:<6} {:>10.3e} s  residual {:.1e}  max principal angle {}\n",
                    r.method,
                    r.dim.unwrap_or(0),
                    r.seconds,
                    r.max_residual.unwrap_or(f64::NAN),
                    r.max_principal_angle.map_or_else(
                        || r.note.clone().unwrap_or_default(),
                        |a| format!("{a:.1e}")
                    )
                )),
            }
        }
        out.push_str(if routes_agree(routes) {
            "all routes agree\n"
        } else {
            "ROUTES DISAGREE\n"
        });
    }
    if let Some(files) = written {
        out.push_str(&format!("written: {}\n", files.join(", ")));
    }
    out
}

/// One element's description for the human output.
fn describe(label: &ElementLabel) -> String {
    match label {
        ElementLabel::NullspaceVector => "nullspace vector".into(),
        ElementLabel::Orbit {
            representative: (i, j),
            size,
        } => format!("orbit of ({i}, {j}), {size} entries"),
        ElementLabel::SetPartition(pi) => pi.clone(),
        ElementLabel::Irrep(e) => format!(
            "irrep {} (type {}): out copy {}, in copy {}, endomorphism {}",
            e.irrep,
            e.real_type.symbol(),
            e.out_copy,
            e.in_copy,
            e.endomorphism
        ),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "basis".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}{suffix}"))
}

fn write_basis(basis: &EquivariantBasis, form: Form, path: &Path) -> Result<Vec<String>> {
    let (b, rows, cols) = (basis.len(), basis.out_dim, basis.in_dim);
    if form == Form::Dense {
        basis.check_dense_size()?;
        let mut data = vec![0.0; b * rows * cols];
        basis.for_each_entry(|idx, r, c, v| data[(idx * rows + r) * cols + c] = v)?;
        write_f64(path, &[b as u64, rows as u64, cols as u64], &data)?;
        return Ok(vec![path.display().to_string()]);
    }
    let total = basis.nnz()?;
    // rows, cols, index (u64) and vals (f64): 32 bytes per non-zero.
    let bytes = total as f64 * 32.0;
    let limit = 4.0 * crate::hom::MAX_DENSE_BYTES;
    if bytes > limit {
        return Err(Error::TooLarge {
            what: format!("the COO arrays of {total} non-zeros"),
            needed: human_bytes(bytes),
            limit: human_bytes(limit),
        });
    }
    let capacity = total as usize;
    let (mut r, mut c, mut v, mut index) = (
        Vec::with_capacity(capacity),
        Vec::with_capacity(capacity),
        Vec::with_capacity(capacity),
        Vec::with_capacity(capacity),
    );
    basis.for_each_entry(|idx, row, col, value| {
        r.push(row as u64);
        c.push(col as u64);
        v.push(value);
        index.push(idx as u64);
    })?;
    let nnz = [v.len() as u64];
    let files = [".rows.npy", ".cols.npy", ".vals.npy", ".index.npy"].map(|s| sibling(path, s));
    write_u64(&files[0], &nnz, &r)?;
    write_u64(&files[1], &nnz, &c)?;
    write_f64(&files[2], &nnz, &v)?;
    write_u64(&files[3], &nnz, &index)?;
    Ok(files.iter().map(|f| f.display().to_string()).collect())
}

/// The conventions of the export, by route.
fn conventions(basis: &EquivariantBasis) -> Value {
    let crate_version = format!("equivariant {}", env!("CARGO_PKG_VERSION"));
    let matrices = "element [b, i, j] maps in-coordinate j to out-coordinate i, in the bases of the representations as built";
    match &basis.elements {
        crate::hom::Elements::SetPartitions(_) => json!({
            "crate": crate_version,
            "matrices": matrices,
            "tensor_layout": "row-major, first index slowest; V = R^n with P e_i = e_{g(i)}",
            "set_partitions": "blocks of the positions 1..l (outputs) then l+1..l+k (inputs); element = 1 exactly where the index tuple's equality pattern is the partition",
        }),
        crate::hom::Elements::Orbits(_) => json!({
            "crate": crate_version,
            "matrices": matrices,
            "orbits": "element = ±1 on one orbit of G on (out, in) positions, signs from the signed permutations; representative = its first position in row-major order",
        }),
        crate::hom::Elements::Dense(_) if basis.method == crate::hom::Method::Schur => json!({
            "crate": crate_version,
            "matrices": matrices,
            "schur": "A = Q_out[:, out copy] B Q_in^{-1}[in copy, :] with Q^{-1} rho(g) Q block diagonal in the library's real irreps and B the endomorphism basis element (identity; for complex type also the complex structure J; for quaternionic type I, i, j, k)",
        }),
        crate::hom::Elements::Dense(_) => json!({
            "crate": crate_version,
            "matrices": matrices,
            "constraints": "rho_out(g) A = A rho_in(g) for the discrete generators, drho_out(X) A = A drho_in(X) for the Lie-algebra basis; vec(A) column-major",
        }),
    }
}

fn element_json(index: usize, label: &ElementLabel) -> Value {
    let mut entry = json!({"index": index, "kind": label.kind()});
    match label {
        ElementLabel::NullspaceVector => {}
        ElementLabel::Orbit {
            representative: (i, j),
            size,
        } => {
            entry["representative"] = json!([i, j]);
            entry["size"] = json!(size);
        }
        ElementLabel::SetPartition(pi) => entry["set_partition"] = json!(pi),
        ElementLabel::Irrep(e) => {
            entry["irrep"] = json!(e.irrep);
            entry["type"] = json!(e.real_type.symbol());
            entry["out_copy"] = json!(e.out_copy);
            entry["in_copy"] = json!(e.in_copy);
            entry["endomorphism"] = json!(e.endomorphism);
        }
    }
    entry
}

fn write_sidecar(path: &Path, doc: &Value, basis: &EquivariantBasis) -> Result<()> {
    let mut sidecar = doc.clone();
    sidecar["conventions"] = conventions(basis);
    sidecar["elements"] = Value::Array(
        basis
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| element_json(i, label))
            .collect(),
    );
    let json_path = sibling(path, ".json");
    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&sidecar).unwrap_or_default(),
    )
    .map_err(|e| Error::InvalidInput(format!("cannot write {}: {e}", json_path.display())))
}
