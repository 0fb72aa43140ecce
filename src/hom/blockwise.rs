//! The blockwise nullspace: the equivariance constraints solved in the eigenbasis of one
//! generator, without forming the `(dim V · dim W)²` constraint matrices.
//!
//! **One constraint, solved by structure.** Take a constraint `R A = A S` whose matrices are
//! both orthogonal (a discrete generator of an orthogonal representation) or both
//! antisymmetric (a Lie-algebra element). A normal matrix splits its space orthogonally into
//! the eigenspaces of a symmetric matrix — `(R + Rᵀ)/2` with eigenvalue `cos θ`, or `XᵀX = −X²`
//! with eigenvalue `k²` — on each of which it is `±1`/`0`, or `cos θ + sin θ J` / `k J` with a
//! complex structure `J` (`J² = −1`). Let `U_R`, `U_S` be orthonormal bases adapted to these
//! splittings (pairs `v, J v` on the complex ones). Then `R A = A S` holds exactly when
//! `X = U_Rᵀ A U_S` maps each eigenspace of `S` into the eigenspace of `R` with the same
//! eigenvalue and commutes with `J` there: in the pair bases every 2×2 block is
//! `[[a, −b], [b, a]]`. This is the Kronecker structure of `(I ⊗ R) − (Sᵀ ⊗ I)`: its nullspace is
//! spanned by the matrix units `E_pq` of matching real eigenvalues and by
//! `(E_{p,q} + E_{p+1,q+1})/√2`, `(E_{p+1,q} − E_{p,q+1})/√2` on matching complex pairs — an
//! orthonormal basis `X_1 … X_d` found in `O(dim³)`, with `d = Σ a_λ b_λ` (real) `+ Σ a_λ b_λ/2`
//! (complex) for the eigenspace dimensions `a_λ` of `R` and `b_λ` of `S`.
//!
//! **The other constraints, on that space.** For `A = Σ_i y_i U_R X_i U_Sᵀ`, each further
//! constraint `(R', S')` gives `‖R' A − A S'‖²_F = yᵀ G y` with the Gram matrix
//! `G_ik = ⟨C(X_i), C(X_k)⟩_F`, `C(X) = R̃ X − X S̃`, `R̃ = U_Rᵀ R' U_R`, `S̃ = U_Sᵀ S' U_S`. On
//! matrix units, `⟨C(E_pq), C(E_p'q')⟩ = (R̃ᵀR̃)_{pp'} δ_{qq'} − R̃_{p'p} S̃_{q'q} − R̃_{pp'} S̃_{qq'} +
//! δ_{pp'} (S̃S̃ᵀ)_{qq'}`, so `G` costs `O(d²)` from `dim × dim` products. The solutions are the
//! null eigenvectors of the symmetric `Σ G` (`d × d`), reported with the gap
//! `√λ_kept / √λ_dropped`, and the basis is `A = U_R (Σ_i y_i X_i) U_Sᵀ`, orthonormal in the
//! Frobenius inner product.
//!
//! The constraint chosen first is the one with the smallest solution space `d`.

use crate::linalg::complex_structure_pairs;
use crate::{Error, Result};
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Largest number `d` of first solutions: the Gram matrix is `d × d` and its symmetric
/// eigen-decomposition costs `O(d³)` (about a second at `d ≈ 1000`).
pub const MAX_FIRST_SOLUTIONS: usize = 2500;
/// Tolerance of orthogonality and antisymmetry.
const STRUCTURE_TOLERANCE: f64 = 1e-9;
/// Relative tolerance of eigenvalue clustering and of matching eigenvalues across sides.
const CLUSTER_TOLERANCE: f64 = 1e-10;
/// A piece is a rotation plane when `sin θ` (or `k`) exceeds this, relative to `1 + max|R|`.
const ROTATION_TOLERANCE: f64 = 1e-10;
/// Largest dense basis assembled (1 GiB).
const MAX_BASIS_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;
/// Largest generator dimension whose eigen-decomposition is attempted.
pub const MAX_BLOCKWISE_DIM: usize = 1500;
/// `λ ≤ NULL_TOLERANCE · max(1, λ_max)` counts as zero in the Gram matrix.
const NULL_TOLERANCE: f64 = 1e-10;

/// What kind of normal matrix a constraint side is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Orthogonal,
    Antisymmetric,
}

