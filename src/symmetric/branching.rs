//! The branching rule between `S_{n−1} ⊂ S_n ⊂ S_{n+1}`.
//!
//! `Res^{S_n}_{S_{n−1}} S^λ = ⊕_{ν = λ − □} S^ν` over the boxes `□` removable from `λ`, and,
//! by Frobenius reciprocity, `Ind_{S_n}^{S_{n+1}} S^λ = ⊕_{κ = λ + □} S^κ` over the addable
//! boxes (Sagan, *The Symmetric Group*, 2.8.3). Both are multiplicity free. On characters:
//! `S_{n−1}` is the stabiliser of the point `n`, so its class `μ` lies in the class `μ ∪ (1)` of
//! `S_n`, and `χ^λ(μ ∪ (1)) = Σ_{ν = λ − □} χ^ν(μ)`.

use super::partition::Partition;

/// The constituents of `S^λ` restricted to `S_{n−1}`: `λ` minus one removable box, from the
/// top row down (empty for `n = 0`).
pub fn restriction(lambda: &Partition) -> Vec<Partition> {
    lambda
        .removable_rows()
        .into_iter()
        .map(|row| lambda.remove_box(row))
        .collect()
}

/// The constituents of `S^λ` induced to `S_{n+1}`: `λ` plus one addable box, from the top row
/// down.
pub fn induction(lambda: &Partition) -> Vec<Partition> {
    lambda
        .addable_rows()
        .into_iter()
        .map(|row| lambda.add_box(row))
        .collect()
}

/// The class of `S_{n+1}` containing the class `μ` of `S_n ⊂ S_{n+1}` (the stabiliser of the
/// last point): `μ` with a 1-cycle added.
pub fn with_fixed_point(mu: &Partition) -> Partition {
    let mut parts = mu.parts().to_vec();
    parts.push(1);
    Partition::from_valid(parts)
}
