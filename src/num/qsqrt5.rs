//! The real quadratic field `Q(√5) = { a + b√5 : a, b ∈ Q }`, exactly.
//!
//! This is the smallest field containing the golden ratio `φ = (1 + √5)/2`, so it holds the
//! entries of the icosahedral rotation matrices (and, trivially, those of every rational
//! matrix group such as the tetrahedral and octahedral groups). Arithmetic is exact over
//! [`BigRational`]; the field operations are
//!
//! * `(a + b√5)(c + d√5) = (ac + 5bd) + (ad + bc)√5`,
//! * `(a + b√5)⁻¹ = (a − b√5) / (a² − 5b²)`, the conjugate over the norm, which vanishes only
//!   at `0` because `√5` is irrational.
//!
//! [`QSqrt5`] satisfies nalgebra's scalar requirements (`Scalar + Zero + One +
//! ClosedAddAssign + ClosedSubAssign + ClosedMulAssign + Neg`), so `DMatrix<QSqrt5>` supports
//! sums, differences, products and transposes exactly. It is ordered as a real number
//! (the embedding `√5 ↦ +2.236…`), which is a total order consistent with equality.
//!
//! ```
//! use equivariant::num::qsqrt5::QSqrt5;
//! let phi = QSqrt5::golden_ratio();
//! // φ² = φ + 1
//! assert_eq!(&phi * &phi, &phi + &QSqrt5::from_integer(1));
//! assert_eq!(phi.to_string(), "1/2+1/2*sqrt5");
//! assert_eq!(phi.inverse().unwrap(), &phi - &QSqrt5::from_integer(1));
//! ```

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;
use std::iter::{Product, Sum};
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// An element `a + b√5` of the field `Q(√5)`, with exact rational `a` and `b`.
///
/// The representation is unique (`√5` is irrational), so the derived equality and hash are
/// those of the field element.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct QSqrt5 {
    /// The rational part `a`.
    pub a: BigRational,
    /// The coefficient `b` of `√5`.
    pub b: BigRational,
}

impl QSqrt5 {
    /// `a + b√5` from its two rational coordinates.
    pub fn new(a: BigRational, b: BigRational) -> Self {
        QSqrt5 { a, b }
    }

    /// The integer `n` (with `b = 0`).
    pub fn from_integer(n: i64) -> Self {
        QSqrt5 {
            a: BigRational::from_integer(BigInt::from(n)),
            b: BigRational::zero(),
        }
    }

    /// The rational number `q` (with `b = 0`).
    pub fn from_rational(q: BigRational) -> Self {
        QSqrt5 {
            a: q,
            b: BigRational::zero(),
        }
    }

    /// The fraction `numer/denom`; `None` when `denom = 0`.
    pub fn from_fraction(numer: i64, denom: i64) -> Option<Self> {
        if denom == 0 {
            return None;
        }
        Some(QSqrt5::from_rational(BigRational::new(
            BigInt::from(numer),
            BigInt::from(denom),
        )))
    }

    /// `(p + q√5) / r` for integers; `None` when `r = 0`.
    pub fn from_parts(p: i64, q: i64, r: i64) -> Option<Self> {
        if r == 0 {
            return None;
        }
        let r = BigInt::from(r);
        Some(QSqrt5 {
            a: BigRational::new(BigInt::from(p), r.clone()),
            b: BigRational::new(BigInt::from(q), r),
        })
    }

    /// `√5` itself.
    pub fn sqrt5() -> Self {
        QSqrt5 {
            a: BigRational::zero(),
            b: BigRational::one(),
        }
    }

    /// The golden ratio `φ = (1 + √5)/2 ≈ 1.618`, the positive root of `x² = x + 1`.
    pub fn golden_ratio() -> Self {
        let half = BigRational::new(BigInt::from(1), BigInt::from(2));
        QSqrt5 {
            a: half.clone(),
            b: half,
        }
    }

    /// The Galois conjugate `a − b√5` (the field automorphism `√5 ↦ −√5`).
    pub fn conjugate(&self) -> Self {
        QSqrt5 {
            a: self.a.clone(),
            b: -&self.b,
        }
    }

    /// The field norm `(a + b√5)(a − b√5) = a² − 5b²`, a rational that is zero only at `0`.
    pub fn norm(&self) -> BigRational {
        &self.a * &self.a - BigRational::from_integer(BigInt::from(5)) * &self.b * &self.b
    }

