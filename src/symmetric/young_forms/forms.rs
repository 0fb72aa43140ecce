//! The entries of Young's seminormal form (over `Q`) and orthogonal form (exact signed square
//! roots on the generators, `f64` for products) on the blocks of [`YoungBasis`].

use super::basis::{Block, YoungBasis};
use super::product::{PairEntries, matrix_of};
use crate::group::Permutation;
use crate::linalg::exact::QMatrix;
use crate::num::rational::{Q, from_i64};
use crate::num::sqrt_rational::SqrtRational;
use crate::symmetric::Partition;
use crate::{Error, Result};
use nalgebra::DMatrix;
use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Largest `f^λ` for the exact (`BigRational`, [`SqrtRational`]) matrices: 1024, i.e. about a
/// million exact entries per matrix (`λ ⊢ n ≤ 10` always fits: the largest `f^λ` of `S_10` is 768).
pub const MAX_EXACT_DIM: usize = 1024;

/// Seminormal block on `(T, s_i T)`, `r ≤ −2` the axial distance in `T`:
/// `[[1/r, 1 − 1/r²], [1, −1/r]]` (returned row by row).
pub(super) fn seminormal_pair(r: i64) -> [Q; 4] {
    let inverse = from_i64(r).recip();
    let off = Q::one() - &inverse * &inverse;
    [inverse.clone(), off, Q::one(), -inverse]
}

/// The off-diagonal entry `√(1 − 1/r²)` of the orthogonal block, exact.
fn orthogonal_off_diagonal(r: i64) -> SqrtRational {
    let inverse = from_i64(r).recip();
    SqrtRational::from_signed_square(&(Q::one() - &inverse * &inverse))
}

/// Orthogonal block `[[1/r, √(1 − 1/r²)], [√(1 − 1/r²), −1/r]]` in `f64`.
pub(super) fn orthogonal_pair(r: i64) -> [f64; 4] {
    let off = orthogonal_off_diagonal(r).to_f64();
    let inverse = 1.0 / r as f64;
    [inverse, off, off, -inverse]
}

/// [`Error::TooLarge`] when `f^λ` exceeds [`MAX_EXACT_DIM`] (checked by the hook length
/// formula, before the tableaux are listed).
pub(super) fn check_exact(shape: &Partition) -> Result<()> {
    let dim = shape.dimension();
    if dim > BigUint::from(MAX_EXACT_DIM) {
        return Err(Error::TooLarge {
            what: format!("exact matrices of Young's forms of S^{shape}"),
            needed: format!("dimension {dim}"),
            limit: format!("dimension {MAX_EXACT_DIM}"),
        });
    }
    Ok(())
}

/// The dense matrix of `s_i` from its blocks: a fixed block puts `r = ±1` on the diagonal, a
/// pair `(T, U)` puts `pair(r)` at `(T,T), (T,U), (U,T), (U,U)`.
fn dense_generator<T: Clone>(
    basis: &YoungBasis,
    i: usize,
    zero: T,
    signed_one: impl Fn(i64) -> T,
    pair: &PairEntries<T>,
) -> Result<Vec<Vec<T>>> {
    let mut m = vec![vec![zero; basis.dim()]; basis.dim()];
    for block in basis.blocks(i)? {
        match *block {
            Block::Fixed { tableau, r } => m[tableau][tableau] = signed_one(r),
            Block::Pair {
                tableau: t,
                partner: u,
                r,
            } => {
                let [tt, tu, ut, uu] = pair(r);
                m[t][t] = tt;
                m[t][u] = tu;
                m[u][t] = ut;
                m[u][u] = uu;
            }
        }
    }
    Ok(m)
}

impl YoungBasis {
    /// Young's seminormal form of `s_i = (i, i+1)` (`1 ≤ i < n`), exactly: column `T` is
    /// `s_i v_T = (1/r) v_T + c · v_{s_i T}` with `r = c_T(i+1) − c_T(i)`, `c = 1` when
    /// `r ≤ −2`, `c = 1 − 1/r²` when `r ≥ 2`, and no second term when `|r| = 1`.
    pub fn seminormal_generator(&self, i: usize) -> Result<QMatrix> {
        check_exact(self.shape())?;
        let rows = dense_generator(self, i, Q::zero(), from_i64, &seminormal_pair)?;
        Ok(QMatrix::from_fn(self.dim(), self.dim(), |a, b| {
            rows[a][b].clone()
        }))
    }

    /// Young's seminormal form of any permutation of `{0, …, n−1}`, exactly: the product of
    /// [`Self::seminormal_generator`] over a [`super::reduced_word`].
    pub fn seminormal_matrix(&self, p: &Permutation) -> Result<QMatrix> {
        check_exact(self.shape())?;
        matrix_of(self, p, &seminormal_pair)
    }

    /// Young's orthogonal form of `s_i` exactly, row by row: `1/r` on the diagonal and
    /// `√(1 − 1/r²)` at both off-diagonal places of each pair; symmetric and orthogonal.
    pub fn orthogonal_generator(&self, i: usize) -> Result<Vec<Vec<SqrtRational>>> {
        check_exact(self.shape())?;
        let pair = |r: i64| {
            let inverse = from_i64(r).recip();
            let off = orthogonal_off_diagonal(r);
            [
                SqrtRational::from_rational(&inverse),
                off.clone(),
                off,
                SqrtRational::from_rational(&-inverse),
            ]
        };
        let signed_one = |r: i64| SqrtRational::from_rational(&from_i64(r));
        dense_generator(self, i, SqrtRational::zero(), signed_one, &pair)
    }

    /// Young's orthogonal form of any permutation in `f64` (a real orthogonal matrix): the
    /// product of the generator matrices over a [`super::reduced_word`].
    pub fn orthogonal_matrix(&self, p: &Permutation) -> Result<DMatrix<f64>> {
        matrix_of(self, p, &orthogonal_pair)
    }
}
