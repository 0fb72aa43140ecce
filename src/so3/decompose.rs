//! Decomposition of any finite-dimensional real representation of `SO(3)` or `O(3)` into the
//! standard real irreps, with an explicit change of basis.
//!
//! # Input and output
//!
//! A representation is given by its Lie-algebra matrices `X_k = dρ(L_k)` (`k = x, y, z`, in the
//! order of [`so3_basis`](super::angular_momentum::so3_basis)) and, for `O(3)`, the parity
//! `P = ρ(−I)`. [`decompose_so3`] returns a real invertible `Q` with
//!
//! ```text
//! Q⁻¹ X_k Q = ⊕_b dD_real^{l_b}(L_k)      Q⁻¹ P Q = ⊕_b (±1) I_{2 l_b + 1}
//! ```
//!
//! in the standard real basis of [`real_generators`]. The blocks are ordered by `l` ascending,
//! for `O(3)` even (`e`) before odd (`o`) within one `l`, all copies of one irrep consecutive,
//! each copy `2l + 1` columns `m = −l..l`: exactly the order of the e3nn-style label
//! [`So3Decomposition::irreps_string`], e.g. `2x0e+1x1e+1x1o+1x2e` (`l` first, then parity).
//! When the `X_k` are antisymmetric (and `P` symmetric), `ρ` is orthogonal and so is
//! `Q` (`Q⁻¹ = Qᵀ`).
//!
//! # Method
//!
//! In the complexification the operators `J_k = i X_k` are the angular-momentum operators: from
//! `dD_real^l(L_k) = U (i J_k*) U†` ([`super::angular_momentum`]) one gets
//! `J_k = W† (i dD_real^l(L_k)) W` with `W = conj(U)`, so the vector `|l m⟩` of the standard
//! basis is the column `conj(U)[:, m + l]` in real coordinates, and `|l 0⟩` is the real basis
//! vector `m = 0` itself.
//!
//! 1. **Weight zero.** Every copy of `D^l` (integer `l`) contains exactly one line of `J_z = 0`
//!    vectors, and it is real. So the real kernel `K = ker X_z` has dimension `Σ_l m_l`.
//! 2. **Casimir.** `C = −Σ_k X_k² = J²` commutes with `X_z`, so it maps `K` to itself; its
//!    eigenvalues there are `l(l+1)` and the eigenspace of `l(l+1)` in `K` is the weight-zero
//!    space of the `l`-isotypic component. Eigenvalues that are not `l(l+1)` for an integer `l`
//!    are an error (the matrices are not a representation of `SO(3)`).
//! 3. **Parity.** `P` commutes with `X_z` and `C`, so it is an involution of each of these
//!    eigenspaces; its `±1` eigenspaces are the ranges of `(I ± P)/2` there.
//! 4. **Ladder.** For each basis vector `w` of such a space, `v_0 = w`,
//!    `v_{μ} = J_+ v_{μ−1} / √(l(l+1) − (μ−1)μ)` with `J_+ = J_x + i J_y = i X_x − X_y`
//!    (Condon–Shortley) is the image of `|l μ⟩` under an intertwiner `Φ` from `D^l`. `Φ` is real
//!    (its conjugate is an intertwiner with the same value on the real `|l 0⟩`), so
//!    `v_{−μ} = (−1)^μ conj(v_μ)`, and the columns of the copy, `V (U^l)ᵀ` with
//!    `V = [v_{−l} … v_l]`, are real: `q_0 = w`, `q_{μ} = √2 (−1)^μ Re v_μ`,
//!    `q_{−μ} = √2 (−1)^μ Im v_μ` (`μ > 0`). They are computed in this real form (only the
//!    upward ladder, in real arithmetic on `(Re v, Im v)`), and the final residual checks them.
//!
//! If `ρ` is orthogonal the `J_k` are Hermitian, `K` and the eigenspaces get orthonormal bases,
//! the ladder preserves norms, and `Q` is orthogonal. Otherwise orthonormal (in the Euclidean
//! sense) bases of `K` and of the eigenspaces in `K` are used, `Q` is merely invertible, and `Q⁻¹`
//! is computed by LU; the eigenspaces of the non-symmetric restricted Casimir `C₀` are the
//! kernels of `(C₀ − l(l+1))ᵀ (C₀ − l(l+1))` for the candidate `l`.
//!
//! Only symmetric eigen-decompositions are used (nalgebra's SVD and Schur form proved inaccurate
//! or non-convergent on such rank-deficient matrices). The cost is one `d × d` symmetric
//! eigen-decomposition (of `X_zᵀ X_z`, block by block over the connected components of its
//! non-zero pattern), small eigenproblems on `K`, and `O(d³)` products for the
//! ladder and the residual.
//!
//! References: B. C. Hall, *Lie Groups, Lie Algebras, and Representations*, 2nd ed., ch. 4
//! (§4.6, the irreps of `sl(2; C)`); J. J. Sakurai and J. Napolitano, *Modern Quantum
//! Mechanics*, §3.5. Theory page: `theory/so3-decomposition.md`.
//!
//! ```
//! use equivariant::linalg::kron_sum;
//! use equivariant::so3::angular_momentum::real_generators;
//! use equivariant::so3::decompose::{decompose_so3, real_irrep_generators_sum};
//!
//! // 1 ⊗ 1 = 0 ⊕ 1 ⊕ 2
//! let x: Vec<_> = real_generators(1).iter().map(|g| kron_sum(g, g).unwrap()).collect();
//! let d = decompose_so3(&x, None)?;
//! assert_eq!(d.irreps_string(), "1x0+1x1+1x2");
//! let blocks = real_irrep_generators_sum(&[0, 1, 2])?;
//! for (xk, bk) in x.iter().zip(&blocks) {
//!     assert!((&d.q_inverse * xk * &d.q - bk).norm() < 1e-12);
//! }
//! assert!(d.orthogonal && d.max_residual < 1e-12);
//! # Ok::<(), equivariant::Error>(())
//! ```

