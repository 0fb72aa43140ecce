//! Exact real-basis Clebsch–Gordan coefficients.
//!
//! Every entry of the real tensor `C = φ (U^{l1} ⊗ U^{l2}) C_c (U^{l3})†` ([`super::real`]) is
//! a signed square root of a rational. Row `m` of `U^l` has its non-zeros at `±m`, each a
//! unit `u ∈ {±1, ±i}` times `1/√2` (or `1` at `m = 0`), so
//!
//! ```text
//! C[m1][m2][m3] = φ Σ_{μ_i = ±m_i, μ1+μ2 = μ3} u1 u2 ū3 2^{−k/2} ⟨l1 μ1 l2 μ2 | l3 μ3⟩,
//! ```
//!
//! `k` the number of non-zero `m_i`. The (at most two) terms are `μ` and `−μ`, and
//! `⟨l1 −μ1 l2 −μ2 | l3 −μ3⟩ = (−1)^{l1+l2−l3} ⟨l1 μ1 l2 μ2 | l3 μ3⟩`, so they share one
//! square root `√R`: the entry is `c √(R / 2^k)` with a Gaussian integer `c`, which is a real
//! integer (`0, ±1, ±2`) because `C` is real. Each entry is returned as a [`SqrtRational`].

use super::exact::clebsch_gordan_exact;
use super::triangle;
use crate::num::rational::Q;
use crate::num::sqrt_rational::SqrtRational;
use crate::{Error, Result};
use num_bigint::BigInt;
use num_traits::Zero;

/// A unit `re + i·im` of the Gaussian integers (`re, im ∈ {−1, 0, 1}`, one of them zero).
type Unit = (i64, i64);

fn times(a: Unit, b: Unit) -> Unit {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn parity(m: i64) -> i64 {
    if m.rem_euclid(2) == 0 { 1 } else { -1 }
}

/// The non-zeros `(μ, unit)` of row `m` of `√2 U^l` (of `U^l` itself at `m = 0`), as in
/// [`crate::so3::real_basis`].
fn u_row(m: i64) -> Vec<(i64, Unit)> {
    match m {
        0 => vec![(0, (1, 0))],
        m if m > 0 => vec![(m, (parity(m), 0)), (-m, (1, 0))],
        m => vec![(m, (0, 1)), (-m, (0, -parity(m)))],
    }
}

/// The exact real tensor of `(l1, l2, l3)`, row-major `[m1+l1][m2+l2][m3+l3]`.
/// [`Error::InvalidInput`] when the triangle condition fails.
pub fn real_clebsch_gordan_exact(l1: usize, l2: usize, l3: usize) -> Result<Vec<SqrtRational>> {
    if !triangle(l1, l2, l3) {
        return Err(Error::InvalidInput(format!(
            "({l1}, {l2}, {l3}) violates the triangle condition |l1 − l2| ≤ l3 ≤ l1 + l2"
        )));
    }
    let phase: Unit = if (l1 + l2 + l3).is_multiple_of(2) {
        (1, 0)
    } else {
        (0, -1)
    };
    let range = |l: usize| -(l as i64)..=l as i64;
    let mut out = Vec::with_capacity((2 * l1 + 1) * (2 * l2 + 1) * (2 * l3 + 1));
    for m1 in range(l1) {
        for m2 in range(l2) {
            for m3 in range(l3) {
                out.push(entry(phase, (l1, m1), (l2, m2), (l3, m3))?);
            }
        }
    }
    Ok(out)
}

fn entry(
    phase: Unit,
    (l1, m1): (usize, i64),
    (l2, m2): (usize, i64),
    (l3, m3): (usize, i64),
) -> Result<SqrtRational> {
    let mut coefficient: Unit = (0, 0);
    let mut root: Option<SqrtRational> = None;
    for &(mu1, u1) in &u_row(m1) {
        for &(mu2, u2) in &u_row(m2) {
            for &(mu3, u3) in &u_row(m3) {
                if mu1 + mu2 != mu3 {
                    continue;
                }
                let cg = clebsch_gordan_exact(l1, mu1, l2, mu2, l3, mu3)?;
                if cg.is_zero() {
                    continue;
                }
                let sign = i64::from(cg.sign());
                let magnitude = SqrtRational::sqrt(cg.radicand().clone())?;
                match &root {
                    Some(r) if *r != magnitude => {
                        return Err(Error::Numerical(format!(
                            "real Clebsch-Gordan ({l1} {m1}, {l2} {m2} | {l3} {m3}): terms with \
                             different square roots"
                        )));
                    }
                    Some(_) => {}
                    None => root = Some(magnitude),
                }
                let unit = times(times(phase, times(u1, u2)), (u3.0, -u3.1));
                coefficient.0 += sign * unit.0;
                coefficient.1 += sign * unit.1;
            }
        }
    }
    let Some(root) = root else {
        return Ok(SqrtRational::zero());
    };
    if coefficient.1 != 0 {
        return Err(Error::Numerical(format!(
            "real Clebsch-Gordan ({l1} {m1}, {l2} {m2} | {l3} {m3}) has an imaginary part"
        )));
    }
    let halves = [m1, m2, m3].iter().filter(|m| **m != 0).count() as u32;
    let c = coefficient.0;
    let radicand = root.radicand() * Q::from_integer(BigInt::from(c * c))
        / Q::from_integer(BigInt::from(2u64.pow(halves)));
    let sign = if c > 0 {
        1
    } else if c < 0 {
        -1
    } else {
        0
    };
    if radicand.is_zero() {
        return Ok(SqrtRational::zero());
    }
    SqrtRational::signed_sqrt(sign, radicand)
}
