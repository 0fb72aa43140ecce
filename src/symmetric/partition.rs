//! [`Partition`]: a validated integer partition `λ = (λ_1 ≥ λ_2 ≥ … ≥ λ_ℓ > 0)` of
//! `n = |λ|`, seen as a Young diagram (English notation, row `i` has `λ_i` boxes), as the label
//! of the irreducible `S^λ` of `S_n`, and as the cycle type of a conjugacy class of `S_n`.

use crate::group::classes::{centraliser_order, factorial};
use crate::{Error, Result};
use num_bigint::BigUint;
use std::fmt;
use std::str::FromStr;

/// An integer partition: non-increasing positive parts (the empty partition is the partition
/// of 0). Displays as the crate's label `[3,1,1]` and parses from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Partition {
    parts: Vec<usize>,
}

impl Partition {
    /// The partition with these parts, which must be positive and non-increasing.
    pub fn new(parts: Vec<usize>) -> Result<Self> {
        if let Some(i) = parts.iter().position(|&p| p == 0) {
            return Err(Error::InvalidInput(format!(
                "partition {parts:?}: part {} is zero (parts must be positive)",
                i + 1
            )));
        }
        if let Some(i) = parts.windows(2).position(|w| w[0] < w[1]) {
            return Err(Error::InvalidInput(format!(
                "partition {parts:?}: parts must be non-increasing, but part {} < part {}",
                i + 1,
                i + 2
            )));
        }
        Ok(Partition { parts })
    }

    /// The parts written in decreasing order, from any list of positive integers (a cycle type
    /// given in any order).
    pub fn from_unsorted(mut parts: Vec<usize>) -> Result<Self> {
        parts.sort_unstable_by(|a, b| b.cmp(a));
        Partition::new(parts)
    }

    /// Wraps parts known to be a partition (internal: produced by our own algorithms).
    pub(crate) fn from_valid(parts: Vec<usize>) -> Self {
        debug_assert!(parts.windows(2).all(|w| w[0] >= w[1]) && !parts.contains(&0));
        Partition { parts }
    }

    /// All partitions of `n`, in GAP's `Partitions(n)` order (`[1,…,1]` first, `[n]` last),
    /// which is the crate's order of the conjugacy classes of `S_n`.
    pub fn all(n: usize) -> Vec<Partition> {
        crate::group::classes::partitions(n)
            .into_iter()
            .map(Partition::from_valid)
            .collect()
    }

    /// The parts `λ_1 ≥ … ≥ λ_ℓ`.
    pub fn parts(&self) -> &[usize] {
        &self.parts
    }

    /// `n = |λ| = Σ λ_i`.
    pub fn size(&self) -> usize {
        self.parts.iter().sum()
    }

    /// The number of parts `ℓ(λ)` (rows of the diagram).
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether this is the empty partition of 0.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The conjugate `λ'` (transpose of the diagram): `λ'_j = #{i : λ_i ≥ j}`.
    pub fn conjugate(&self) -> Partition {
        let width = self.parts.first().copied().unwrap_or(0);
        let parts = (1..=width)
            .map(|j| self.parts.iter().take_while(|&&p| p >= j).count())
            .collect();
        Partition::from_valid(parts)
    }

    /// Dominance order `λ ⊵ μ`: `|λ| = |μ|` and `λ_1 + … + λ_i ≥ μ_1 + … + μ_i` for every `i`
    /// (Sagan, *The Symmetric Group*, 2.2.2). Partitions of different sizes are incomparable.
    pub fn dominates(&self, other: &Partition) -> bool {
        if self.size() != other.size() {
            return false;
        }
        let (mut a, mut b) = (0usize, 0usize);
        for i in 0..self.len().max(other.len()) {
            a += self.parts.get(i).copied().unwrap_or(0);
            b += other.parts.get(i).copied().unwrap_or(0);
            if a < b {
                return false;
            }
        }
        true
    }

    /// The hook lengths `h(i, j) = λ_i − j + λ'_j − i + 1` of the boxes `(i, j)` (1-based;
    /// arm + leg + 1), row by row.
    pub fn hook_lengths(&self) -> Vec<Vec<usize>> {
        let conjugate = self.conjugate();
        self.parts
            .iter()
            .enumerate()
            .map(|(i, &row)| {
                (0..row)
                    .map(|j| (row - j) + (conjugate.parts[j] - i) - 1)
                    .collect()
            })
            .collect()
    }