use super::angular_momentum::real_generators;
use crate::linalg::direct_sum;
use crate::{Error, Result};
use nalgebra::{DMatrix, DVector, SymmetricEigen};
use nalgebra_sparse::CsrMatrix;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::collections::BTreeMap;

/// The largest dimension accepted by [`decompose_so3`] and [`real_irrep_generators_sum`]: 2048
/// (a `d × d` eigen-decomposition and a few `d × d` products; seconds at this size).
pub const MAX_SO3_DECOMPOSE_DIM: usize = 2048;

/// Largest accepted absolute value of an input entry (so that the products in the checks cannot
/// overflow).
const MAX_ENTRY: f64 = 1e100;
/// Relative tolerance of the input checks (commutators, `P² = I`, `[P, X_k] = 0`).
const INPUT_TOLERANCE: f64 = 1e-8;
/// Relative tolerance for treating `X_k` as antisymmetric and `P` as symmetric.
const SYMMETRY_TOLERANCE: f64 = 1e-10;
/// Largest accepted distance of a Casimir or `J_z²` eigenvalue from its integer value, relative
/// to `1 + value`.
const EIGENVALUE_TOLERANCE: f64 = 1e-6;
/// Relative size below which a singular value counts as zero for non-orthogonal input (the
/// squared singular values come from a symmetric eigen-decomposition, accurate to `ε ‖·‖²`).
const KERNEL_TOLERANCE: f64 = 1e-5;
/// `(l, parity, W)`: the weight-0 vectors `W` (columns) of the `(l, parity)`-isotypic component.
type IsotypicSpace = (usize, Option<Parity>, DMatrix<f64>);

/// Largest accepted final residual, relative to `(1 + max_k ‖X_k‖) · max(1, ‖Q‖)`.
const ACCEPT_TOLERANCE: f64 = 1e-6;

pub use super::irreps::Parity;

/// A representation of `SO(3)` or `O(3)` written as a sum of standard real irreps.
#[derive(Clone, Debug)]
pub struct So3Decomposition {
    /// `(l, parity, multiplicity)` with multiplicity `> 0`, ordered by `l` and then parity (even
    /// first); `parity` is `None` for `SO(3)` (no parity matrix given).
    pub multiplicities: Vec<(usize, Option<Parity>, usize)>,
    /// The change of basis: `Q⁻¹ X_k Q = ⊕ real_generators(l)[k]` in the order of
    /// [`Self::multiplicities`], each copy `2l + 1` consecutive columns.
    pub q: DMatrix<f64>,
    /// `Q⁻¹` (`= Qᵀ` when [`Self::orthogonal`]).
    pub q_inverse: DMatrix<f64>,
    /// Whether the input was orthogonal (antisymmetric `X_k`, symmetric `P`); then `Q` is.
    pub orthogonal: bool,
    /// The largest of `‖X_k Q − Q B_k‖_F` (`B_k` = [`Self::block_generators`]),
    /// `‖P Q − Q Π‖_F` (`Π` = [`Self::block_parity`]) and `‖Q⁻¹ Q − I‖_F`.
    pub max_residual: f64,
}

