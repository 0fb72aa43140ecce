//! Prime-factorised integers and factorials: exact products and quotients of factorials of any
//! size, without overflow and without big-integer multiplication until the very end.
//!
//! A positive rational is `∏ p_i^{e_i}` over the primes `p_0 = 2, p_1 = 3, …`; a
//! [`Factorization`] stores the exponent vector `e`, so multiplication and division are
//! additions and subtractions of exponents. The factorial `n!` has the exponents given by
//! Legendre's formula `v_p(n!) = Σ_{k≥1} ⌊n / p^k⌋`, tabulated once per process
//! ([`Factorization::factorial`] reads a memoised table that grows on demand).
//!
//! This is how Racah's formulas for Clebsch–Gordan and 6j coefficients are evaluated exactly:
//! every term is a ratio of factorials, [`signed_sum`] factors the common part of an
//! alternating sum out so that only the remaining integers are added as big integers, and the
//! result is converted to a [`Q`] or a [`SqrtRational`] at the end.
//!
//! ```
//! use equivariant::num::factorial::Factorization;
//! use num_bigint::BigInt;
//! // 10! / (4! 6!) = C(10, 4) = 210
//! let f = &Factorization::factorial(10) / &(&Factorization::factorial(4) * &Factorization::factorial(6));
//! assert_eq!(f.to_bigint().unwrap(), BigInt::from(210));
//! ```
//!
//! Reference: Johansson & Forssén, "Fast and accurate evaluation of Wigner 3j, 6j, and 9j
//! symbols using prime factorization and multiword integer arithmetic", SIAM J. Sci. Comput.
//! 38 (2016) A376.

use std::ops::{Div, Mul};
use std::sync::{Arc, OnceLock, RwLock};

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use super::rational::Q;
use super::sqrt_rational::SqrtRational;
use crate::{Error, Result};

/// A positive rational `∏ p_i^{e_i}` stored by its prime exponents (`p_0 = 2, p_1 = 3, …`);
/// trailing zero exponents are insignificant, so equality is equality of the numbers.
#[derive(Clone, Debug, Default)]
pub struct Factorization {
    exponents: Vec<i64>,
}

impl PartialEq for Factorization {
    fn eq(&self, other: &Self) -> bool {
        let n = self.exponents.len().max(other.exponents.len());
        (0..n).all(|i| self.exponent(i) == other.exponent(i))
    }
}

impl Eq for Factorization {}

impl Factorization {
    /// The number one (no prime factors).
    pub fn one() -> Self {
        Self::default()
    }

    /// The factorisation of the positive integer `n` (trial division by the primes up to
    /// `√n`); [`Error::InvalidInput`] for `n = 0`.
    pub fn of(n: u64) -> Result<Self> {
        if n == 0 {
            return Err(Error::InvalidInput(
                "zero has no prime factorisation".into(),
            ));
        }
        let mut rest = n;
        let mut exponents = Vec::new();
        let primes = primes_up_to(n.isqrt() as usize);
        for &p in primes.iter() {
            if p * p > rest {
                break;
            }
            let mut e = 0;
            while rest.is_multiple_of(p) {
                rest /= p;
                e += 1;
            }
            exponents.push(e);
        }
        let mut f = Self { exponents };
        if rest > 1 {
            let index = primes_up_to(rest as usize).partition_point(|&p| p < rest);
            f.add_scaled(&unit(index), 1);
        }
        Ok(f)
    }

    /// `n!`, read from the process-wide table (built by Legendre's formula, grown on demand).
    pub fn factorial(n: usize) -> Self {
        factorial_table(n).get(n).clone()
    }

    /// The exponent of the `i`-th prime (`0` beyond the stored ones).
    pub fn exponent(&self, i: usize) -> i64 {
        self.exponents.get(i).copied().unwrap_or(0)
    }

    /// The stored exponents (index `i` is the `i`-th prime).
    pub fn exponents(&self) -> &[i64] {
        &self.exponents
    }

    /// `self · other^k` in place (exponent arithmetic: `e += k · e_other`).
    pub fn add_scaled(&mut self, other: &Self, k: i64) {
        if self.exponents.len() < other.exponents.len() {
            self.exponents.resize(other.exponents.len(), 0);
        }
        for (e, &o) in self.exponents.iter_mut().zip(&other.exponents) {
            *e += k * o;
        }
    }

    /// `self^k`.
    pub fn pow(&self, k: i64) -> Self {
        Self {
            exponents: self.exponents.iter().map(|&e| k * e).collect(),
        }
    }

    /// The exponent-wise minimum: for integers, their greatest common divisor; for any
    /// positive rationals, the largest factor `g` such that both `a/g` and `b/g` are integers.
    pub fn common_factor(&self, other: &Self) -> Self {
        let n = self.exponents.len().max(other.exponents.len());
        Self {
            exponents: (0..n)
                .map(|i| self.exponent(i).min(other.exponent(i)))
                .collect(),
        }
    }