    /// The trace `(a + b√5) + (a − b√5) = 2a` over `Q`.
    pub fn field_trace(&self) -> BigRational {
        &self.a + &self.a
    }

    /// The multiplicative inverse `(a − b√5)/(a² − 5b²)`, or `None` for zero.
    pub fn inverse(&self) -> Option<Self> {
        let n = self.norm();
        if n.is_zero() {
            return None;
        }
        Some(QSqrt5 {
            a: &self.a / &n,
            b: -(&self.b / &n),
        })
    }

    /// `self / rhs`, or `None` when `rhs` is zero.
    pub fn checked_div(&self, rhs: &Self) -> Option<Self> {
        rhs.inverse().map(|inv| self * &inv)
    }

    /// Whether the element is rational (`b = 0`).
    pub fn is_rational(&self) -> bool {
        self.b.is_zero()
    }

    /// Whether the element is an algebraic integer, i.e. lies in the ring of integers
    /// `Z[φ] = { (p + q√5)/2 : p, q ∈ Z, p ≡ q (mod 2) }`.
    pub fn is_algebraic_integer(&self) -> bool {
        let two = BigRational::from_integer(BigInt::from(2));
        let p = &self.a * &two;
        let q = &self.b * &two;
        if !p.is_integer() || !q.is_integer() {
            return false;
        }
        let diff = p.to_integer() - q.to_integer();
        (diff % BigInt::from(2)).is_zero()
    }

    /// The sign of `a + b√5` as a real number: `-1`, `0` or `1` (exact).
    pub fn signum_i32(&self) -> i32 {
        let sa = sign_of(&self.a);
        let sb = sign_of(&self.b);
        if sa == 0 {
            return sb;
        }
        if sb == 0 || sa == sb {
            return sa;
        }
        // Opposite signs: compare a² with 5b².
        let a2 = &self.a * &self.a;
        let b2 = BigRational::from_integer(BigInt::from(5)) * &self.b * &self.b;
        match a2.cmp(&b2) {
            Ordering::Greater => sa,
            Ordering::Less => sb,
            Ordering::Equal => 0, // impossible for a nonzero element; kept for totality
        }
    }

    /// The absolute value as a real number.
    pub fn abs(&self) -> Self {
        if self.signum_i32() < 0 {
            -self
        } else {
            self.clone()
        }
    }

    /// The nearest `f64` to `a + b√5` (computed from the `f64` values of `a`, `b` and `√5`).
    pub fn to_f64(&self) -> f64 {
        let a = self.a.to_f64().unwrap_or(f64::NAN);
        let b = self.b.to_f64().unwrap_or(f64::NAN);
        if b == 0.0 { a } else { a + b * 5f64.sqrt() }
    }

    /// The value under the conjugate embedding `√5 ↦ −√5`, as an `f64`.
    pub fn conjugate_to_f64(&self) -> f64 {
        self.conjugate().to_f64()
    }
}

fn sign_of(q: &BigRational) -> i32 {
    if q.is_zero() {
        0
    } else if q.is_positive() {
        1
    } else {
        -1
    }
}

fn write_rational(f: &mut fmt::Formatter<'_>, q: &BigRational) -> fmt::Result {
    if q.is_integer() {
        write!(f, "{}", q.numer())
    } else {
        write!(f, "{}/{}", q.numer(), q.denom())
    }
}

impl fmt::Display for QSqrt5 {
    /// `0`, `-3/2`, `sqrt5`, `-1/2*sqrt5`, `1/4+1/4*sqrt5`, `1-sqrt5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.b.is_zero() {
            return write_rational(f, &self.a);
        }
        if !self.a.is_zero() {
            write_rational(f, &self.a)?;
            if self.b.is_positive() {
                write!(f, "+")?;
            }
        }
        if self.b.is_one() {
            write!(f, "sqrt5")
        } else if (-&self.b).is_one() {
            write!(f, "-sqrt5")
        } else {
            write_rational(f, &self.b)?;
            write!(f, "*sqrt5")
        }
    }
}

impl PartialOrd for QSqrt5 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for QSqrt5 {
    /// The order of the real numbers `a + b√5`.
    fn cmp(&self, other: &Self) -> Ordering {
        (self - other).signum_i32().cmp(&0)
    }
}