/// The e3nn-style label of `(l, parity, multiplicity)` triples, `1x0e+2x1o` (`1x0+2x1` without
/// parities), in the given order; empty for no triples.
pub fn irreps_label(multiplicities: &[(usize, Option<Parity>, usize)]) -> String {
    multiplicities
        .iter()
        .map(|(l, parity, m)| match parity {
            Some(p) => format!("{m}x{l}{p}"),
            None => format!("{m}x{l}"),
        })
        .collect::<Vec<_>>()
        .join("+")
}

/// One `(l, parity)` per copy of `(l, parity, multiplicity)` triples, in order.
pub fn copies(multiplicities: &[(usize, Option<Parity>, usize)]) -> Vec<(usize, Option<Parity>)> {
    multiplicities
        .iter()
        .flat_map(|&(l, p, m)| std::iter::repeat_n((l, p), m))
        .collect()
}

impl So3Decomposition {
    /// The e3nn-style label, `1x0e+1x1o+2x2e` for `O(3)` and `1x0+1x1+2x2` for `SO(3)`; the
    /// empty string for the zero representation.
    pub fn irreps_string(&self) -> String {
        irreps_label(&self.multiplicities)
    }

    /// The `(l, parity)` of each block of `Q`, one entry per copy, in column order.
    pub fn blocks(&self) -> Vec<(usize, Option<Parity>)> {
        copies(&self.multiplicities)
    }

    /// `B_k = ⊕_b dD_real^{l_b}(L_k)`, `k = x, y, z`: the target of `Q⁻¹ X_k Q`.
    pub fn block_generators(&self) -> Vec<DMatrix<f64>> {
        let ls: Vec<usize> = self.blocks().iter().map(|b| b.0).collect();
        generators_sum(&ls)
    }

    /// `Π = ⊕_b (±1) I_{2 l_b + 1}`, the target of `Q⁻¹ P Q`; `None` for `SO(3)`.
    pub fn block_parity(&self) -> Option<DMatrix<f64>> {
        let blocks = self.blocks();
        let parities: Option<Vec<(usize, Parity)>> =
            blocks.iter().map(|&(l, p)| p.map(|p| (l, p))).collect();
        parities.map(|p| parity_sum(&p))
    }
}

/// `⊕_b dD_real^{l_b}(L_k)` for `k = x, y, z`: the block-diagonal Lie-algebra matrices of the
/// direct sum of the real irreps `ls` (in this order), from [`real_generators`].
///
/// [`Error::TooLarge`] when `Σ (2l + 1)` exceeds [`MAX_SO3_DECOMPOSE_DIM`].
pub fn real_irrep_generators_sum(ls: &[usize]) -> Result<Vec<DMatrix<f64>>> {
    check_sum_dim(ls.iter().copied())?;
    Ok(generators_sum(ls))
}

/// `⊕_b s_b I_{2 l_b + 1}` with `s_b = ±1` the parity of block `b`: the matrix of `−I ∈ O(3)`
/// in the direct sum of the irreps `(l_b, parity_b)`.
///
/// [`Error::TooLarge`] when `Σ (2l + 1)` exceeds [`MAX_SO3_DECOMPOSE_DIM`].
pub fn real_irrep_parity_sum(blocks: &[(usize, Parity)]) -> Result<DMatrix<f64>> {
    check_sum_dim(blocks.iter().map(|b| b.0))?;
    Ok(parity_sum(blocks))
}

fn check_sum_dim(mut ls: impl Iterator<Item = usize>) -> Result<()> {
    let dim = ls.try_fold(0usize, |acc, l| {
        l.checked_mul(2)?.checked_add(1)?.checked_add(acc)
    });
    match dim {
        Some(d) if d <= MAX_SO3_DECOMPOSE_DIM => Ok(()),
        _ => Err(Error::TooLarge {
            what: "a direct sum of SO(3) irreps".into(),
            needed: dim.map_or("more than usize::MAX".into(), |d| format!("dimension {d}")),
            limit: format!("dimension {MAX_SO3_DECOMPOSE_DIM}"),
        }),
    }
}

fn generators_sum(ls: &[usize]) -> Vec<DMatrix<f64>> {
    let mut cache: BTreeMap<usize, Vec<DMatrix<f64>>> = BTreeMap::new();
    for &l in ls {
        cache.entry(l).or_insert_with(|| real_generators(l));
    }
    (0..3)
        .map(|k| {
            let blocks: Vec<DMatrix<f64>> = ls.iter().map(|l| cache[l][k].clone()).collect();
            direct_sum(&blocks)
        })
        .collect()
}

