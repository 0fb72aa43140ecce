//! Exact rationals: the alias [`Q`] for [`num_rational::BigRational`] and a few helpers.
//!
//! `BigRational` keeps every value in lowest terms with a positive denominator, so `==`
//! and `Hash` are equality of rational numbers.
//!
//! ```
//! use equivariant::num::rational::{q, to_f64};
//! let x = q(1, 3) + q(1, 6);
//! assert_eq!(x, q(1, 2));
//! assert_eq!(to_f64(&x), 0.5);
//! ```

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::{Error, Result};

/// Arbitrary-precision rational numbers, always in lowest terms with a positive denominator.
pub type Q = num_rational::BigRational;

/// The rational `num / den`, reduced to lowest terms.
///
/// This is the helper for literals in code (`q(2, 15)`), with the semantics of
/// [`Q::new`]: `den` must be non-zero, and `q(n, 0)` is a programmer error that panics
/// with a message. For a denominator that comes from input use [`try_q`], which returns
/// an error instead.
///
/// ```
/// use equivariant::num::rational::q;
/// assert_eq!(q(4, -6), q(-2, 3));
/// ```
pub fn q(num: i64, den: i64) -> Q {
    assert!(den != 0, "q({num}, 0): zero denominator");
    Q::new(BigInt::from(num), BigInt::from(den))
}

/// The rational `num / den`, or [`Error::InvalidInput`] when `den == 0`.
pub fn try_q(num: i64, den: i64) -> Result<Q> {
    if den == 0 {
        return Err(Error::InvalidInput(format!(
            "rational {num}/{den} has a zero denominator"
        )));
    }
    Ok(Q::new(BigInt::from(num), BigInt::from(den)))
}

/// The integer `n` as a rational.
pub fn from_i64(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// The nearest `f64` to `x`.
///
/// Accurate for huge numerators and denominators: `x = 10^400 / (3·10^399)` converts to
/// `3.333…`, not to `inf / inf = NaN`. (The conversion scales the quotient by a power of
/// two before dividing, as `num_rational`'s `ToPrimitive` does; the result is within one
/// unit in the last place.) Values beyond `f64`'s range give `±inf`, values below its
/// smallest subnormal give `±0`.
pub fn to_f64(x: &Q) -> f64 {
    if x.is_zero() {
        return 0.0;
    }
    // `Ratio<BigInt>::to_f64` works with the bit lengths of numerator and denominator, so it
    // never forms an infinite intermediate; it returns `None` only for NaN, which a reduced
    // rational with non-zero denominator cannot produce.
    x.to_f64().unwrap_or(f64::NAN)
}

/// The rational `p/q` with the smallest denominator `q ≤ max_denominator` within
/// `tolerance · max(1, |x|)` of `x`, from the convergents of the continued fraction of `x`
/// (each convergent is the best approximation of its size: Khinchin, *Continued Fractions*,
/// Thm. 16); `None` when there is none, or `x` is not finite.
///
/// ```
/// use equivariant::num::rational::{q, recover};
/// assert_eq!(recover(-15.0 / 16.0, 1000, 1e-12), Some(q(-15, 16)));
/// assert_eq!(recover(2f64.sqrt(), 1000, 1e-12), None);
/// ```
pub fn recover(x: f64, max_denominator: i64, tolerance: f64) -> Option<Q> {
    if !x.is_finite() || x.abs() > 1e15 {
        return None;
    }
    let limit = tolerance * x.abs().max(1.0);
    // Convergents h/k of x = [a0; a1, a2, …].
    let (mut h0, mut h1) = (1i128, x.floor() as i128);
    let (mut k0, mut k1) = (0i128, 1i128);
    let mut rest = x - x.floor();
    loop {
        if (x - h1 as f64 / k1 as f64).abs() <= limit {
            return Some(Q::new(BigInt::from(h1), BigInt::from(k1)));
        }
        if rest.abs() < 1e-300 {
            return None;
        }
        let inverse = 1.0 / rest;
        let a = inverse.floor();
        rest = inverse - a;
        let a = a as i128;
        let (h2, k2) = (a * h1 + h0, a * k1 + k0);
        if k2 > i128::from(max_denominator) {
            return None;
        }
        (h0, h1, k0, k1) = (h1, h2, k1, k2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::{One, Pow};

    #[test]
    fn q_reduces_and_normalises_sign() {
        assert_eq!(q(4, -6), q(-2, 3));
        assert_eq!(*q(4, -6).denom(), BigInt::from(3));
        assert_eq!(from_i64(-5), q(10, -2));
    }

    #[test]
    fn try_q_rejects_zero_denominator() {
        assert!(matches!(try_q(1, 0), Err(Error::InvalidInput(_))));
        assert_eq!(try_q(3, 9).unwrap(), q(1, 3));
    }

    #[test]
    fn to_f64_handles_huge_numerator_and_denominator() {
        let ten = BigInt::from(10);
        let big = Pow::pow(&ten, 400u32);
        let x = Q::new(big.clone(), BigInt::from(3) * Pow::pow(&ten, 399u32));
        let v = to_f64(&x);
        assert!((v - 10.0 / 3.0).abs() < 1e-15, "{v}");
        let tiny = Q::new(BigInt::one(), big.clone());
        assert_eq!(to_f64(&tiny), 0.0);
        assert_eq!(to_f64(&Q::from_integer(big)), f64::INFINITY);
        // 2^-1060 is a subnormal f64; it must not flush to zero.
        let sub = Q::new(BigInt::one(), BigInt::one() << 1060usize);
        assert_eq!(to_f64(&sub), 2f64.powi(-1060));
        assert_eq!(to_f64(&q(-7, 2)), -3.5);
    }
}