impl From<i64> for QSqrt5 {
    fn from(n: i64) -> Self {
        QSqrt5::from_integer(n)
    }
}

impl From<BigInt> for QSqrt5 {
    fn from(n: BigInt) -> Self {
        QSqrt5::from_rational(BigRational::from_integer(n))
    }
}

impl From<BigRational> for QSqrt5 {
    fn from(q: BigRational) -> Self {
        QSqrt5::from_rational(q)
    }
}

impl Zero for QSqrt5 {
    fn zero() -> Self {
        QSqrt5 {
            a: BigRational::zero(),
            b: BigRational::zero(),
        }
    }
    fn is_zero(&self) -> bool {
        self.a.is_zero() && self.b.is_zero()
    }
}

impl One for QSqrt5 {
    fn one() -> Self {
        QSqrt5 {
            a: BigRational::one(),
            b: BigRational::zero(),
        }
    }
    fn is_one(&self) -> bool {
        self.a.is_one() && self.b.is_zero()
    }
}

// ---- arithmetic on references (the primitive implementations) ----

impl Add<&QSqrt5> for &QSqrt5 {
    type Output = QSqrt5;
    fn add(self, rhs: &QSqrt5) -> QSqrt5 {
        if rhs.is_zero() {
            return self.clone();
        }
        if self.is_zero() {
            return rhs.clone();
        }
        QSqrt5 {
            a: &self.a + &rhs.a,
            b: &self.b + &rhs.b,
        }
    }
}

impl Sub<&QSqrt5> for &QSqrt5 {
    type Output = QSqrt5;
    fn sub(self, rhs: &QSqrt5) -> QSqrt5 {
        QSqrt5 {
            a: &self.a - &rhs.a,
            b: &self.b - &rhs.b,
        }
    }
}

impl Mul<&QSqrt5> for &QSqrt5 {
    type Output = QSqrt5;
    fn mul(self, rhs: &QSqrt5) -> QSqrt5 {
        // Fast paths for zero and rational factors keep the common (sparse, rational-matrix)
        // cases cheap.
        if self.is_zero() || rhs.is_zero() {
            return QSqrt5::zero();
        }
        if self.b.is_zero() {
            if rhs.b.is_zero() {
                return QSqrt5::from_rational(&self.a * &rhs.a);
            }
            return QSqrt5 {
                a: &self.a * &rhs.a,
                b: &self.a * &rhs.b,
            };
        }
        if rhs.b.is_zero() {
            return QSqrt5 {
                a: &self.a * &rhs.a,
                b: &self.b * &rhs.a,
            };
        }
        let five = BigRational::from_integer(BigInt::from(5));
        QSqrt5 {
            a: &self.a * &rhs.a + five * (&self.b * &rhs.b),
            b: &self.a * &rhs.b + &self.b * &rhs.a,
        }
    }
}

impl Div<&QSqrt5> for &QSqrt5 {
    type Output = QSqrt5;
    /// # Panics
    /// On division by zero, like the rational and integer types; use
    /// [`QSqrt5::checked_div`] or [`QSqrt5::inverse`] for a fallible version.
    fn div(self, rhs: &QSqrt5) -> QSqrt5 {
        self.checked_div(rhs).expect("division by zero in Q(sqrt5)")
    }
}

impl Neg for &QSqrt5 {
    type Output = QSqrt5;
    fn neg(self) -> QSqrt5 {
        QSqrt5 {
            a: -&self.a,
            b: -&self.b,
        }
    }
}

impl Neg for QSqrt5 {
    type Output = QSqrt5;
    fn neg(self) -> QSqrt5 {
        QSqrt5 {
            a: -self.a,
            b: -self.b,
        }
    }
}