fn parity_sum(blocks: &[(usize, Parity)]) -> DMatrix<f64> {
    let signs: Vec<f64> = blocks
        .iter()
        .flat_map(|&(l, p)| std::iter::repeat_n(p.sign(), 2 * l + 1))
        .collect();
    DMatrix::from_diagonal(&DVector::from_vec(signs))
}

/// Decomposes the representation with Lie-algebra matrices `generators = [dρ(L_x), dρ(L_y),
/// dρ(L_z)]` (and, for `O(3)`, parity `P = ρ(−I)`) into standard real irreps (module docs).
///
/// Errors: [`Error::InvalidInput`] for a wrong number of matrices, non-square or mismatched
/// shapes, non-finite entries, matrices that do not satisfy `[X_x, X_y] = X_z` (cyclically),
/// a `P` that is not an involution commuting with the `X_k`, or a representation of `so(3)`
/// that is not one of `SO(3)` (half-integer spin, eigenvalues of `J_z` or `J²` that are not
/// integers or `l(l+1)`); [`Error::TooLarge`] above dimension [`MAX_SO3_DECOMPOSE_DIM`] (before
/// allocating); [`Error::Numerical`] if the final residual is too large (an ill-conditioned
/// non-orthogonal input).
pub fn decompose_so3(
    generators: &[DMatrix<f64>],
    parity: Option<&DMatrix<f64>>,
) -> Result<So3Decomposition> {
    let d = check_shapes(generators, parity)?;
    check_values(generators, parity)?;
    let orthogonal = is_orthogonal(generators, parity);
    let kernel = weight_zero_basis(&generators[2], orthogonal)?;
    let spaces = casimir_eigenspaces(generators, &kernel, orthogonal)?;
    let spaces = split_by_parity(spaces, parity)?;
    let found: usize = spaces.iter().map(|(l, _, w)| (2 * l + 1) * w.ncols()).sum();
    if found != d {
        return Err(Error::InvalidInput(format!(
            "not a representation of SO(3): the weight-0 vectors generate {found} of the {d} \
             dimensions (J_z has non-integer eigenvalues)"
        )));
    }
    let q = assemble(generators, &spaces, d);
    let q_inverse = if orthogonal {
        q.transpose()
    } else {
        q.clone().try_inverse().ok_or_else(|| {
            Error::Numerical("the change of basis Q is numerically singular".into())
        })?
    };
    let multiplicities = spaces.iter().map(|(l, p, w)| (*l, *p, w.ncols())).collect();
    let mut result = So3Decomposition {
        multiplicities,
        q,
        q_inverse,
        orthogonal,
        max_residual: 0.0,
    };
    result.max_residual = verify(&result, generators, parity);
    accept(&result, generators)?;
    Ok(result)
}

fn check_shapes(generators: &[DMatrix<f64>], parity: Option<&DMatrix<f64>>) -> Result<usize> {
    if generators.len() != 3 {
        return Err(Error::InvalidInput(format!(
            "expected the 3 matrices dρ(L_x), dρ(L_y), dρ(L_z), got {}",
            generators.len()
        )));
    }
    let d = generators[0].nrows();
    for (name, m) in ["X_x", "X_y", "X_z"].iter().zip(generators) {
        if m.shape() != (d, d) {
            return Err(Error::InvalidInput(format!(
                "{name} is {}×{}, expected {d}×{d} (square, the size of X_x)",
                m.nrows(),
                m.ncols()
            )));
        }
    }
    if let Some(p) = parity
        && p.shape() != (d, d)
    {
        return Err(Error::InvalidInput(format!(
            "the parity matrix is {}×{}, expected {d}×{d}",
            p.nrows(),
            p.ncols()
        )));
    }
    if d > MAX_SO3_DECOMPOSE_DIM {
        return Err(Error::TooLarge {
            what: "decomposing a representation of SO(3)".into(),
            needed: format!("dimension {d}"),
            limit: format!("dimension {MAX_SO3_DECOMPOSE_DIM}"),
        });
    }
    Ok(d)
}

