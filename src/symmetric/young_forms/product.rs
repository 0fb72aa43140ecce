//! `ρ(p)` for any permutation `p` as a product of generator matrices: a reduced word
//! `p = s_{i_1} s_{i_2} ⋯ s_{i_k}` (bubble sort, `k` = number of inversions), then
//! `ρ(p) = ρ(s_{i_1}) ⋯ ρ(s_{i_k})`, each factor applied as `O(f^λ)` column operations.

use super::basis::{Block, YoungBasis};
use crate::group::Permutation;
use crate::{Error, Result};
use nalgebra::DMatrix;
use num_traits::{One, Zero};
use std::ops::{Add, Mul, Neg};

/// A reduced word of `p`: letters `i` (1-based, `s_i = (i, i+1)` swaps the points `i − 1`, `i`)
/// with `p = s_{i_1} · s_{i_2} ⋯ s_{i_k}` in the crate's composition (`(p·q)(x) = p(q(x))`),
/// of length `k = #{x < y : p(x) > p(y)}`, the minimum.
///
/// Bubble sort of the image list `(p(0), …, p(n−1))`: swapping the entries at `j, j+1` is
/// `p ↦ p · s_{j+1}`, so sorting with swaps `j_1, …, j_k` gives `p · s_{j_1+1} ⋯ s_{j_k+1} = e`,
/// and the word is the swaps reversed. Each swap removes exactly one inversion.
pub fn reduced_word(p: &Permutation) -> Vec<usize> {
    let mut images = p.images();
    let mut swaps = Vec::new();
    for end in (1..images.len()).rev() {
        for j in 0..end {
            if images[j] > images[j + 1] {
                images.swap(j, j + 1);
                swaps.push(j + 1);
            }
        }
    }
    swaps.reverse();
    swaps
}

/// The entries `[M_TT, M_TU, M_UT, M_UU]` of a `2×2` block (`U = s_i T`, `r` the axial
/// distance in `T`); a `1×1` block `Fixed { r }` has entry `r = ±1` in both forms.
pub(super) type PairEntries<T> = dyn Fn(i64) -> [T; 4];

/// `ρ(p) = Π ρ(s_{i_j})` over the reduced word of `p`, starting from the identity and
/// right-multiplying by one generator at a time; [`Error::InvalidInput`] when `p` does not act
/// on `n = |λ|` points.
pub(super) fn matrix_of<T>(
    basis: &YoungBasis,
    p: &Permutation,
    pair: &PairEntries<T>,
) -> Result<DMatrix<T>>
where
    T: Clone + Zero + One + Neg<Output = T> + std::fmt::Debug + PartialEq + 'static,
    for<'a> &'a T: Mul<&'a T, Output = T> + Add<&'a T, Output = T>,
{
    if p.degree() != basis.n() {
        return Err(Error::InvalidInput(format!(
            "the permutation {p} acts on {} points, but S^{} is a representation of S_{}",
            p.degree(),
            basis.shape(),
            basis.n()
        )));
    }
    let mut a = DMatrix::<T>::identity(basis.dim(), basis.dim());
    for i in reduced_word(p) {
        right_multiply(&mut a, basis.blocks(i)?, pair);
    }
    Ok(a)
}

/// `A ← A · M` for the generator `M` given by its blocks: column `T` of `A·M` is
/// `Σ_U A[:, U] M[U, T]`, so a pair mixes two columns and a fixed block negates one or keeps it.
fn right_multiply<T>(a: &mut DMatrix<T>, blocks: &[Block], pair: &PairEntries<T>)
where
    T: Clone + Zero + Neg<Output = T>,
    for<'a> &'a T: Mul<&'a T, Output = T> + Add<&'a T, Output = T>,
{
    let rows = a.nrows();
    let data = a.as_mut_slice();
    for block in blocks {
        match *block {
            Block::Fixed { tableau, r } => {
                if r < 0 {
                    for x in &mut data[tableau * rows..(tableau + 1) * rows] {
                        *x = -std::mem::replace(x, T::zero());
                    }
                }
            }
            Block::Pair {
                tableau,
                partner,
                r,
            } => {
                let [tt, tu, ut, uu] = pair(r);
                let (t_col, u_col) = two_columns(data, rows, tableau, partner);
                for (x, y) in t_col.iter_mut().zip(u_col.iter_mut()) {
                    if x.is_zero() && y.is_zero() {
                        continue;
                    }
                    let new_x = &(&*x * &tt) + &(&*y * &ut);
                    let new_y = &(&*x * &tu) + &(&*y * &uu);
                    *x = new_x;
                    *y = new_y;
                }
            }
        }
    }
}

/// The columns `t ≠ u` of a column-major `rows`-row matrix, both mutable.
fn two_columns<T>(data: &mut [T], rows: usize, t: usize, u: usize) -> (&mut [T], &mut [T]) {
    if t < u {
        let (left, right) = data.split_at_mut(u * rows);
        (&mut left[t * rows..(t + 1) * rows], &mut right[..rows])
    } else {
        let (left, right) = data.split_at_mut(t * rows);
        (&mut right[..rows], &mut left[u * rows..(u + 1) * rows])
    }
}