    /// Whether the number is an integer (no negative exponent).
    pub fn is_integer(&self) -> bool {
        self.exponents.iter().all(|&e| e >= 0)
    }

    /// The numerator `∏_{e_i > 0} p_i^{e_i}`.
    pub fn numerator(&self) -> BigInt {
        self.product_of(|e| e.max(0))
    }

    /// The denominator `∏_{e_i < 0} p_i^{−e_i}`.
    pub fn denominator(&self) -> BigInt {
        self.product_of(|e| (-e).max(0))
    }

    /// The number as a big integer; [`Error::InvalidInput`] when it is not an integer.
    pub fn to_bigint(&self) -> Result<BigInt> {
        if !self.is_integer() {
            return Err(Error::InvalidInput(format!(
                "{} is not an integer",
                self.to_rational()
            )));
        }
        Ok(self.numerator())
    }

    /// The number as an exact rational (already in lowest terms).
    pub fn to_rational(&self) -> Q {
        Q::new_raw(self.numerator(), self.denominator())
    }

    /// `sign · √self` (`sign ∈ {−1, 0, 1}`) as a [`SqrtRational`].
    pub fn signed_sqrt(&self, sign: i32) -> Result<SqrtRational> {
        SqrtRational::signed_sqrt(sign, self.to_rational())
    }

    /// `∏ p_i^{g(e_i)}` by binary splitting of the prime powers (balanced products are much
    /// faster than a left-to-right product for big results).
    fn product_of(&self, g: impl Fn(i64) -> i64) -> BigInt {
        let primes = primes_for_count(self.exponents.len());
        let powers: Vec<BigInt> = self
            .exponents
            .iter()
            .zip(primes.iter())
            .filter_map(|(&e, &p)| {
                let k = g(e);
                (k > 0).then(|| num_traits::pow(BigInt::from(p), k as usize))
            })
            .collect();
        balanced_product(&powers)
    }
}

impl Mul for &Factorization {
    type Output = Factorization;
    /// Product: exponents add.
    fn mul(self, rhs: &Factorization) -> Factorization {
        let mut out = self.clone();
        out.add_scaled(rhs, 1);
        out
    }
}

impl Div for &Factorization {
    type Output = Factorization;
    /// Quotient: exponents subtract.
    fn div(self, rhs: &Factorization) -> Factorization {
        let mut out = self.clone();
        out.add_scaled(rhs, -1);
        out
    }
}

/// `Σ_i s_i t_i` exactly, for signs `s_i = ±1` (`negative[i]`) and positive rationals `t_i`
/// given by their factorisations: the common factor `g = min_i t_i` (exponent-wise) is pulled
/// out, the integers `t_i / g` are summed, and the result is `(Σ_i s_i t_i/g) · g`, returned
/// as the pair (integer sum, `g`). An empty sum is `(0, 1)`.
pub fn signed_sum(terms: &[(bool, Factorization)]) -> (BigInt, Factorization) {
    let Some((_, first)) = terms.first() else {
        return (BigInt::zero(), Factorization::one());
    };
    let common = terms
        .iter()
        .fold(first.clone(), |g, (_, t)| g.common_factor(t));
    let sum = terms.iter().fold(BigInt::zero(), |acc, (negative, t)| {
        let integer = (t / &common).numerator();
        if *negative {
            acc - integer
        } else {
            acc + integer
        }
    });
    (sum, common)
}

/// `n · g` as an exact [`SqrtRational`] `sign(n) · √(n² · radicand_factor)`, the form in which
/// Racah's formulas return their values: an integer sum `n` times a common factor, times the
/// square root of a product of factorials.
pub fn integer_times_sqrt(n: &BigInt, radicand: &Factorization) -> Result<SqrtRational> {
    let sign = if n.is_zero() {
        0
    } else if n.is_negative() {
        -1
    } else {
        1
    };
    let r = radicand.to_rational() * Q::from_integer(n * n);
    SqrtRational::signed_sqrt(sign, r)
}

/// The product of a list of big integers by binary splitting.
fn balanced_product(values: &[BigInt]) -> BigInt {
    match values {
        [] => BigInt::one(),
        [x] => x.clone(),
        _ => {
            let (a, b) = values.split_at(values.len() / 2);
            balanced_product(a) * balanced_product(b)
        }
    }
}

/// The unit vector: the `index`-th prime itself.
fn unit(index: usize) -> Factorization {
    let mut exponents = vec![0; index + 1];
    exponents[index] = 1;
    Factorization { exponents }
}

/// Sieve of Eratosthenes: the primes `≤ n`.
fn sieve(n: usize) -> Vec<u64> {
    let mut composite = vec![false; n + 1];
    let mut primes = Vec::new();
    for i in 2..=n {
        if !composite[i] {
            primes.push(i as u64);
            for j in (i * i..=n).step_by(i) {
                composite[j] = true;
            }
        }
    }
    primes
}