/// Finite entries of modest size, `[X_x, X_y] = X_z` (cyclically), `P² = I`, `P X_k = X_k P`,
/// each checked on two fixed pseudo-random vectors `v` to `INPUT_TOLERANCE · (scale) · ‖v‖`.
fn check_values(generators: &[DMatrix<f64>], parity: Option<&DMatrix<f64>>) -> Result<()> {
    let mut all = generators.iter().chain(parity);
    if all.any(|m| m.iter().any(|x| !x.is_finite() || x.abs() > MAX_ENTRY)) {
        return Err(Error::InvalidInput(format!(
            "a Lie-algebra or parity matrix has a non-finite entry or one above {MAX_ENTRY:e} in \
             absolute value"
        )));
    }
    let d = generators[0].nrows();
    let mut rng = StdRng::seed_from_u64(0x5033);
    let v = DMatrix::from_fn(d, 2, |_, _| rng.random::<f64>() * 2.0 - 1.0);
    let norms: Vec<f64> = generators.iter().map(|x| x.norm()).collect();
    let xv: Vec<DMatrix<f64>> = generators.iter().map(|x| x * &v).collect();
    for (a, b, c) in [(0, 1, 2), (1, 2, 0), (2, 0, 1)] {
        let defect = (&generators[a] * &xv[b] - &generators[b] * &xv[a] - &xv[c]).norm();
        let scale = norms[a] * norms[b] + norms[c] + 1.0;
        if defect > INPUT_TOLERANCE * scale * v.norm() {
            let names = ["X_x", "X_y", "X_z"];
            return Err(Error::InvalidInput(format!(
                "not a representation of so(3): [{}, {}] ≠ {} (defect {defect:.2e} on a test \
                 vector)",
                names[a], names[b], names[c]
            )));
        }
    }
    parity.map_or(Ok(()), |p| check_parity(p, generators, &v, &norms))
}

fn check_parity(
    p: &DMatrix<f64>,
    generators: &[DMatrix<f64>],
    v: &DMatrix<f64>,
    norms: &[f64],
) -> Result<()> {
    let pv = p * v;
    let pn = p.norm();
    if (p * &pv - v).norm() > INPUT_TOLERANCE * (pn * pn + 1.0) * v.norm() {
        return Err(Error::InvalidInput(
            "the parity matrix P is not an involution (P² ≠ I)".into(),
        ));
    }
    for (name, (x, xn)) in ["X_x", "X_y", "X_z"]
        .iter()
        .zip(generators.iter().zip(norms))
    {
        if (p * (x * v) - x * &pv).norm() > INPUT_TOLERANCE * (2.0 * pn * xn + 1.0) * v.norm() {
            return Err(Error::InvalidInput(format!(
                "the parity matrix P does not commute with {name}"
            )));
        }
    }
    Ok(())
}

fn is_orthogonal(generators: &[DMatrix<f64>], parity: Option<&DMatrix<f64>>) -> bool {
    let near = |m: &DMatrix<f64>, sign: f64| {
        (m + m.transpose() * sign).norm() <= SYMMETRY_TOLERANCE * m.norm().max(1.0)
    };
    generators.iter().all(|x| near(x, 1.0)) && parity.is_none_or(|p| near(p, -1.0))
}

/// An orthonormal basis of the real kernel of `X_z` (the weight-0 space), from the eigenvectors
/// of `X_zᵀ X_z`. For orthogonal input `X_zᵀ X_z = −X_z²` has the eigenvalues `μ²` of the
/// integer weights `μ` (checked) and the kernel is `μ² < 1/4`; otherwise the kernel is the
/// eigenvalues `≤ KERNEL_TOLERANCE² · λ_max`. `X_zᵀ X_z` is often block diagonal up to a
/// permutation (tensor products in the real basis, where `X_z` only pairs `m` with `−m`), so
/// it is decomposed block by block ([`block_symmetric_eigen`]).
fn weight_zero_basis(xz: &DMatrix<f64>, orthogonal: bool) -> Result<DMatrix<f64>> {
    let (values, vectors) = block_symmetric_eigen(times(&xz.transpose(), xz), "X_zᵀ X_z")?;
    let kernel: Vec<usize> = if orthogonal {
        integer_weights(&values)?
    } else {
        let cut = KERNEL_TOLERANCE.powi(2) * values.max().max(0.0);
        (0..values.len()).filter(|&i| values[i] <= cut).collect()
    };
    Ok(vectors.select_columns(&kernel))
}

/// The indices of the zero weights among the eigenvalues `μ²` of `−X_z²`, checking that every
/// `μ` is an integer.
fn integer_weights(values: &DVector<f64>) -> Result<Vec<usize>> {
    let mut kernel = Vec::new();
    for (i, &lambda) in values.iter().enumerate() {
        let mu = lambda.max(0.0).sqrt().round();
        if (lambda - mu * mu).abs() > EIGENVALUE_TOLERANCE * (1.0 + lambda.abs()) {
            return Err(Error::InvalidInput(format!(
                "not a representation of SO(3): J_z has the eigenvalue ±{:.6}, not an integer",
                lambda.max(0.0).sqrt()
            )));
        }
        if mu == 0.0 {
            kernel.push(i);
        }
    }
    Ok(kernel)
}

