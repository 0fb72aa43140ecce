//! Rim hooks (border strips) by the beta-set (abacus) representation.
//!
//! A rim hook of `λ` is a connected skew diagram `λ/ν` with no `2 × 2` square; its length is
//! its number of boxes and its height `ht` its number of rows minus one. With `ℓ = ℓ(λ)`, the
//! beta-set `β_i = λ_i + ℓ − i` (`i = 1…ℓ`, strictly decreasing) turns rim hooks into moves
//! of one bead: removing a rim hook of length `k` is replacing some `β_i` by `β_i − k ≥ 0`
//! not already in the set, and the height is the number of beads jumped over,
//! `#{j : β_i − k < β_j < β_i}` (James–Kerber, *The Representation Theory of the Symmetric
//! Group*, 2.7; Macdonald, *Symmetric Functions and Hall Polynomials*, I.1 ex. 8).

use super::partition::Partition;

/// A rim hook of a partition: what is left after removing it, and its height.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RimHook {
    /// `ν = λ` minus the rim hook.
    pub remainder: Partition,
    /// Number of rows the hook occupies, minus one (its leg length); the sign in
    /// Murnaghan–Nakayama is `(−1)^height`.
    pub height: usize,
}

impl Partition {
    /// The beta-set `β_i = λ_i + ℓ − i`, `i = 1…ℓ` (strictly decreasing): the bead positions
    /// of `λ` on a one-runner abacus with `ℓ(λ)` beads.
    pub fn beta_set(&self) -> Vec<usize> {
        let len = self.len();
        self.parts()
            .iter()
            .enumerate()
            .map(|(i, &p)| p + len - 1 - i)
            .collect()
    }

    /// Every rim hook of length `k ≥ 1` of `λ`, from the top row of the hook downwards
    /// (`k = 0` has none).
    pub fn rim_hooks(&self, k: usize) -> Vec<RimHook> {
        let mut hooks = Vec::new();
        let mut scratch = Vec::new();
        for_each_rim_hook(self.parts(), k, &mut scratch, |remainder, height| {
            hooks.push(RimHook {
                remainder: Partition::from_valid(remainder.to_vec()),
                height,
            })
        });
        hooks
    }
}

/// Calls `visit(ν, ht)` for every rim hook of length `k ≥ 1` of the partition `parts`, `ν` the
/// remainder (written into `scratch`) and `ht` its height, by moving one bead of the beta-set
/// `k` places down. Moving bead `i` past `h` beads gives
/// `ν = (λ_1, …, λ_{i−1}, λ_{i+1} − 1, …, λ_{i+h} − 1, β_i − k − (ℓ − i − h), λ_{i+h+1}, …)`
/// (1-based; the rows the hook crosses lose a box each), with trailing zeros dropped.
pub(crate) fn for_each_rim_hook(
    parts: &[usize],
    k: usize,
    scratch: &mut Vec<usize>,
    mut visit: impl FnMut(&[usize], usize),
) {
    if k == 0 {
        return;
    }
    let len = parts.len();
    let beta = |j: usize| parts[j] + len - 1 - j;
    for i in 0..len {
        let Some(target) = beta(i).checked_sub(k) else {
            continue;
        };
        let mut j = i + 1;
        while j < len && beta(j) > target {
            j += 1;
        }
        if j < len && beta(j) == target {
            continue; // the position is occupied
        }
        let height = j - i - 1;
        let position = i + height; // the moved bead's new rank
        scratch.clear();
        scratch.extend_from_slice(&parts[..i]);
        scratch.extend(parts[i + 1..=position].iter().map(|p| p - 1));
        scratch.push(target - (len - 1 - position));
        scratch.extend_from_slice(&parts[position + 1..]);
        while scratch.last() == Some(&0) {
            scratch.pop();
        }
        visit(scratch, height);
    }
}
