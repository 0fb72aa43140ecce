//! Partition labels for the irreducible characters of `S_n`, by Young's rule.
//!
//! `M^λ` is the permutation module of `S_n` on the tabloids of shape `λ` (ordered set
//! partitions of `{1…n}` into rows of sizes `λ_1, λ_2, …`). A permutation of cycle type `μ` fixes
//! a tabloid iff every cycle lies inside one row, so the permutation character at `μ` is the
//! number of ways to distribute the (distinguishable) cycles of `μ` into the rows with
//! the row sums `λ`. Young's rule: `M^λ = S^λ ⊕ ⊕_{μ ▷ λ} K_{μλ} S^μ` (Sagan, *The Symmetric
//! Group*, 2.11.2). Taking `λ` in decreasing lexicographic order (a linear extension of the
//! dominance order), every `S^μ` with `μ ▷ λ` is already labelled, so `S^λ` is the one constituent
//! of `M^λ` not yet labelled, and it occurs once.

use crate::{Error, Result};

/// The permutation character of `M^λ` at a permutation of cycle type `μ`: the number of maps
/// from the cycles of `μ` to the rows of `λ` with the cycle lengths in row `i` summing to `λ_i`.
pub fn tabloid_character(lambda: &[usize], mu: &[usize]) -> u64 {
    fn place(cycles: &[usize], room: &mut [usize]) -> u64 {
        let Some((&first, rest)) = cycles.split_first() else {
            return u64::from(room.iter().all(|&x| x == 0));
        };
        let mut total = 0;
        for i in 0..room.len() {
            if room[i] >= first {
                room[i] -= first;
                total += place(rest, room);
                room[i] += first;
            }
        }
        total
    }
    let mut cycles = mu.to_vec();
    cycles.sort_unstable_by(|a, b| b.cmp(a)); // long cycles first prunes early
    place(&cycles, &mut lambda.to_vec())
}

/// The partition labelling each of the `rows` irreducible characters of `S_n`, by Young's rule.
/// `cycle_types[k]` is the cycle type of class `k`; `multiplicity(ψ, i)` must return
/// `⟨ψ, χ_i⟩` for a class function `ψ` given by its values on the classes.
pub fn partition_labels(
    n: usize,
    cycle_types: &[Vec<usize>],
    rows: usize,
    multiplicity: impl Fn(&[f64], usize) -> f64,
) -> Result<Vec<Vec<usize>>> {
    let mut partitions = crate::group::classes::partitions(n);
    partitions.reverse(); // [n] first: decreasing lexicographic order
    if partitions.len() != rows {
        return Err(Error::Numerical(format!(
            "S_{n} has {} partitions but the table has {rows} characters",
            partitions.len()
        )));
    }
    let mut labels: Vec<Option<Vec<usize>>> = vec![None; rows];
    for lambda in partitions {
        let permutation_character: Vec<f64> = cycle_types
            .iter()
            .map(|mu| tabloid_character(&lambda, mu) as f64)
            .collect();
        let new: Vec<(usize, f64)> = (0..rows)
            .filter(|&i| labels[i].is_none())
            .map(|i| (i, multiplicity(&permutation_character, i)))
            .filter(|&(_, m)| m > 0.5)
            .collect();
        match new.as_slice() {
            [(i, m)] if (m - 1.0).abs() < 1e-6 => labels[*i] = Some(lambda),
            _ => {
                return Err(Error::Numerical(format!(
                    "Young's rule: M^{lambda:?} has {} new constituents, expected exactly one",
                    new.len()
                )));
            }
        }
    }
    Ok(labels.into_iter().map(|l| l.unwrap_or_default()).collect())
}

/// `[3,1,1]`, DESIGN's label of the irreducible `S^λ` of `S_n`.
pub fn partition_label(lambda: &[usize]) -> String {
    let parts: Vec<String> = lambda.iter().map(|p| p.to_string()).collect();
    format!("[{}]", parts.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabloid_characters() {
        // M^[n-1,1] is the natural permutation module: fixed points.
        assert_eq!(tabloid_character(&[3, 1], &[1, 1, 1, 1]), 4);
        assert_eq!(tabloid_character(&[3, 1], &[2, 1, 1]), 2);
        assert_eq!(tabloid_character(&[3, 1], &[4]), 0);
        // M^[1^n] is the regular module.
        assert_eq!(tabloid_character(&[1, 1, 1], &[1, 1, 1]), 6);
        assert_eq!(tabloid_character(&[1, 1, 1], &[2, 1]), 0);
        assert_eq!(tabloid_character(&[2, 2], &[2, 2]), 2);
    }
}