/// The process-wide list of primes: `(bound, primes ≤ bound)`, grown by doubling.
fn prime_cache() -> &'static RwLock<(usize, Arc<Vec<u64>>)> {
    static CACHE: OnceLock<RwLock<(usize, Arc<Vec<u64>>)>> = OnceLock::new();
    CACHE.get_or_init(|| RwLock::new((1, Arc::new(Vec::new()))))
}

/// A list of primes that contains every prime `≤ n` (possibly more), in increasing order.
pub fn primes_up_to(n: usize) -> Arc<Vec<u64>> {
    if let Ok(guard) = prime_cache().read()
        && guard.0 >= n
    {
        return guard.1.clone();
    }
    let mut guard = prime_cache().write().unwrap_or_else(|e| e.into_inner());
    if guard.0 < n {
        let bound = n.max(2 * guard.0).max(64);
        *guard = (bound, Arc::new(sieve(bound)));
    }
    guard.1.clone()
}

/// A list of at least `count` primes.
fn primes_for_count(count: usize) -> Arc<Vec<u64>> {
    let mut bound = 64;
    loop {
        let primes = primes_up_to(bound);
        if primes.len() >= count {
            return primes;
        }
        bound = 2 * primes.len().max(bound);
    }
}

/// The factorisations of `0!, 1!, …, n!`.
struct FactorialTable {
    factorials: Vec<Factorization>,
}

impl FactorialTable {
    /// `n!` for `n` within the table.
    fn get(&self, n: usize) -> &Factorization {
        &self.factorials[n]
    }

    /// Builds the table up to `n!` incrementally: `k! = (k−1)! · k`.
    fn build(n: usize) -> Self {
        let primes = primes_up_to(n);
        let mut factorials = Vec::with_capacity(n + 1);
        let mut current = Factorization::one();
        factorials.push(current.clone());
        for k in 1..=n {
            let mut rest = k as u64;
            for (i, &p) in primes.iter().enumerate() {
                if rest == 1 {
                    break;
                }
                if p * p > rest {
                    let index = i + primes[i..].partition_point(|&q| q < rest);
                    current.add_scaled(&unit(index), 1);
                    break;
                }
                while rest.is_multiple_of(p) {
                    rest /= p;
                    if current.exponents.len() <= i {
                        current.exponents.resize(i + 1, 0);
                    }
                    current.exponents[i] += 1;
                }
            }
            factorials.push(current.clone());
        }
        Self { factorials }
    }
}

/// The memoised factorial table covering `n!` (rebuilt at twice the size when too small).
fn factorial_table(n: usize) -> Arc<FactorialTable> {
    static CACHE: OnceLock<RwLock<Arc<FactorialTable>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| RwLock::new(Arc::new(FactorialTable::build(64))));
    if let Ok(guard) = cache.read()
        && guard.factorials.len() > n
    {
        return guard.clone();
    }
    let mut guard = cache.write().unwrap_or_else(|e| e.into_inner());
    if guard.factorials.len() <= n {
        *guard = Arc::new(FactorialTable::build(n.max(2 * guard.factorials.len())));
    }
    guard.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::rational::q;

    fn big_factorial(n: u64) -> BigInt {
        (1..=n).fold(BigInt::one(), |acc, k| acc * BigInt::from(k))
    }

    #[test]
    fn factorials_match_big_integer_products() {
        for n in [0usize, 1, 2, 5, 10, 63, 64, 65, 200, 301] {
            assert_eq!(
                Factorization::factorial(n).to_bigint().unwrap(),
                big_factorial(n as u64),
                "{n}!"
            );
        }
    }

    #[test]
    fn factorization_of_integers_round_trips() {
        for n in [1u64, 2, 12, 97, 360, 1_000_003, 2 * 999_983, 1 << 40] {
            assert_eq!(
                Factorization::of(n).unwrap().to_bigint().unwrap(),
                BigInt::from(n)
            );
        }
        assert!(Factorization::of(0).is_err());
    }

    #[test]
    fn quotients_are_rationals_in_lowest_terms() {
        let f = &Factorization::factorial(4) / &Factorization::factorial(6);
        assert_eq!(f.to_rational(), q(1, 30));
        assert!(!f.is_integer());
        assert!(f.to_bigint().is_err());
        assert_eq!(f.pow(-2).to_rational(), q(900, 1));
        assert_eq!(
            Factorization::of(12)
                .unwrap()
                .common_factor(&Factorization::of(18).unwrap()),
            Factorization::of(6).unwrap()
        );
    }

    #[test]
    fn signed_sum_is_exact() {
        // 1/2 − 1/3 + 1/6 = 1/3.
        let t = |n| Factorization::of(n).unwrap().pow(-1);
        let (n, g) = signed_sum(&[(false, t(2)), (true, t(3)), (false, t(6))]);
        assert_eq!(Q::from_integer(n) * g.to_rational(), q(1, 3));
        let (n, g) = signed_sum(&[]);
        assert!(n.is_zero() && g == Factorization::one());
        let v = integer_times_sqrt(&BigInt::from(-3), &Factorization::of(2).unwrap()).unwrap();
        assert_eq!(v.to_string(), "-sqrt(18)");
    }
}
