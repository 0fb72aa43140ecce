//! One character value `χ^λ(μ)` by the Murnaghan–Nakayama rule, memoised.
//!
//! For a class of cycle type `μ` with a part `m`,
//! `χ^λ(μ) = Σ_{rim hooks h of λ of length m} (−1)^{ht(h)} χ^{λ∖h}(μ ∖ m)`
//! (Sagan, *The Symmetric Group*, 4.10.2; Macdonald, *Symmetric Functions and Hall
//! Polynomials*, I.7 ex. 5). The parts of `μ` are removed largest first; the remainders
//! `λ ∖ h` reached by different paths are shared through a memo keyed by the remainder (its
//! size tells how many parts have been removed); once only 1-cycles are left the value is the
//! degree `f^ν`, by the hook length formula.

use super::partition::{Partition, same_size};
use super::rim_hook::for_each_rim_hook;
use crate::Result;
use num_bigint::BigInt;
use std::collections::HashMap;

/// The character value `χ^λ(μ)` of the irreducible `S^λ` of `S_n` on the class of cycle type
/// `μ`, exactly. Errors when `λ` and `μ` partition different `n`.
///
/// ```
/// use equivariant::symmetric::{Partition, character};
/// let lambda: Partition = "[3,1,1]".parse()?;
/// let mu: Partition = "[2,2,1]".parse()?;
/// assert_eq!(character(&lambda, &mu)?, (-2).into());
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn character(lambda: &Partition, mu: &Partition) -> Result<BigInt> {
    same_size(lambda, mu)?;
    let mut memo = HashMap::new();
    Ok(value(lambda.parts(), mu.parts(), &mut memo))
}

/// `χ^ν(μ)` for the remaining cycles `μ` (non-increasing), memoised on `ν`.
fn value(nu: &[usize], mu: &[usize], memo: &mut HashMap<Vec<usize>, BigInt>) -> BigInt {
    match mu.first() {
        None => return BigInt::from(1),
        Some(1) => {
            return BigInt::from(Partition::from_valid(nu.to_vec()).dimension());
        }
        Some(_) => {}
    }
    if let Some(v) = memo.get(nu) {
        return v.clone();
    }
    let mut hooks = Vec::new();
    for_each_rim_hook(nu, mu[0], &mut Vec::new(), |remainder, height| {
        hooks.push((remainder.to_vec(), height))
    });
    let mut total = BigInt::from(0);
    for (remainder, height) in hooks {
        let v = value(&remainder, &mu[1..], memo);
        if height % 2 == 0 {
            total += v;
        } else {
            total -= v;
        }
    }
    memo.insert(nu.to_vec(), total.clone());
    total
}
