//! Kostka numbers and Young's rule for the permutation modules `M^μ`.
//!
//! `K_{λμ}` is the number of semistandard Young tableaux of shape `λ` and content `μ` (`μ_i`
//! entries equal to `i`, weakly increasing along rows, strictly down columns). The entries equal
//! to the largest value `ℓ = ℓ(μ)` form a horizontal strip (no two in a column), so
//! `K_{λμ} = Σ_{ν : λ/ν horizontal strip of size μ_ℓ} K_{ν, (μ_1,…,μ_{ℓ−1})}`, memoised on `ν`.
//! Young's rule: the permutation module of `S_n` on the tabloids of shape `μ` decomposes as
//! `M^μ = ⊕_λ K_{λμ} S^λ`, with `K_{μμ} = 1` and `K_{λμ} = 0` unless `λ ⊵ μ`
//! (Sagan, *The Symmetric Group*, 2.11.2; Macdonald, I.6).

use super::partition::{Partition, same_size};
use crate::{Error, Result};
use num_bigint::BigUint;
use num_traits::Zero;
use std::collections::HashMap;

/// Largest `n` for which [`permutation_module`] runs through all partitions of `n`.
pub const MAX_KOSTKA_N: usize = 30;

/// The memo of one content `μ`: `K_{ν, (μ_1,…,μ_j)}` keyed by `ν` (`j` is fixed by `|ν|`).
type Memo = HashMap<Vec<usize>, BigUint>;

/// The Kostka number `K_{λμ}`; errors when `λ` and `μ` partition different `n`.
///
/// ```
/// use equivariant::symmetric::{Partition, kostka};
/// let lambda: Partition = "[3,2]".parse()?;
/// let mu: Partition = "[2,2,1]".parse()?;
/// assert_eq!(kostka(&lambda, &mu)?, 2u32.into());
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn kostka(lambda: &Partition, mu: &Partition) -> Result<BigUint> {
    same_size(lambda, mu)?;
    Ok(count(lambda.parts(), mu.parts(), &mut Memo::new()))
}

/// Young's rule: the constituents `(λ, K_{λμ})`, `K_{λμ} > 0`, of the permutation module
/// `M^μ`, in GAP's `Partitions(n)` order. Refused for `n >` [`MAX_KOSTKA_N`].
pub fn permutation_module(mu: &Partition) -> Result<Vec<(Partition, BigUint)>> {
    let n = mu.size();
    if n > MAX_KOSTKA_N {
        return Err(Error::TooLarge {
            what: format!("the decomposition of M^{mu}"),
            needed: format!("n = {n}"),
            limit: format!("n = {MAX_KOSTKA_N}"),
        });
    }
    let mut memo = Memo::new();
    Ok(Partition::all(n)
        .into_iter()
        .filter(|lambda| lambda.dominates(mu))
        .map(|lambda| {
            let k = count(lambda.parts(), mu.parts(), &mut memo);
            (lambda, k)
        })
        .filter(|(_, k)| !k.is_zero())
        .collect())
}

/// `K_{ν, content}` by removing the horizontal strip of the largest entry.
fn count(nu: &[usize], content: &[usize], memo: &mut Memo) -> BigUint {
    let Some((&last, rest)) = content.split_last() else {
        return BigUint::from(u32::from(nu.is_empty()));
    };
    if nu.len() > content.len() {
        return BigUint::zero(); // column entries strictly increase: at most ℓ(μ) rows
    }
    if let Some(k) = memo.get(nu) {
        return k.clone();
    }
    let mut strips = Vec::new();
    horizontal_strips(nu, last, 0, &mut nu.to_vec(), &mut strips);
    let total = strips
        .iter()
        .map(|inner| count(inner, rest, memo))
        .fold(BigUint::zero(), |acc, k| acc + k);
    memo.insert(nu.to_vec(), total.clone());
    total
}

/// Every `inner ⊂ outer` with `outer/inner` a horizontal strip of `size` boxes:
/// `outer_{i+1} ≤ inner_i ≤ outer_i` (rows from `row` on still to choose).
fn horizontal_strips(
    outer: &[usize],
    size: usize,
    row: usize,
    inner: &mut Vec<usize>,
    out: &mut Vec<Vec<usize>>,
) {
    if row == outer.len() {
        if size == 0 {
            let parts = inner.iter().copied().take_while(|&p| p > 0).collect();
            out.push(parts);
        }
        return;
    }
    let floor = outer.get(row + 1).copied().unwrap_or(0);
    for taken in 0..=size.min(outer[row] - floor) {
        inner[row] = outer[row] - taken;
        horizontal_strips(outer, size - taken, row + 1, inner, out);
    }
    inner[row] = outer[row];
}
