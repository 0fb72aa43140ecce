//! `dim Hom_{S_n}(V^{⊗k}, V^{⊗l})` for the permutation representation `V = Rⁿ`, by characters.
//!
//! The character of `V^{⊗m}` at a permutation of cycle type `μ` is `fix(μ)^m`, `fix(μ)` the
//! number of parts of `μ` equal to 1. Since `V` is real,
//! `dim Hom_{S_n}(V^{⊗k}, V^{⊗l}) = ⟨χ_V^k, χ_V^l⟩ = (1/n!) Σ_μ |C_μ| fix(μ)^{k+l}`
//! (Serre, *Linear Representations of Finite Groups*, §2.3), and, decomposing
//! `V^{⊗k} = ⊕_λ m_λ(k) S^λ` with `m_λ(k) = ⟨χ_V^k, χ^λ⟩`, it is `Σ_λ m_λ(k) m_λ(l)`.
//! Both equal the number of set partitions of `k + l` points with at most `n` blocks
//! (the `S_n`-orbits on `[n]^{k+l}`, by Burnside's lemma on the first formula).

use super::super::partition::Partition;
use super::super::table::character_table_sn;
use crate::group::classes::{factorial, partition_count};
use crate::{Error, Result};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::Zero;

/// Largest `n` for the class sums: `p(n)` classes, at most `2^20` of them (`n ≤ 61`).
const MAX_CLASSES: u64 = 1 << 20;

/// Largest tensor order `k` (or `k + l`) in the formulas.
const MAX_ORDER: usize = 4096;

/// Refuses `n` with more than [`MAX_CLASSES`] classes and orders above [`MAX_ORDER`].
fn check_sizes(n: usize, order: usize) -> Result<()> {
    if partition_count(n) > MAX_CLASSES {
        return Err(Error::TooLarge {
            what: format!("a sum over the conjugacy classes of S_{n}"),
            needed: format!("{} classes", partition_count(n)),
            limit: format!("{MAX_CLASSES} classes"),
        });
    }
    if order > MAX_ORDER {
        return Err(Error::TooLarge {
            what: "the tensor order of a character power".into(),
            needed: format!("{order}"),
            limit: format!("{MAX_ORDER}"),
        });
    }
    Ok(())
}

/// `fix(μ)`: the number of fixed points of a permutation of cycle type `μ`.
fn fixed_points(mu: &Partition) -> usize {
    mu.parts().iter().filter(|&&p| p == 1).count()
}

/// Divides an exact class sum by `n!`, which must divide it (a character inner product).
fn divide_by_order(sum: BigInt, n: usize) -> Result<BigInt> {
    let (q, r) = sum.div_rem(&BigInt::from(factorial(n)));
    if !r.is_zero() {
        return Err(Error::Numerical(format!(
            "a character inner product of S_{n} is not an integer (remainder {r})"
        )));
    }
    Ok(q)
}

/// A non-negative inner product as a [`BigUint`].
fn non_negative(value: BigInt) -> Result<BigUint> {
    match value.to_biguint() {
        Some(v) if value.sign() != Sign::Minus => Ok(v),
        _ => Err(Error::Numerical(format!(
            "a multiplicity came out negative: {value}"
        ))),
    }
}

/// `dim Hom_{S_n}(V^{⊗k}, V^{⊗l}) = (1/n!) Σ_μ |C_μ| fix(μ)^{k+l}`, exactly, with the class
/// sizes `|C_μ| = n!/z_μ`. [`Error::InvalidInput`] for `n = 0`; [`Error::TooLarge`] for more
/// than `2^20` classes or `k + l > 4096`.
pub fn hom_dimension(n: usize, k: usize, l: usize) -> Result<BigUint> {
    if n == 0 {
        return Err(Error::InvalidInput("S_n needs n ≥ 1".into()));
    }
    check_sizes(n, k + l)?;
    let sum: BigUint = Partition::all(n)
        .iter()
        .map(|mu| mu.class_size() * BigUint::from(fixed_points(mu)).pow((k + l) as u32))
        .sum();
    non_negative(divide_by_order(BigInt::from(sum), n)?)
}

/// The multiplicities `m_λ(k) = ⟨χ_V^k, χ^λ⟩ = (1/n!) Σ_μ |C_μ| fix(μ)^k χ^λ(μ)` of the
/// irreducibles `S^λ` in `V^{⊗k}`, from the Murnaghan–Nakayama table, for every `λ ⊢ n` in
/// the table's order (multiplicity 0 included).
pub fn tensor_power_multiplicities(n: usize, k: usize) -> Result<Vec<(Partition, BigUint)>> {
    if n == 0 {
        return Err(Error::InvalidInput("S_n needs n ≥ 1".into()));
    }
    check_sizes(n, k)?;
    let table = character_table_sn(n)?;
    let weights: Vec<BigInt> = table
        .classes()
        .iter()
        .zip(table.class_sizes())
        .map(|(mu, size)| BigInt::from(size * BigUint::from(fixed_points(mu)).pow(k as u32)))
        .collect();
    table
        .partitions()
        .iter()
        .enumerate()
        .map(|(i, lambda)| {
            let sum: BigInt = weights
                .iter()
                .enumerate()
                .map(|(j, w)| w * table.value(i, j))
                .sum();
            Ok((lambda.clone(), non_negative(divide_by_order(sum, n)?)?))
        })
        .collect()
}

/// `dim Hom_{S_n}(V^{⊗k}, V^{⊗l}) = Σ_λ m_λ(k) m_λ(l)` (Schur's lemma on the isotypic
/// decompositions; real irreducibles of `S_n` are absolutely irreducible).
pub fn hom_dimension_by_irreducibles(n: usize, k: usize, l: usize) -> Result<BigUint> {
    let mk = tensor_power_multiplicities(n, k)?;
    let ml = tensor_power_multiplicities(n, l)?;
    Ok(mk.iter().zip(&ml).map(|((_, a), (_, b))| a * b).sum())
}
