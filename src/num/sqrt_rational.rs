//! Signed square roots of non-negative rationals, `s · √r` with `s ∈ {−1, +1}` and `r ∈ Q≥0`.
//!
//! Clebsch–Gordan coefficients (Racah's formula) and the matrices of Young's orthogonal form
//! on the Coxeter generators of `S_n` are all of this shape, so they are computed exactly as
//! [`SqrtRational`]s and converted to `f64` at the end. The set is closed under
//! multiplication, negation and (away from zero) inversion, but not under addition.
//!
//! ```
//! use equivariant::num::rational::q;
//! use equivariant::num::sqrt_rational::SqrtRational;
//! let a = SqrtRational::signed_sqrt(-1, q(2, 15)).unwrap();
//! assert_eq!(a.to_string(), "-sqrt(2/15)");
//! let b = SqrtRational::sqrt(q(15, 8)).unwrap();
//! assert_eq!((&a * &b).to_string(), "-1/2");
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Mul, Neg};

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use super::rational::{Q, to_f64};
use crate::{Error, Result};

/// The real number `sign · √radicand`, stored canonically: `radicand ≥ 0` in lowest terms,
/// and the sign is `+` when the radicand is zero. Two values are `==` (and hash equally)
/// exactly when they are equal real numbers, because `r ↦ √r` is injective on `Q≥0`.
///
/// The order is the order of real numbers (compared through the signed square
/// `sign · radicand`, which is a strictly increasing function of the value).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SqrtRational {
    negative: bool,
    radicand: Q,
}

impl SqrtRational {
    /// Zero.
    pub fn zero() -> Self {
        Self {
            negative: false,
            radicand: Q::zero(),
        }
    }

    /// One.
    pub fn one() -> Self {
        Self {
            negative: false,
            radicand: Q::one(),
        }
    }

    /// The rational `x` itself, stored as `sign(x) · √(x²)`.
    pub fn from_rational(x: &Q) -> Self {
        Self {
            negative: x.is_negative(),
            radicand: x * x,
        }
    }

    /// The non-negative square root `√r`; [`Error::InvalidInput`] when `r < 0`.
    pub fn sqrt(r: Q) -> Result<Self> {
        Self::signed_sqrt(1, r)
    }

    /// `sign · √r` for `sign ∈ {−1, 0, +1}` (`0` gives zero) and `r ≥ 0`;
    /// [`Error::InvalidInput`] for any other sign or a negative `r`.
    pub fn signed_sqrt(sign: i32, r: Q) -> Result<Self> {
        if r.is_negative() {
            return Err(Error::InvalidInput(format!(
                "square root of the negative rational {r}"
            )));
        }
        match sign {
            0 => Ok(Self::zero()),
            1 | -1 => Ok(Self {
                negative: sign == -1 && !r.is_zero(),
                radicand: r,
            }),
            _ => Err(Error::InvalidInput(format!(
                "sign of a signed square root must be -1, 0 or 1, got {sign}"
            ))),
        }
    }

    /// Rebuilds a value from its signed square `v·|v|` (the inverse of [`Self::signed_square`]).
    pub fn from_signed_square(s: &Q) -> Self {
        Self {
            negative: s.is_negative(),
            radicand: s.abs(),
        }
    }

    /// `−1`, `0` or `+1`.
    pub fn sign(&self) -> i32 {
        if self.radicand.is_zero() {
            0
        } else if self.negative {
            -1
        } else {
            1
        }
    }

    /// The radicand `r ≥ 0`.
    pub fn radicand(&self) -> &Q {
        &self.radicand
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.radicand.is_zero()
    }

    /// The square of the value, `r`.
    pub fn square(&self) -> Q {
        self.radicand.clone()
    }

    /// The signed square `sign · r = v·|v|` (the form in which tables of Clebsch–Gordan
    /// coefficients are often printed).
    pub fn signed_square(&self) -> Q {
        if self.negative {
            -self.radicand.clone()
        } else {
            self.radicand.clone()
        }
    }

