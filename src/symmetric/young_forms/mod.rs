//! The irreducible representations `S^λ` of `S_n` as matrices: Young's seminormal form
//! (exact, over `Q`) and Young's orthogonal form (exact signed square roots on the adjacent
//! transpositions, real orthogonal `f64` matrices for any permutation).
//!
//! **Basis.** `v_T` for the standard tableaux `T` of shape `λ`, in the order of
//! [`standard_tableaux`](crate::symmetric::standard_tableaux) (lexicographic in the row word
//! `(row of 1, …, row of n)`); `dim S^λ = f^λ = n!/Π h(b)` (hook length formula). The
//! content of the box `(row, column)` is `c = column − row`, and the **axial distance** of
//! `i+1` from `i` in `T` is `r = c_T(i+1) − c_T(i)`: `r = 1` when they share a row, `−1` a
//! column, otherwise `|r| ≥ 2` and `s_i T` (swap `i`, `i+1`) is again standard, with `−r`.
//!
//! **The forms** (`s_i = (i, i+1)`, `1 ≤ i < n`; matrices act on columns, column `T` = image of
//! `v_T`):
//!
//! * `|r| = 1`: `s_i v_T = r · v_T`.
//! * `|r| ≥ 2`, `T` the tableau of the pair with `r ≤ −2` (`i+1` below-left of `i`; it comes
//!   first in the order), `U = s_i T`: on `(v_T, v_U)` the block is
//!   * seminormal: `[[1/r, 1 − 1/r²], [1, −1/r]]`, i.e. `s_i v_T = (1/r) v_T + v_U` and
//!     `s_i v_U = (1 − 1/r²) v_T − (1/r) v_U`;
//!   * orthogonal: `[[1/r, √(1 − 1/r²)], [√(1 − 1/r²), −1/r]]`.
//!
//! The two are conjugate by a diagonal matrix, `O = D^{-1/2} S D^{1/2}` with
//! `D_T = Π (1 − 1/(c_T(b) − c_T(a))²)` over the pairs of letters `a < b` with `b` strictly
//! below and strictly left of `a` in `T` (so `D_T / D_{s_i T} = 1 − 1/r²` on every pair).
//! A general permutation `p` is written as a reduced word `p = s_{i_1} ⋯ s_{i_k}`
//! ([`reduced_word`], `k` inversions, composition `(p·q)(x) = p(q(x))` as in
//! `theory/conventions.md`), and `ρ(p) = ρ(s_{i_1}) ⋯ ρ(s_{i_k})`, `O(k (f^λ)²)` operations.
//!
//! References: A. Okounkov and A. Vershik, *A new approach to representation theory of
//! symmetric groups*, Selecta Math. 2 (1996) (Young's formulas from the Gelfand–Tsetlin basis
//! and the Jucys–Murphy elements); G. James and A. Kerber, *The Representation Theory of the
//! Symmetric Group* (1981), ch. 3 (Young's natural, seminormal and orthogonal forms);
//! B. Sagan, *The Symmetric Group* (2nd ed., 2001), ch. 2 and its exercises.
//! Derivations and the tests that check them: `theory/young-forms.md`.
//!
//! ```
//! use equivariant::group::Permutation;
//! use equivariant::symmetric::Partition;
//! use equivariant::symmetric::young_forms::{seminormal_matrix, seminormal_generator};
//! use num_traits::One;
//!
//! let lambda: Partition = "[2,1]".parse()?;
//! // T_1 = [[1,2],[3]], T_2 = [[1,3],[2]]; s_2 = (2,3) has r = c(3) − c(2) = −1 − 1 = −2 on T_1.
//! let s2 = seminormal_generator(&lambda, 2)?;
//! assert_eq!(s2[(0, 0)].to_string(), "-1/2");
//! assert_eq!(s2[(0, 1)].to_string(), "3/4");
//! assert_eq!(s2[(1, 0)].to_string(), "1");
//! let cycle = Permutation::from_cycles(3, &[vec![0, 1, 2]])?;
//! let rho = seminormal_matrix(&lambda, &cycle)?;
//! assert_eq!(rho.trace(), -num_rational::BigRational::one()); // χ^{[2,1]}(3-cycle) = −1
//! # Ok::<(), equivariant::Error>(())
//! ```

mod basis;
mod forms;
mod irrep;
mod product;

pub use basis::{Block, YoungBasis};
pub use forms::MAX_EXACT_DIM;
pub use irrep::young_irrep;
pub use product::reduced_word;

use crate::Result;
use crate::group::Permutation;
use crate::linalg::exact::QMatrix;
use crate::num::sqrt_rational::SqrtRational;
use crate::symmetric::Partition;
use forms::check_exact;
use nalgebra::DMatrix;

/// Young's seminormal form of `s_i = (i, i+1)`, `1 ≤ i < n = |λ|`, over `Q` (see the module
/// documentation); [`crate::Error::InvalidInput`] for another `i`, [`crate::Error::TooLarge`]
/// beyond [`MAX_EXACT_DIM`].
pub fn seminormal_generator(shape: &Partition, i: usize) -> Result<QMatrix> {
    check_exact(shape)?;
    YoungBasis::new(shape)?.seminormal_generator(i)
}

/// Young's seminormal form `ρ(p)` of a permutation `p` of `{0, …, n−1}`, exactly: a
/// homomorphism, `ρ(pq) = ρ(p)ρ(q)`, with `tr ρ(p) = χ^λ(cycle type of p)`.
/// [`crate::Error::InvalidInput`] when `p` does not act on `n = |λ|` points.
pub fn seminormal_matrix(shape: &Partition, p: &Permutation) -> Result<QMatrix> {
    check_exact(shape)?;
    YoungBasis::new(shape)?.seminormal_matrix(p)
}

/// Young's orthogonal form of `s_i = (i, i+1)` exactly, as signed square roots of rationals,
/// row by row (symmetric, orthogonal, squares to the identity).
pub fn orthogonal_generator(shape: &Partition, i: usize) -> Result<Vec<Vec<SqrtRational>>> {
    check_exact(shape)?;
    YoungBasis::new(shape)?.orthogonal_generator(i)
}

/// Young's orthogonal form `ρ(p)` of a permutation `p` of `{0, …, n−1}` in `f64`: real
/// orthogonal, a homomorphism to rounding. [`crate::Error::TooLarge`] when `f^λ > 16384`
/// (2 GiB per matrix). For many permutations of one shape, build the [`YoungBasis`] once and
/// call [`YoungBasis::orthogonal_matrix`].
pub fn orthogonal_matrix(shape: &Partition, p: &Permutation) -> Result<DMatrix<f64>> {
    YoungBasis::new(shape)?.orthogonal_matrix(p)
}