fn is_antisymmetric(m: &DMatrix<f64>) -> bool {
    (m + m.transpose()).amax() <= STRUCTURE_TOLERANCE * (1.0 + m.amax())
}

fn is_orthogonal(m: &DMatrix<f64>) -> bool {
    (m.transpose() * m - DMatrix::identity(m.nrows(), m.ncols())).amax() <= STRUCTURE_TOLERANCE
}

/// The kind both sides of a constraint share (orthogonal first: a rotation by 90° is both).
fn common_kind(s: &DMatrix<f64>, r: &DMatrix<f64>) -> Option<Kind> {
    if is_orthogonal(s) && is_orthogonal(r) {
        Some(Kind::Orthogonal)
    } else if is_antisymmetric(s) && is_antisymmetric(r) {
        Some(Kind::Antisymmetric)
    } else {
        None
    }
}

/// One eigenspace of a side: columns `start..start + dim` of `U`.
#[derive(Clone, Copy)]
struct Cluster {
    /// `cos θ` (orthogonal) or `k` (antisymmetric).
    key: f64,
    /// Whether the columns come in pairs `v, J v`.
    complex: bool,
    start: usize,
    dim: usize,
}

/// The eigenspaces of one side: the symmetric eigen-decomposition, grouped (module docs).
struct Splitting {
    kind: Kind,
    eigenvectors: DMatrix<f64>,
    /// `(key, complex, sin θ or k, eigenvector indices)` per eigenspace, by increasing
    /// eigenvalue.
    groups: Vec<(f64, bool, f64, Vec<usize>)>,
}

impl Splitting {
    fn new(m: &DMatrix<f64>, kind: Kind) -> Self {
        let symmetric = match kind {
            Kind::Orthogonal => (m + m.transpose()) * 0.5,
            Kind::Antisymmetric => m.transpose() * m,
        };
        let eigen = symmetric.symmetric_eigen();
        let mut order: Vec<usize> = (0..m.nrows()).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[a].total_cmp(&eigen.eigenvalues[b]));
        // Rounding puts eigenvalues within ~1e-15 · ‖H‖ of the truth; distinct cos θ (or k²)
        // of rotations of order up to ~10⁴ differ by far more than this tolerance.
        let tolerance = CLUSTER_TOLERANCE * (1.0 + eigen.eigenvalues.amax());
        let mut raw: Vec<Vec<usize>> = Vec::new();
        for &i in &order {
            match raw.last_mut() {
                Some(g) if eigen.eigenvalues[i] - eigen.eigenvalues[g[0]] <= tolerance => g.push(i),
                _ => raw.push(vec![i]),
            }
        }
        let groups = raw
            .into_iter()
            .map(|g| {
                let lambda = g.iter().map(|&i| eigen.eigenvalues[i]).sum::<f64>() / g.len() as f64;
                // The rotation part of the piece, read directly (accurate for tiny angles):
                // ‖(R − Rᵀ)/2 · v‖ = sin θ, ‖X v‖ = k.
                let v = eigen.eigenvectors.column(g[0]);
                let rotation = match kind {
                    Kind::Orthogonal => ((m - m.transpose()) * 0.5 * v).norm(),
                    Kind::Antisymmetric => (m * v).norm(),
                };
                let key = match kind {
                    Kind::Orthogonal => lambda.clamp(-1.0, 1.0),
                    Kind::Antisymmetric => lambda.max(0.0).sqrt(),
                };
                (
                    key,
                    rotation > ROTATION_TOLERANCE * (1.0 + m.amax()),
                    rotation,
                    g,
                )
            })
            .collect();
        Self {
            kind,
            eigenvectors: eigen.eigenvectors,
            groups,
        }
    }

    /// The clusters in the column order of [`Self::adapted_basis`].
    fn clusters(&self) -> Vec<Cluster> {
        let mut start = 0;
        self.groups
            .iter()
            .map(|(key, complex, _, g)| {
                let c = Cluster {
                    key: *key,
                    complex: *complex,
                    start,
                    dim: g.len(),
                };
                start += g.len();
                c
            })
            .collect()
    }

    /// `U`: each eigenspace's eigenvectors, in pairs `v, J v` on the complex ones.
    fn adapted_basis(&self, m: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        let d = m.nrows();
        let mut columns: Vec<nalgebra::DVector<f64>> = Vec::with_capacity(d);
        for (_, complex, rotation, g) in &self.groups {
            let space = self.eigenvectors.select_columns(g);
            let block = if *complex {
                // On the piece, R = cos θ + sin θ J and X = k J.
                let j = match self.kind {
                    Kind::Orthogonal => (m - m.transpose()) * (0.5 / *rotation),
                    Kind::Antisymmetric => m / *rotation,
                };
                complex_structure_pairs(&space, &j)?
            } else {
                space
            };
            columns.extend(block.column_iter().map(|c| c.into_owned()));
        }
        Ok(crate::linalg::matrix_from_columns(d, &columns))
    }
}