    /// The value as a rational when `r` is the square of a rational (numerator and
    /// denominator both perfect squares), otherwise `None`.
    pub fn to_rational(&self) -> Option<Q> {
        let n = exact_isqrt(self.radicand.numer())?;
        let d = exact_isqrt(self.radicand.denom())?;
        let v = Q::new(n, d);
        Some(if self.negative { -v } else { v })
    }

    /// The multiplicative inverse `sign · √(1/r)`; [`Error::InvalidInput`] for zero.
    pub fn recip(&self) -> Result<Self> {
        if self.is_zero() {
            return Err(Error::InvalidInput(
                "reciprocal of the square root zero".into(),
            ));
        }
        Ok(Self {
            negative: self.negative,
            radicand: self.radicand.recip(),
        })
    }

    /// The nearest `f64` (within a couple of units in the last place), also for radicands
    /// whose numerator or denominator are far outside `f64`'s range: the radicand is first
    /// scaled by an even power of two `4^k` into `[1/4, 4]`, so that
    /// `√r = 2^k · √(r / 4^k)` is computed without overflow or underflow.
    pub fn to_f64(&self) -> f64 {
        if self.is_zero() {
            return 0.0;
        }
        let nb = self.radicand.numer().bits() as i64;
        let db = self.radicand.denom().bits() as i64;
        // r ∈ [2^(nb-db-1), 2^(nb-db+1)); pick k with 2k ≈ nb - db.
        let k = (nb - db).div_euclid(2);
        let scaled = if k >= 0 {
            Q::new(
                self.radicand.numer().clone(),
                self.radicand.denom() << (2 * k as u64),
            )
        } else {
            Q::new(
                self.radicand.numer() << (2 * (-k) as u64),
                self.radicand.denom().clone(),
            )
        };
        let magnitude = to_f64(&scaled).sqrt() * pow2(k);
        if self.negative { -magnitude } else { magnitude }
    }
}

/// `2^k` as an `f64`, saturating to `inf` / `0` outside the range (via repeated scaling so
/// that subnormal results are still exact).
fn pow2(k: i64) -> f64 {
    let mut result = 1.0f64;
    let mut k = k;
    while k > 1000 {
        result *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        result *= 2f64.powi(-1000);
        k += 1000;
    }
    result * 2f64.powi(k as i32)
}

/// `Some(√n)` when `n ≥ 0` is a perfect square.
fn exact_isqrt(n: &BigInt) -> Option<BigInt> {
    if n.is_negative() {
        return None;
    }
    let s = n.sqrt();
    if &(&s * &s) == n { Some(s) } else { None }
}

impl Default for SqrtRational {
    fn default() -> Self {
        Self::zero()
    }
}

impl From<Q> for SqrtRational {
    fn from(x: Q) -> Self {
        Self::from_rational(&x)
    }
}

impl Mul for &SqrtRational {
    type Output = SqrtRational;
    /// `(s₁√r₁)(s₂√r₂) = s₁s₂ √(r₁r₂)`.
    fn mul(self, rhs: &SqrtRational) -> SqrtRational {
        let radicand = &self.radicand * &rhs.radicand;
        SqrtRational {
            negative: (self.negative != rhs.negative) && !radicand.is_zero(),
            radicand,
        }
    }
}

impl Mul for SqrtRational {
    type Output = SqrtRational;
    fn mul(self, rhs: SqrtRational) -> SqrtRational {
        &self * &rhs
    }
}

impl Neg for SqrtRational {
    type Output = SqrtRational;
    fn neg(self) -> SqrtRational {
        let negative = !self.negative && !self.radicand.is_zero();
        SqrtRational {
            negative,
            radicand: self.radicand,
        }
    }
}

impl Neg for &SqrtRational {
    type Output = SqrtRational;
    fn neg(self) -> SqrtRational {
        -(self.clone())
    }
}

