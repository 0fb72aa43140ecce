//! Conjugacy classes: by orbits of conjugation for any enumerated finite group, and by
//! cycle types (partitions) for `S_n` and `A_n` without listing the group.
//!
//! Ordering rule (stable across runs): for `S_n` the partitions in GAP's `Partitions(n)`
//! order (lexicographic in the parts written decreasingly, so the identity `[1,…,1]` is first);
//! `A_n` the same, a split class followed by its twin; for every other group the identity first,
//! then by element order, then by class size, then by the first member in the group's
//! breadth-first enumeration.

use super::permutation::Permutation;
use num_bigint::BigUint;
use num_traits::One;

/// One conjugacy class of a finite group.
#[derive(Clone, Debug, PartialEq)]
pub struct ConjugacyClass<E> {
    /// A member of the class.
    pub representative: E,
    /// Number of elements of the class.
    pub size: BigUint,
    /// Order of its elements.
    pub element_order: u64,
    /// The cycle type, for groups acting by permutations of their natural points.
    pub cycle_type: Option<Vec<usize>>,
}

/// All partitions of `n` in GAP's `Partitions(n)` order: each partition's parts in
/// decreasing order, partitions sorted lexicographically (so `[1,…,1]` first, `[n]` last).
pub fn partitions(n: usize) -> Vec<Vec<usize>> {
    fn extend(rest: usize, max_part: usize, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if rest == 0 {
            out.push(prefix.clone());
            return;
        }
        for part in 1..=max_part.min(rest) {
            prefix.push(part);
            extend(rest - part, part, prefix, out);
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    extend(n, n, &mut Vec::new(), &mut out);
    out
}

/// The number of partitions `p(n)` (saturating at `u64::MAX`), by the recurrence over the
/// largest part: `p(n, k) = p(n, k−1) + p(n−k, k)`.
pub fn partition_count(n: usize) -> u64 {
    // p(417) > u64::MAX already.
    if n > 416 {
        return u64::MAX;
    }
    let mut p = vec![0u64; n + 1];
    p[0] = 1;
    for part in 1..=n {
        for m in part..=n {
            p[m] = p[m].saturating_add(p[m - part]);
        }
    }
    p[n]
}

/// `n!` as an exact integer.
pub fn factorial(n: usize) -> BigUint {
    (1..=n).fold(BigUint::one(), |acc, k| acc * BigUint::from(k))
}

/// The centraliser order `z_λ = Π_i i^{m_i} m_i!` of a permutation of cycle type `λ`
/// (`m_i` parts equal to `i`); the class size is `n!/z_λ` (Sagan, *The Symmetric Group*, 1.1).
pub fn centraliser_order(partition: &[usize]) -> BigUint {
    let max = partition.iter().copied().max().unwrap_or(0);
    let mut z = BigUint::one();
    for i in 1..=max {
        let m = partition.iter().filter(|&&p| p == i).count();
        z *= BigUint::from(i).pow(m as u32) * factorial(m);
    }
    z
}

/// The standard permutation of cycle type `λ`: cycles `(1,…,λ_1)(λ_1+1,…)…` on `n = |λ|` points.
pub fn permutation_of_cycle_type(partition: &[usize]) -> Permutation {
    let n: usize = partition.iter().sum();
    let mut images: Vec<usize> = (0..n).collect();
    let mut start = 0;
    for &part in partition {
        for k in 0..part {
            images[start + k] = start + (k + 1) % part;
        }
        start += part;
    }
    Permutation::from_images(images).expect("cycle-type construction is a permutation")
}

/// The lcm of the parts (fits in `u64` for the partitions listed, `n ≤ 53`).
fn partition_element_order(partition: &[usize]) -> u64 {
    partition
        .iter()
        .fold(1u64, |acc, &p| num_integer::lcm(acc, p as u64))
}

/// Conjugacy classes of `S_n` from the partitions of `n`.
pub fn symmetric_classes(n: usize) -> Vec<ConjugacyClass<Permutation>> {
    let order = factorial(n);
    partitions(n)
        .into_iter()
        .map(|lambda| ConjugacyClass {
            representative: permutation_of_cycle_type(&lambda),
            size: &order / centraliser_order(&lambda),
            element_order: partition_element_order(&lambda),
            cycle_type: Some(lambda),
        })
        .collect()
}

/// Conjugacy classes of `A_n`: the even cycle types; a class of `S_n` whose cycle lengths
/// are distinct and odd splits into two `A_n`-classes of half the size, with
/// representatives `σ` and `τστ⁻¹` for the transposition `τ = (1,2)` (James–Kerber 1.2.10).
pub fn alternating_classes(n: usize) -> Vec<ConjugacyClass<Permutation>> {
    let mut classes = Vec::new();
    for class in symmetric_classes(n) {
        let lambda = class.cycle_type.clone().unwrap_or_default();
        if !(n - lambda.len()).is_multiple_of(2) {
            continue;
        }
        let distinct = lambda.windows(2).all(|w| w[0] != w[1]);
        let all_odd = lambda.iter().all(|p| p % 2 == 1);
        if n >= 2 && distinct && all_odd && class.size > BigUint::one() {
            let tau = Permutation::from_cycles(n, &[vec![0, 1]]).expect("n ≥ 2");
            let twin = tau.compose(&class.representative).compose(&tau);
            let half = &class.size / BigUint::from(2u32);
            classes.push(ConjugacyClass {
                size: half.clone(),
                ..class.clone()
            });
            classes.push(ConjugacyClass {
                representative: twin,
                size: half,
                ..class
            });
        } else {
            classes.push(class);
        }
    }
    classes
}