/// A solution of the first constraint in the adapted bases: `Σ coefficient · E_pq`.
type SparseSolution = Vec<(usize, usize, f64)>;

/// Whether two pieces carry the same eigenvalue (and so the same rotation).
fn same_piece(a: &Cluster, b: &Cluster) -> bool {
    a.complex == b.complex && (a.key - b.key).abs() <= 1e3 * CLUSTER_TOLERANCE * (1.0 + a.key.abs())
}

/// The orthonormal solutions `X_i` of the first constraint (module docs).
fn first_solutions(r: &[Cluster], s: &[Cluster]) -> Vec<SparseSolution> {
    let half = std::f64::consts::FRAC_1_SQRT_2;
    let mut out = Vec::new();
    for cr in r {
        for cs in s {
            if !same_piece(cr, cs) {
                continue;
            }
            if !cr.complex {
                for p in cr.start..cr.start + cr.dim {
                    for q in cs.start..cs.start + cs.dim {
                        out.push(vec![(p, q, 1.0)]);
                    }
                }
                continue;
            }
            for p in (cr.start..cr.start + cr.dim).step_by(2) {
                for q in (cs.start..cs.start + cs.dim).step_by(2) {
                    out.push(vec![(p, q, half), (p + 1, q + 1, half)]);
                    out.push(vec![(p + 1, q, half), (p, q + 1, -half)]);
                }
            }
        }
    }
    out
}

/// The number of first solutions, without listing them.
fn solution_count(r: &[Cluster], s: &[Cluster]) -> usize {
    let mut total = 0;
    for cr in r {
        for cs in s {
            if same_piece(cr, cs) {
                total += if cr.complex {
                    cr.dim * cs.dim / 2
                } else {
                    cr.dim * cs.dim
                };
            }
        }
    }
    total
}