/// Eigenvalues and orthonormal eigenvectors (columns) of a symmetric matrix; empty for `0 × 0`.
fn symmetric_eigen(m: DMatrix<f64>, what: &str) -> Result<(DVector<f64>, DMatrix<f64>)> {
    if m.is_empty() {
        return Ok((DVector::zeros(0), DMatrix::zeros(0, 0)));
    }
    let iterations = 100 * m.nrows().max(10);
    let eigen = SymmetricEigen::try_new(m, f64::EPSILON, iterations)
        .ok_or_else(|| Error::Numerical(format!("the eigen-decomposition of {what} failed")))?;
    Ok((eigen.eigenvalues, eigen.eigenvectors))
}

/// [`symmetric_eigen`] block by block: a symmetric matrix is block diagonal after permuting its
/// indices into the connected components of its non-zero pattern, so each component is
/// decomposed on its own (`O(Σ b³)` instead of `O(d³)`) and the eigenvectors are embedded back.
fn block_symmetric_eigen(m: DMatrix<f64>, what: &str) -> Result<(DVector<f64>, DMatrix<f64>)> {
    let components = nonzero_components(&m);
    if components.len() <= 1 {
        return symmetric_eigen(m, what);
    }
    let d = m.nrows();
    let mut values = DVector::zeros(d);
    let mut vectors = DMatrix::zeros(d, d);
    let mut column = 0;
    for indices in components {
        let block = m.select_rows(&indices).select_columns(&indices);
        let (block_values, block_vectors) = symmetric_eigen(block, what)?;
        for a in 0..indices.len() {
            values[column + a] = block_values[a];
            for (b, &row) in indices.iter().enumerate() {
                vectors[(row, column + a)] = block_vectors[(b, a)];
            }
        }
        column += indices.len();
    }
    Ok((values, vectors))
}