/// Forwards the owned / mixed forms of a binary operator and its `*Assign` version to the
/// by-reference implementation.
macro_rules! forward_binop {
    ($Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident) => {
        impl $Op<QSqrt5> for QSqrt5 {
            type Output = QSqrt5;
            fn $op(self, rhs: QSqrt5) -> QSqrt5 {
                (&self).$op(&rhs)
            }
        }
        impl $Op<&QSqrt5> for QSqrt5 {
            type Output = QSqrt5;
            fn $op(self, rhs: &QSqrt5) -> QSqrt5 {
                (&self).$op(rhs)
            }
        }
        impl $Op<QSqrt5> for &QSqrt5 {
            type Output = QSqrt5;
            fn $op(self, rhs: QSqrt5) -> QSqrt5 {
                self.$op(&rhs)
            }
        }
        impl $OpAssign<QSqrt5> for QSqrt5 {
            fn $op_assign(&mut self, rhs: QSqrt5) {
                *self = (&*self).$op(&rhs);
            }
        }
        impl $OpAssign<&QSqrt5> for QSqrt5 {
            fn $op_assign(&mut self, rhs: &QSqrt5) {
                *self = (&*self).$op(rhs);
            }
        }
    };
}

forward_binop!(Add, add, AddAssign, add_assign);
forward_binop!(Sub, sub, SubAssign, sub_assign);
forward_binop!(Mul, mul, MulAssign, mul_assign);
forward_binop!(Div, div, DivAssign, div_assign);

impl Sum for QSqrt5 {
    fn sum<I: Iterator<Item = QSqrt5>>(iter: I) -> QSqrt5 {
        iter.fold(QSqrt5::zero(), |acc, x| acc + x)
    }
}

impl<'a> Sum<&'a QSqrt5> for QSqrt5 {
    fn sum<I: Iterator<Item = &'a QSqrt5>>(iter: I) -> QSqrt5 {
        iter.fold(QSqrt5::zero(), |acc, x| acc + x)
    }
}

impl Product for QSqrt5 {
    fn product<I: Iterator<Item = QSqrt5>>(iter: I) -> QSqrt5 {
        iter.fold(QSqrt5::one(), |acc, x| acc * x)
    }
}