/// The blockwise nullspace of the constraints `pairs = [(S_j, R_j)]` (`R_j A = A S_j`), or
/// `None` when no constraint has orthogonal or antisymmetric matrices on both sides. Returns
/// the orthonormal basis (`dim W × dim V` matrices) and the Gram gap (`None` when there is a
/// single constraint or every eigenvalue is zero).
///
/// Errors: [`Error::TooLarge`] when `d` exceeds [`MAX_FIRST_SOLUTIONS`];
/// [`Error::Numerical`] for an inconsistent complex structure.
#[allow(clippy::type_complexity)]
pub fn blockwise_nullspace(
    pairs: &[(DMatrix<f64>, DMatrix<f64>)],
    out_dim: usize,
    in_dim: usize,
) -> Result<Option<(Vec<DMatrix<f64>>, Option<f64>)>> {
    if out_dim == 0 || in_dim == 0 {
        return Ok(Some((Vec::new(), None)));
    }
    if out_dim.max(in_dim) > MAX_BLOCKWISE_DIM {
        return Err(Error::TooLarge {
            what: format!(
                "the blockwise nullspace of Hom({in_dim} → {out_dim}): eigen-decompositions of \
                 the generator matrices"
            ),
            needed: format!("dimension {}", out_dim.max(in_dim)),
            limit: format!("dimension {MAX_BLOCKWISE_DIM}"),
        });
    }
    let mut best: Option<(usize, Splitting, Splitting)> = None;
    let mut first = usize::MAX;
    for (index, (s, r)) in pairs.iter().enumerate() {
        let Some(kind) = common_kind(s, r) else {
            continue;
        };
        let (sr, ss) = (Splitting::new(r, kind), Splitting::new(s, kind));
        let count = solution_count(&sr.clusters(), &ss.clusters());
        if best.as_ref().is_none_or(|b| count < b.0) {
            best = Some((count, sr, ss));
            first = index;
        }
    }
    let Some((count, sr, ss)) = best else {
        return Ok(None);
    };
    if count > MAX_FIRST_SOLUTIONS {
        return Err(Error::TooLarge {
            what: format!(
                "the blockwise nullspace of Hom({in_dim} → {out_dim}): the eigen-decomposition \
                 of a Gram matrix on the solutions of one generator"
            ),
            needed: format!("{count} × {count}"),
            limit: format!("{MAX_FIRST_SOLUTIONS} × {MAX_FIRST_SOLUTIONS}"),
        });
    }
    let (s0, r0) = &pairs[first];
    let (ur, us) = (sr.adapted_basis(r0)?, ss.adapted_basis(s0)?);
    let (cr, cs) = (sr.clusters(), ss.clusters());
    let solutions = first_solutions(&cr, &cs);
    let mut gram = DMatrix::<f64>::zeros(count, count);
    // Every constraint enters the Gram matrix, the first one too: its solutions were built from
    // a clustering of eigenvalues, and the Gram matrix certifies them.
    for (s, r) in pairs {
        let rt = ur.transpose() * r * &ur;
        let st = us.transpose() * s * &us;
        let (rtr, sst) = (rt.transpose() * &rt, &st * st.transpose());
        let unit = |(p, q): (usize, usize), (pp, qq): (usize, usize)| {
            let mut v = -rt[(pp, p)] * st[(qq, q)] - rt[(p, pp)] * st[(q, qq)];
            if q == qq {
                v += rtr[(p, pp)];
            }
            if p == pp {
                v += sst[(q, qq)];
            }
            v
        };
        let rows: Vec<Vec<f64>> = solutions
            .par_iter()
            .map(|xi| {
                solutions
                    .iter()
                    .map(|xk| {
                        let mut total = 0.0;
                        for &(p, q, a) in xi {
                            for &(pp, qq, b) in xk {
                                total += a * b * unit((p, q), (pp, qq));
                            }
                        }
                        total
                    })
                    .collect()
            })
            .collect();
        for (i, row) in rows.into_iter().enumerate() {
            for (k, v) in row.into_iter().enumerate() {
                gram[(i, k)] += v;
            }
        }
    }
    let (coefficients, gap) = if count > 0 {
        let eigen = gram.symmetric_eigen();
        let largest = eigen.eigenvalues.amax().max(1.0);
        let cut = NULL_TOLERANCE * largest;
        let null: Vec<usize> = (0..count)
            .filter(|&i| eigen.eigenvalues[i] <= cut)
            .collect();
        let dropped = null
            .iter()
            .map(|&i| eigen.eigenvalues[i].max(0.0))
            .fold(0.0, f64::max);
        let kept = (0..count)
            .filter(|i| !null.contains(i))
            .map(|i| eigen.eigenvalues[i])
            .fold(f64::INFINITY, f64::min);
        let gap = (kept.is_finite() && !null.is_empty()).then(|| (kept / dropped).sqrt());
        (eigen.eigenvectors.select_columns(&null), gap)
    } else {
        (DMatrix::identity(count, count), None)
    };
    let bytes = coefficients.ncols() as f64 * out_dim as f64 * in_dim as f64 * 8.0;
    if bytes > MAX_BASIS_BYTES {
        return Err(Error::TooLarge {
            what: format!(
                "the dense nullspace basis [{}, {out_dim}, {in_dim}] (the orbit route stores \
                 permutation bases sparsely)",
                coefficients.ncols()
            ),
            needed: crate::error::human_bytes(bytes),
            limit: crate::error::human_bytes(MAX_BASIS_BYTES),
        });
    }
    let basis = (0..coefficients.ncols())
        .into_par_iter()
        .map(|c| {
            let mut x = DMatrix::<f64>::zeros(out_dim, in_dim);
            for (i, solution) in solutions.iter().enumerate() {
                let y = coefficients[(i, c)];
                if y != 0.0 {
                    for &(p, q, a) in solution {
                        x[(p, q)] += y * a;
                    }
                }
            }
            &ur * x * us.transpose()
        })
        .collect();
    Ok(Some((basis, gap)))
}
