//! The position of a partition in GAP's `Partitions(r)` order, computed from its parts.
//!
//! Partitions of `r` in that order are sorted lexicographically (parts decreasing), so those
//! with first part `< λ_1` come first, `p(r, ≤ λ_1 − 1)` of them (`p(r, ≤ k)` the number of
//! partitions of `r` into parts `≤ k`), and the ones with first part `λ_1` follow in the order of
//! their remainders `λ ∖ λ_1`, which are exactly the first `p(r − λ_1, ≤ λ_1)` partitions of
//! `r − λ_1`. Hence `rank(λ) = Σ_i p(r_i, ≤ λ_i − 1)` with `r_i = λ_i + λ_{i+1} + …`.

/// The counts `p(r, ≤ k)` for `r, k ≤ n`, and the ranking they give.
#[derive(Clone, Debug)]
pub(crate) struct PartitionIndex {
    /// `counts[r][k] = p(r, ≤ k)`, the number of partitions of `r` with all parts `≤ k`.
    counts: Vec<Vec<usize>>,
}

impl PartitionIndex {
    /// The counts for all `r, k ≤ n`, by `p(r, ≤ k) = p(r, ≤ k − 1) + p(r − k, ≤ k)`.
    pub(crate) fn new(n: usize) -> Self {
        let mut counts = vec![vec![0usize; n + 1]; n + 1];
        counts[0].fill(1);
        for r in 1..=n {
            for k in 1..=n {
                let with_part_k = if k <= r { counts[r - k][k] } else { 0 };
                counts[r][k] = counts[r][k - 1] + with_part_k;
            }
        }
        PartitionIndex { counts }
    }

    /// `p(r, ≤ k)` (the count for `k ≥ r` is `p(r)`).
    pub(crate) fn count(&self, r: usize, k: usize) -> usize {
        self.counts[r][k.min(r)]
    }

    /// The number `p(r)` of partitions of `r`.
    pub(crate) fn total(&self, r: usize) -> usize {
        self.counts[r][r]
    }

    /// The 0-based position of the partition `parts` in GAP's `Partitions(|parts|)` order.
    pub(crate) fn rank(&self, parts: &[usize]) -> usize {
        let mut rest: usize = parts.iter().sum();
        let mut rank = 0;
        for &part in parts {
            rank += self.count(rest, part - 1);
            rest -= part;
        }
        rank
    }
}