impl<'a> Product<&'a QSqrt5> for QSqrt5 {
    fn product<I: Iterator<Item = &'a QSqrt5>>(iter: I) -> QSqrt5 {
        iter.fold(QSqrt5::one(), |acc, x| acc * x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;
    use quickcheck::{Arbitrary, Gen, quickcheck};

    fn q(p: i64, r: i64) -> BigRational {
        BigRational::new(BigInt::from(p), BigInt::from(r))
    }

    impl Arbitrary for QSqrt5 {
        fn arbitrary(g: &mut Gen) -> Self {
            let small = |g: &mut Gen| i64::from(i8::arbitrary(g));
            let den = |g: &mut Gen| i64::from(u8::arbitrary(g) % 12) + 1;
            let (an, ad, bn, bd) = (small(g), den(g), small(g), den(g));
            QSqrt5::new(q(an, ad), q(bn, bd))
        }
    }

    #[test]
    fn golden_ratio_satisfies_its_equation() {
        let phi = QSqrt5::golden_ratio();
        assert_eq!(&phi * &phi - &phi - QSqrt5::one(), QSqrt5::zero());
        assert_eq!(phi.inverse().unwrap(), &phi - QSqrt5::one());
        assert!((phi.to_f64() - 1.618_033_988_749_895).abs() < 1e-15);
        assert!(phi.is_algebraic_integer());
        assert_eq!(phi.norm(), q(-1, 1));
    }

    #[test]
    fn display_is_readable() {
        assert_eq!(QSqrt5::zero().to_string(), "0");
        assert_eq!(QSqrt5::from_integer(-1).to_string(), "-1");
        assert_eq!(QSqrt5::from_fraction(1, 2).unwrap().to_string(), "1/2");
        assert_eq!(QSqrt5::sqrt5().to_string(), "sqrt5");
        assert_eq!((-QSqrt5::sqrt5()).to_string(), "-sqrt5");
        assert_eq!(
            QSqrt5::from_parts(1, 1, 4).unwrap().to_string(),
            "1/4+1/4*sqrt5"
        );
        assert_eq!(
            QSqrt5::from_parts(2, -3, 2).unwrap().to_string(),
            "1-3/2*sqrt5"
        );
        assert_eq!(
            QSqrt5::from_parts(0, -1, 2).unwrap().to_string(),
            "-1/2*sqrt5"
        );
    }

    #[test]
    fn zero_has_no_inverse_and_checked_div_refuses() {
        assert!(QSqrt5::zero().inverse().is_none());
        assert!(QSqrt5::one().checked_div(&QSqrt5::zero()).is_none());
        assert!(QSqrt5::from_parts(1, 2, 0).is_none());
        assert!(QSqrt5::from_fraction(1, 0).is_none());
    }

    #[test]
    fn algebraic_integers_are_recognised() {
        assert!(QSqrt5::from_integer(3).is_algebraic_integer());
        assert!(QSqrt5::sqrt5().is_algebraic_integer());
        assert!(QSqrt5::from_parts(1, 3, 2).unwrap().is_algebraic_integer());
        assert!(!QSqrt5::from_parts(1, 2, 2).unwrap().is_algebraic_integer());
        assert!(!QSqrt5::from_fraction(6, 5).unwrap().is_algebraic_integer());
    }

    #[test]
    fn order_is_that_of_the_reals() {
        let phi = QSqrt5::golden_ratio();
        let x = QSqrt5::from_parts(9, -4, 1).unwrap(); // 9 − 4√5 ≈ 0.0557
        assert!(x > QSqrt5::zero());
        assert!(x < QSqrt5::from_fraction(1, 10).unwrap());
        assert!(phi > QSqrt5::from_fraction(8, 5).unwrap());
        assert!(phi < QSqrt5::from_fraction(13, 8).unwrap());
        assert_eq!((-&phi).abs(), phi);
        assert_eq!(QSqrt5::zero().signum_i32(), 0);
    }

    #[test]
    fn dmatrix_products_are_exact() {
        let phi = QSqrt5::golden_ratio();
        // [[φ, 1], [1, 0]]² = [[φ² + 1, φ], [φ, 1]] = [[φ + 2, φ], [φ, 1]].
        let m = DMatrix::from_row_slice(
            2,
            2,
            &[phi.clone(), QSqrt5::one(), QSqrt5::one(), QSqrt5::zero()],
        );
        let m2 = &m * &m;
        let expected = DMatrix::from_row_slice(
            2,
            2,
            &[
                &phi + QSqrt5::from_integer(2),
                phi.clone(),
                phi.clone(),
                QSqrt5::one(),
            ],
        );
        assert_eq!(m2, expected);
        let identity = DMatrix::<QSqrt5>::identity(2, 2);
        assert_eq!(&m * &identity, m);
        assert_eq!(m.transpose().transpose(), m);
        assert_eq!(&m - &m, DMatrix::<QSqrt5>::zeros(2, 2));
    }

    quickcheck! {
        fn field_axioms(x: QSqrt5, y: QSqrt5, z: QSqrt5) -> bool {
            let distributive = &x * (&y + &z) == &x * &y + &x * &z;
            let associative = (&x * &y) * &z == &x * (&y * &z);
            let commutative = &x * &y == &y * &x;
            let inverse = x.is_zero() || &x * x.inverse().unwrap() == QSqrt5::one();
            let division = y.is_zero() || (&x / &y) * &y == x;
            distributive && associative && commutative && inverse && division
        }

        fn conjugation_is_a_field_automorphism(x: QSqrt5, y: QSqrt5) -> bool {
            (&x * &y).conjugate() == x.conjugate() * y.conjugate()
                && (&x + &y).conjugate() == x.conjugate() + y.conjugate()
                && QSqrt5::from_rational(x.norm()) == &x * x.conjugate()
        }

        fn f64_embedding_is_a_ring_map(x: QSqrt5, y: QSqrt5) -> bool {
            let p = (&x * &y).to_f64();
            let s = (&x + &y).to_f64();
            let scale = 1.0 + x.to_f64().abs() * y.to_f64().abs() + x.to_f64().abs() + y.to_f64().abs();
            (p - x.to_f64() * y.to_f64()).abs() <= 1e-12 * scale
                && (s - x.to_f64() - y.to_f64()).abs() <= 1e-12 * scale
        }

        fn order_agrees_with_f64(x: QSqrt5, y: QSqrt5) -> bool {
            let (fx, fy) = (x.to_f64(), y.to_f64());
            if (fx - fy).abs() < 1e-9 {
                return true;
            }
            (x < y) == (fx < fy)
        }

        fn assign_ops_agree_with_binary_ops(x: QSqrt5, y: QSqrt5) -> bool {
            let mut s = x.clone();
            s += &y;
            let mut d = x.clone();
            d -= y.clone();
            let mut p = x.clone();
            p *= &y;
            s == &x + &y && d == &x - &y && p == &x * &y
        }
    }
}