impl PartialOrd for SqrtRational {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SqrtRational {
    fn cmp(&self, other: &Self) -> Ordering {
        self.signed_square().cmp(&other.signed_square())
    }
}

impl fmt::Display for SqrtRational {
    /// `0`; the rational value (`-1/2`, `3`) when the radicand is a rational square;
    /// otherwise `sqrt(r)` or `-sqrt(r)` with `r` in lowest terms (`-sqrt(2/15)`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return write!(f, "0");
        }
        if let Some(v) = self.to_rational() {
            return write!(f, "{v}");
        }
        let sign = if self.negative { "-" } else { "" };
        write!(f, "{sign}sqrt({})", self.radicand)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::rational::q;
    use std::collections::HashSet;

    #[test]
    fn display_forms() {
        assert_eq!(SqrtRational::zero().to_string(), "0");
        assert_eq!(
            SqrtRational::signed_sqrt(-1, q(2, 15)).unwrap().to_string(),
            "-sqrt(2/15)"
        );
        assert_eq!(SqrtRational::sqrt(q(1, 4)).unwrap().to_string(), "1/2");
        assert_eq!(
            SqrtRational::signed_sqrt(-1, q(9, 1)).unwrap().to_string(),
            "-3"
        );
        assert_eq!(SqrtRational::sqrt(q(3, 1)).unwrap().to_string(), "sqrt(3)");
    }

    #[test]
    fn zero_is_canonical() {
        let a = SqrtRational::signed_sqrt(-1, Q::zero()).unwrap();
        let b = -SqrtRational::zero();
        let c = &SqrtRational::signed_sqrt(-1, q(2, 3)).unwrap() * &SqrtRational::zero();
        assert_eq!(a, SqrtRational::zero());
        assert_eq!(b, SqrtRational::zero());
        assert_eq!(c, SqrtRational::zero());
        let set: HashSet<_> = [a, b, c].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_eq!(SqrtRational::zero().sign(), 0);
    }

    #[test]
    fn invalid_inputs_are_errors() {
        assert!(SqrtRational::sqrt(q(-1, 2)).is_err());
        assert!(SqrtRational::signed_sqrt(2, q(1, 2)).is_err());
        assert!(SqrtRational::zero().recip().is_err());
    }

    #[test]
    fn multiplication_negation_and_order() {
        let a = SqrtRational::signed_sqrt(-1, q(2, 3)).unwrap();
        let b = SqrtRational::sqrt(q(3, 8)).unwrap();
        let p = &a * &b;
        assert_eq!(p, SqrtRational::from_rational(&q(-1, 2)));
        assert_eq!(p.to_f64(), -0.5);
        assert_eq!(-(-a.clone()), a);
        assert!(a < b);
        assert!(SqrtRational::sqrt(q(2, 1)).unwrap() < SqrtRational::from_rational(&q(3, 2)));
        assert_eq!(&a * &a.recip().unwrap(), SqrtRational::one());
        assert_eq!(a.signed_square(), q(-2, 3));
        assert_eq!(a.square(), q(2, 3));
        assert_eq!(SqrtRational::from_signed_square(&q(-2, 3)), a);
    }

    #[test]
    fn to_f64_is_accurate_for_huge_radicands() {
        let x = SqrtRational::sqrt(q(2, 15)).unwrap();
        assert!((x.to_f64() - (2.0f64 / 15.0).sqrt()).abs() < 1e-16);
        // r = 10^700 / 7: r overflows f64 but √r ≈ 3.78e349 does too; use 10^600/7 → 1e300-ish.
        let big = num_traits::pow(BigInt::from(10), 600);
        let r = Q::new(big.clone(), BigInt::from(7));
        let v = SqrtRational::sqrt(r).unwrap().to_f64();
        let expected = 1e300 / 7f64.sqrt();
        assert!(
            ((v - expected) / expected).abs() < 1e-15,
            "{v} vs {expected}"
        );
        let small = Q::new(BigInt::from(7), big);
        let v = SqrtRational::sqrt(small).unwrap().to_f64();
        let expected = 7f64.sqrt() * 1e-300;
        assert!(
            ((v - expected) / expected).abs() < 1e-15,
            "{v} vs {expected}"
        );
    }
}
