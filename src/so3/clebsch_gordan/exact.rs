//! Exact Clebsch–Gordan coefficients and 3j symbols by Racah's formula.
//!
//! ```text
//! ⟨l1 m1 l2 m2 | l3 m3⟩ = δ_{m3, m1+m2} √P · Σ_k (−1)^k / [k! (l1+l2−l3−k)! (l1−m1−k)!
//!                          (l2+m2−k)! (l3−l2+m1+k)! (l3−l1−m2+k)!]
//! P = (2l3+1) (l3+l1−l2)! (l3−l1+l2)! (l1+l2−l3)! / (l1+l2+l3+1)!
//!     · (l3+m3)! (l3−m3)! (l1−m1)! (l1+m1)! (l2−m2)! (l2+m2)!
//! ```
//!
//! with `k` over the integers making every factorial argument non-negative. Every factorial is
//! a prime factorisation ([`crate::num::factorial`]); the common factor of the alternating sum
//! is pulled out so that only integers are added, and the result `n · g · √P` is returned as
//! the exact [`SqrtRational`] `sign(n) √(n² g² P)`.
//!
//! Reference: Racah, Phys. Rev. 62 (1942) 438, eq. (16'); Varshalovich et al., *Quantum
//! Theory of Angular Momentum*, §8.2.1 eq. (3).

use super::{check_arguments, sign_power, triangle};
use crate::Result;
use crate::num::factorial::{Factorization, integer_times_sqrt, signed_sum};
use crate::num::rational::Q;
use crate::num::sqrt_rational::SqrtRational;

/// The largest `l` accepted by the exact evaluation. The cost grows like `l³` big-integer
/// digit operations; at this bound a coefficient takes seconds.
pub const MAX_EXACT_L: usize = 10_000;

/// The exact `⟨l1 m1 l2 m2 | l3 m3⟩` (Racah's formula, module docs).
///
/// Zero when `m3 ≠ m1 + m2` or the triangle condition fails; [`crate::Error::InvalidInput`]
/// when some `|m_i| > l_i`; [`crate::Error::TooLarge`] above [`MAX_EXACT_L`].
///
/// ```
/// use equivariant::so3::clebsch_gordan::clebsch_gordan_exact;
/// assert_eq!(clebsch_gordan_exact(1, 0, 1, 0, 2, 0).unwrap().to_string(), "sqrt(2/3)");
/// assert_eq!(clebsch_gordan_exact(2, 1, 1, -1, 2, 0).unwrap().to_string(), "sqrt(1/2)");
/// ```
pub fn clebsch_gordan_exact(
    l1: usize,
    m1: i64,
    l2: usize,
    m2: i64,
    l3: usize,
    m3: i64,
) -> Result<SqrtRational> {
    check_arguments(
        [l1, l2, l3],
        [m1, m2, m3],
        MAX_EXACT_L,
        "an exact Clebsch-Gordan coefficient",
    )?;
    if m1 + m2 != m3 || !triangle(l1, l2, l3) {
        return Ok(SqrtRational::zero());
    }
    let (l1, l2, l3) = (l1 as i64, l2 as i64, l3 as i64);
    let (sum, common) = signed_sum(&racah_terms(l1, m1, l2, m2, l3));
    let mut radicand = racah_prefactor(l1, m1, l2, m2, l3, m3)?;
    radicand.add_scaled(&common, 2);
    integer_times_sqrt(&sum, &radicand)
}

/// The exact 3j symbol `(l1 l2 l3; m1 m2 m3) = (−1)^{l1−l2−m3} ⟨l1 m1 l2 m2 | l3 −m3⟩ / √(2l3+1)`
/// (Edmonds eq. (3.7.3)); zero unless `m1 + m2 + m3 = 0` and the triangle condition holds.
///
/// ```
/// use equivariant::so3::clebsch_gordan::wigner_3j_exact;
/// assert_eq!(wigner_3j_exact(1, 1, 1, -1, 0, 0).unwrap().to_string(), "sqrt(1/3)");
/// ```
pub fn wigner_3j_exact(
    l1: usize,
    m1: i64,
    l2: usize,
    m2: i64,
    l3: usize,
    m3: i64,
) -> Result<SqrtRational> {
    check_arguments(
        [l1, l2, l3],
        [m1, m2, m3],
        MAX_EXACT_L,
        "an exact 3j symbol",
    )?;
    let cg = clebsch_gordan_exact(l1, m1, l2, m2, l3, -m3)?;
    let sign = sign_power(l1 as i64 - l2 as i64 - m3);
    let scale = SqrtRational::signed_sqrt(sign, Q::new(1.into(), (2 * l3 as i64 + 1).into()))?;
    Ok(&cg * &scale)
}

/// `n!` as a factorisation, for `n ≥ 0` guaranteed by the summation range.
fn fact(n: i64) -> Factorization {
    Factorization::factorial(n as usize)
}

/// The radicand `P` of Racah's formula (module docs).
fn racah_prefactor(l1: i64, m1: i64, l2: i64, m2: i64, l3: i64, m3: i64) -> Result<Factorization> {
    let mut p = Factorization::of(2 * l3 as u64 + 1)?;
    for n in [
        l3 + l1 - l2,
        l3 - l1 + l2,
        l1 + l2 - l3,
        l3 + m3,
        l3 - m3,
        l1 - m1,
        l1 + m1,
        l2 - m2,
        l2 + m2,
    ] {
        p.add_scaled(&fact(n), 1);
    }
    p.add_scaled(&fact(l1 + l2 + l3 + 1), -1);
    Ok(p)
}

/// The terms `(−1)^k / [k! (l1+l2−l3−k)! …]` of Racah's sum, as (negative, factorisation).
fn racah_terms(l1: i64, m1: i64, l2: i64, m2: i64, l3: i64) -> Vec<(bool, Factorization)> {
    let k_min = 0.max(l2 - l3 - m1).max(l1 - l3 + m2);
    let k_max = (l1 + l2 - l3).min(l1 - m1).min(l2 + m2);
    (k_min..=k_max)
        .map(|k| {
            let mut t = Factorization::one();
            for n in [
                k,
                l1 + l2 - l3 - k,
                l1 - m1 - k,
                l2 + m2 - k,
                l3 - l2 + m1 + k,
                l3 - l1 - m2 + k,
            ] {
                t.add_scaled(&fact(n), -1);
            }
            (k % 2 == 1, t)
        })
        .collect()
}