    /// `f^λ = dim S^λ = n! / Π_{boxes} h(i, j)`, the hook length formula (Frame–Robinson–Thrall;
    /// Sagan, *The Symmetric Group*, 3.10.2); also the number of standard Young tableaux of
    /// shape `λ` and the value `χ^λ(1)`.
    pub fn dimension(&self) -> BigUint {
        let hooks = self
            .hook_lengths()
            .into_iter()
            .flatten()
            .fold(BigUint::from(1u32), |acc, h| acc * BigUint::from(h));
        factorial(self.size()) / hooks
    }

    /// The boxes that can be removed leaving a partition (the ends of rows `i` with
    /// `λ_i > λ_{i+1}`), as 0-based row indices.
    pub fn removable_rows(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| {
                self.parts
                    .get(i + 1)
                    .is_none_or(|&next| next < self.parts[i])
            })
            .collect()
    }

    /// The rows (0-based, `ℓ(λ)` for a new row) where a box can be added leaving a partition:
    /// row 0, and every row `i` with `λ_i < λ_{i−1}`.
    pub fn addable_rows(&self) -> Vec<usize> {
        (0..=self.len())
            .filter(|&i| i == 0 || self.parts.get(i).copied().unwrap_or(0) < self.parts[i - 1])
            .collect()
    }

    /// `λ` with the last box of row `row` removed (`row` must be removable).
    pub(crate) fn remove_box(&self, row: usize) -> Partition {
        let mut parts = self.parts.clone();
        parts[row] -= 1;
        if parts[row] == 0 {
            parts.pop();
        }
        Partition::from_valid(parts)
    }

    /// `λ` with a box added at the end of row `row` (`row` must be addable).
    pub(crate) fn add_box(&self, row: usize) -> Partition {
        let mut parts = self.parts.clone();
        if row == parts.len() {
            parts.push(1);
        } else {
            parts[row] += 1;
        }
        Partition::from_valid(parts)
    }

    /// As a cycle type: the centraliser order `z_μ = Π_i i^{m_i} m_i!` of a permutation of
    /// this cycle type (`m_i` parts equal to `i`).
    pub fn centraliser_order(&self) -> BigUint {
        centraliser_order(&self.parts)
    }

    /// As a cycle type: the size `n!/z_μ` of its conjugacy class in `S_n`
    /// (Sagan, *The Symmetric Group*, 1.1.1).
    pub fn class_size(&self) -> BigUint {
        factorial(self.size()) / self.centraliser_order()
    }

    /// As a cycle type: the sign `(−1)^{n − ℓ(μ)}` of the permutations of the class.
    pub fn sign(&self) -> i32 {
        if (self.size() - self.len()).is_multiple_of(2) {
            1
        } else {
            -1
        }
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::character::young::partition_label(&self.parts))
    }
}

impl FromStr for Partition {
    type Err = Error;

    /// Parses the label `[3,1,1]` (spaces allowed; `[]` is the empty partition).
    fn from_str(s: &str) -> Result<Self> {
        let inner = s
            .trim()
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .ok_or_else(|| {
                Error::InvalidInput(format!("partition {s:?}: expected a label like [3,1,1]"))
            })?;
        if inner.trim().is_empty() {
            return Ok(Partition { parts: Vec::new() });
        }
        let parts = inner
            .split(',')
            .map(|p| {
                p.trim().parse::<usize>().map_err(|_| {
                    Error::InvalidInput(format!("partition {s:?}: {p:?} is not a positive integer"))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Partition::new(parts)
    }
}

/// Checks that `lambda` and `mu` partition the same `n` (a character value `χ^λ(μ)` or a
/// Kostka number `K_{λμ}` needs it).
pub(crate) fn same_size(lambda: &Partition, mu: &Partition) -> Result<usize> {
    let n = lambda.size();
    if mu.size() != n {
        return Err(Error::InvalidInput(format!(
            "{lambda} is a partition of {n} but {mu} is a partition of {}",
            mu.size()
        )));
    }
    Ok(n)
}