/// The connected components (sorted index lists) of the graph with an edge `i — j` whenever
/// `m[i, j] ≠ 0` or `m[j, i] ≠ 0`; `O(d²)`.
fn nonzero_components(m: &DMatrix<f64>) -> Vec<Vec<usize>> {
    let d = m.nrows();
    let mut seen = vec![false; d];
    let mut components = Vec::new();
    for start in 0..d {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![start];
        let mut members = Vec::new();
        while let Some(i) = stack.pop() {
            members.push(i);
            for j in 0..d {
                if !seen[j] && (m[(i, j)] != 0.0 || m[(j, i)] != 0.0) {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        members.sort_unstable();
        components.push(members);
    }
    components
}

/// `l` with `l(l+1) = λ`, or an error naming `λ`.
fn casimir_l(lambda: f64) -> Result<usize> {
    let l = ((1.0 + 4.0 * lambda.max(0.0)).sqrt() - 1.0) / 2.0;
    let l = l.round();
    let target = l * (l + 1.0);
    if (lambda - target).abs() > EIGENVALUE_TOLERANCE * (1.0 + target) {
        return Err(Error::InvalidInput(format!(
            "not a representation of SO(3): the Casimir −ΣX_k² has the eigenvalue {lambda:.6} on \
             the weight-0 space, not of the form l(l+1)"
        )));
    }
    Ok(l as usize)
}

/// For each `l` (ascending), a basis (columns, in `ℝ^d`) of `ker X_z ∩ ker(C − l(l+1))`, with
/// `C = −Σ X_k²` restricted to the kernel basis `b`: `C₀ = bᵀ C b`.
fn casimir_eigenspaces(
    generators: &[DMatrix<f64>],
    b: &DMatrix<f64>,
    orthogonal: bool,
) -> Result<Vec<(usize, DMatrix<f64>)>> {
    let mut cb = DMatrix::zeros(b.nrows(), b.ncols());
    for x in generators {
        cb -= times(x, &times(x, b));
    }
    let c0 = b.transpose() * &cb;
    let spaces = if orthogonal {
        symmetric_eigenspaces(&c0)?
    } else {
        general_eigenspaces(&c0)?
    };
    Ok(spaces.into_iter().map(|(l, e)| (l, b * e)).collect())
}

fn symmetric_eigenspaces(c0: &DMatrix<f64>) -> Result<Vec<(usize, DMatrix<f64>)>> {
    let (values, vectors) = symmetric_eigen((c0 + c0.transpose()) * 0.5, "the Casimir")?;
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &lambda) in values.iter().enumerate() {
        groups.entry(casimir_l(lambda)?).or_default().push(i);
    }
    Ok(groups
        .into_iter()
        .map(|(l, cols)| (l, vectors.select_columns(&cols)))
        .collect())
}

/// For non-symmetric `C₀` (diagonalisable with eigenvalues `l(l+1)` for a representation): for
/// each candidate `l` with `l(l+1) ≤ ‖C₀‖_F`, the kernel of `C₀ − l(l+1)` from the eigenvectors of
/// `(C₀ − l(l+1))ᵀ (C₀ − l(l+1))` with eigenvalue `≤ (KERNEL_TOLERANCE (1 + ‖C₀‖_F))²`. The
/// kernels must add up to the whole space, otherwise some eigenvalue is not of the form `l(l+1)`.
fn general_eigenspaces(c0: &DMatrix<f64>) -> Result<Vec<(usize, DMatrix<f64>)>> {
    let n = c0.nrows();
    let norm = c0.norm();
    let cut = (KERNEL_TOLERANCE * (1.0 + norm)).powi(2);
    let mut spaces = Vec::new();
    let mut found = 0;
    for l in (0..).take_while(|&l: &usize| (l * (l + 1)) as f64 <= norm + 1.0) {
        let shifted = c0 - DMatrix::identity(n, n) * (l * (l + 1)) as f64;
        let (values, vectors) = symmetric_eigen(shifted.tr_mul(&shifted), "the Casimir")?;
        let kernel: Vec<usize> = (0..values.len()).filter(|&i| values[i] <= cut).collect();
        if !kernel.is_empty() {
            found += kernel.len();
            spaces.push((l, vectors.select_columns(&kernel)));
        }
    }
    if found != n {
        return Err(Error::InvalidInput(format!(
            "not a representation of SO(3): the Casimir −ΣX_k² has {} of its {n} eigenvalues on \
             the weight-0 space away from every l(l+1)",
            n - found.min(n)
        )));
    }
    Ok(spaces)
}

/// Splits each weight-0 space `W` (orthonormal columns, invariant under `P`) by parity: with
/// `A = Wᵀ P W` (an involution), the even and odd parts are `W E_±` with `E_±` an orthonormal
/// basis of the range of `S_± = (I ± A)/2`. Without `P` the spaces get parity `None`.
fn split_by_parity(
    spaces: Vec<(usize, DMatrix<f64>)>,
    parity: Option<&DMatrix<f64>>,
) -> Result<Vec<IsotypicSpace>> {
    let Some(p) = parity else {
        return Ok(spaces.into_iter().map(|(l, w)| (l, None, w)).collect());
    };
    let mut out = Vec::new();
    for (l, w) in spaces {
        let a = w.transpose() * times(p, &w);
        let m = a.nrows();
        let mut found = 0;
        for (parity, sign) in [(Parity::Even, 1.0), (Parity::Odd, -1.0)] {
            let range = projector_range(&((DMatrix::identity(m, m) + &a * sign) * 0.5))?;
            found += range.ncols();
            if range.ncols() > 0 {
                out.push((l, Some(parity), &w * range));
            }
        }
        if found != m {
            return Err(Error::Numerical(format!(
                "the parity eigenspaces at l = {l} have dimensions summing to {found}, not {m}"
            )));
        }
    }
    Ok(out)
}

/// Orthonormal basis of the range of a projector `S`: the eigenvectors of `S Sᵀ` with eigenvalue
/// above `1/4` (the non-zero singular values of a projector are `≥ 1`, so those eigenvalues are
/// `≥ 1`, the others `≈ 0`).
fn projector_range(s: &DMatrix<f64>) -> Result<DMatrix<f64>> {
    let (values, vectors) = symmetric_eigen(s * s.transpose(), "a parity projector")?;
    let keep: Vec<usize> = (0..values.len()).filter(|&i| values[i] > 0.25).collect();
    Ok(vectors.select_columns(&keep))
}

/// `Q`: for each space and each of its columns `w`, the `2l + 1` real columns of the copy
/// generated from `w` by the ladder (module docs, step 4).
fn assemble(generators: &[DMatrix<f64>], spaces: &[IsotypicSpace], d: usize) -> DMatrix<f64> {
    let mut q = DMatrix::zeros(d, d);
    let mut offset = 0;
    for (l, _, w) in spaces {
        ladder_columns(generators, w, *l, &mut q, offset);
        offset += (2 * l + 1) * w.ncols();
    }
    q
}

/// Writes the copies generated by the columns of `w` (weight-0 vectors of spin `l`) into `q`
/// from column `offset` on. All copies step together: `v_μ = a + i b` with
/// `J_+ v = (−X_x b − X_y a) + i (X_x a − X_y b)`, divided by `√(l(l+1) − (μ−1)μ)`.
fn ladder_columns(
    generators: &[DMatrix<f64>],
    w: &DMatrix<f64>,
    l: usize,
    q: &mut DMatrix<f64>,
    offset: usize,
) {
    let (d, copies) = w.shape();
    let n = 2 * l + 1;
    for j in 0..copies {
        q.column_mut(offset + j * n + l).copy_from(&w.column(j));
    }
    // [a | b], the real and imaginary parts of v_μ for every copy.
    let mut ab = DMatrix::zeros(d, 2 * copies);
    ab.columns_mut(0, copies).copy_from(w);
    for mu in 1..=l {
        let norm = ((l * (l + 1) - (mu - 1) * mu) as f64).sqrt();
        let xab = times(&generators[0], &ab);
        let yab = times(&generators[1], &ab);
        let a = (-xab.columns(copies, copies) - yab.columns(0, copies)) / norm;
        let b = (xab.columns(0, copies) - yab.columns(copies, copies)) / norm;
        let s = std::f64::consts::SQRT_2 * if mu % 2 == 0 { 1.0 } else { -1.0 };
        for j in 0..copies {
            q.column_mut(offset + j * n + l + mu)
                .copy_from(&(a.column(j) * s));
            q.column_mut(offset + j * n + l - mu)
                .copy_from(&(b.column(j) * s));
        }
        ab.columns_mut(0, copies).copy_from(&a);
        ab.columns_mut(copies, copies).copy_from(&b);
    }
}

/// `max(max_k ‖X_k Q − Q B_k‖_F, ‖P Q − Q Π‖_F, ‖Q⁻¹ Q − I‖_F)`, with `Q B_k` and `Q Π` formed
/// block by block.
fn verify(
    result: &So3Decomposition,
    generators: &[DMatrix<f64>],
    parity: Option<&DMatrix<f64>>,
) -> f64 {
    let q = &result.q;
    let d = q.nrows();
    let blocks = result.blocks();
    let mut residual = (&result.q_inverse * q - DMatrix::<f64>::identity(d, d)).norm();
    for (x, qb) in generators.iter().zip(times_block_generators(q, &blocks)) {
        residual = residual.max((times(x, q) - qb).norm());
    }
    if let Some(p) = parity {
        let mut q_pi = q.clone();
        let mut offset = 0;
        for &(l, sign) in &blocks {
            let sign = sign.map_or(1.0, Parity::sign);
            q_pi.columns_mut(offset, 2 * l + 1).scale_mut(sign);
            offset += 2 * l + 1;
        }
        residual = residual.max((times(p, q) - q_pi).norm());
    }
    residual
}

/// `a b`, through a CSR copy of `a` when fewer than one entry in eight is non-zero (the
/// Lie-algebra and parity matrices of tensor products usually are that sparse).
fn times(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    let nonzero = a.iter().filter(|x| **x != 0.0).count();
    if nonzero * 8 < a.len() {
        &CsrMatrix::from(a) * b
    } else {
        a * b
    }
}

/// `Q B_k` for `k = x, y, z`, with `B_k = ⊕_b dD_real^{l_b}(L_k)`: each block of `2l + 1` columns
/// of `Q` times the `(2l + 1) × (2l + 1)` generator.
fn times_block_generators(
    q: &DMatrix<f64>,
    blocks: &[(usize, Option<Parity>)],
) -> Vec<DMatrix<f64>> {
    let mut cache: BTreeMap<usize, Vec<DMatrix<f64>>> = BTreeMap::new();
    let mut out = vec![DMatrix::zeros(q.nrows(), q.ncols()); 3];
    let mut offset = 0;
    for &(l, _) in blocks {
        let g = cache.entry(l).or_insert_with(|| real_generators(l));
        let n = 2 * l + 1;
        for (product, gk) in out.iter_mut().zip(g.iter()) {
            product
                .columns_mut(offset, n)
                .copy_from(&(q.columns(offset, n) * gk));
        }
        offset += n;
    }
    out
}

fn accept(result: &So3Decomposition, generators: &[DMatrix<f64>]) -> Result<()> {
    let x_norm = generators.iter().map(|x| x.norm()).fold(0.0, f64::max);
    let limit = ACCEPT_TOLERANCE * (1.0 + x_norm) * result.q.norm().max(1.0);
    if result.max_residual > limit {
        return Err(Error::Numerical(format!(
            "the decomposition has residual {:.2e} (limit {limit:.2e}): the input is too \
             ill-conditioned or not a representation of SO(3)",
            result.max_residual
        )));
    }
    Ok(())
}
