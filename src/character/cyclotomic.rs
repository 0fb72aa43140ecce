//! Exact character values: sums of roots of unity, [`Cyclotomic`].
//!
//! If `ρ(g)` has order `o`, its eigenvalues are `o`-th roots of unity, so
//! `χ(g) = Σ_a m_a ζ_o^a` with `ζ_o = exp(2πi/o)` and `m_a ≥ 0` the multiplicity of the
//! eigenvalue `ζ_o^a`. The multiplicities are an exact, canonical description of the value
//! (they are the spectrum of `ρ(g)`), computed from the numerical table by a discrete Fourier
//! transform along the powers of `g` and rounding (see [`crate::character`]).
//!
//! # Printed form (GAP's notation)
//!
//! `E(d)` is `exp(2πi/d)`. A value prints in the smallest cyclotomic field `Q(ζ_d)` that
//! contains it (`d` its conductor), as an integer combination of the *Zumbroich basis* of
//! `Z[ζ_d]` — the basis GAP prints in —, terms by increasing exponent: `-1`, `3`, `E(3)`,
//! `-E(5)^2-E(5)^3` (the golden ratio `(1+√5)/2`), `E(8)-E(8)^3` (`√2`), `2*E(4)` (`2i`),
//! `-E(9)^4-E(9)^7` (`E(9)` itself). The computation is exact integer arithmetic:
//!
//! * The Zumbroich basis of `Q(ζ_n)`, `n = Π q` with coprime prime powers `q = p^e`, is the set of
//!   products `Π_q ζ_q^{j_q}` with `j_q = Σ_{k<e} j_{q,k} p^{e−1−k}`, where for odd `p` the leading
//!   digit `j_{q,0} ∈ {1…p−1}` and the others are balanced, `j_{q,k} ∈ {−(p−1)/2 … (p−1)/2}`, and for
//!   `p = 2` the leading digit is `0` and the others are `0` or `1` (Breuer, *Integral bases for
//!   subfields of cyclotomic fields*, AAECC 8 (1997); GAP's `ZumbroichBase`). E.g. `Q(ζ_9)`:
//!   `{E(9)^2, …, E(9)^7}`. It is an integral basis of `Z[ζ_n]`.
//! * A root `ζ_n^k` splits by the Chinese remainder theorem into `Π_q ζ_q^{j_q}`; a factor whose
//!   leading digit is not allowed is rewritten with `Σ_{b=0}^{p−1} ζ_q^{j+b·q/p} = 0` (odd `p`:
//!   minus the `p − 1` terms with leading digits `1…p−1`; `p = 2`: `ζ_q^{j} = −ζ_q^{j−q/2}`).
//! * The field is then shrunk one prime at a time: for `p² | n` the value lies in `Q(ζ_{n/p})`
//!   iff every exponent is divisible by `p`; for `p ∥ n` iff the coefficients are constant along
//!   the `p − 1` values of the `p`-component (then `1 = −Σ_b ζ_p^b` gives the coordinate `−c`),
//!   always for `p = 2`. A rational integer is the conductor-1 case.

use num_complex::Complex64;
use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt;

/// `Σ_a m_a ζ_o^a` with non-negative integer multiplicities `m_a`, `ζ_o = exp(2πi/o)`:
/// the exact value of a character at an element of order `o` (the multiset of eigenvalues).
/// Stored sparsely: only the `a` with `m_a > 0` (at most `χ(1)` of them).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cyclotomic {
    order: u64,
    /// `(a, m_a)` with `m_a > 0`, increasing `a < o`.
    terms: Vec<(u64, u64)>,
}

/// The root of unity `exp(2πi a/o)`, with `a` reduced modulo `o` first for accuracy.
pub fn root_of_unity(a: u64, o: u64) -> Complex64 {
    let a = a % o;
    let angle = 2.0 * PI * a as f64 / o as f64;
    Complex64::new(angle.cos(), angle.sin())
}

impl Cyclotomic {
    /// `Σ_a multiplicities[a] ζ_o^a` with `o = multiplicities.len() ≥ 1`.
    pub fn from_multiplicities(multiplicities: Vec<u64>) -> Self {
        assert!(!multiplicities.is_empty(), "a cyclotomic needs o ≥ 1");
        Cyclotomic {
            order: multiplicities.len() as u64,
            terms: multiplicities
                .iter()
                .enumerate()
                .filter(|(_, m)| **m > 0)
                .map(|(a, &m)| (a as u64, m))
                .collect(),
        }
    }

    /// `m·ζ_o^a`: a single root with multiplicity `m` (the value of `m` copies of a linear
    /// character).
    pub fn root(order: u64, a: u64, m: u64) -> Self {
        assert!(order >= 1, "a cyclotomic needs o ≥ 1");
        Cyclotomic {
            order,
            terms: if m > 0 { vec![(a % order, m)] } else { vec![] },
        }
    }

    /// The order `o` of the roots of unity (the element order of the class).
    pub fn order(&self) -> u64 {
        self.order
    }

    /// The multiplicities `m_a` of `ζ_o^a`, `a = 0 … o−1` (dense).
    pub fn multiplicities(&self) -> Vec<u64> {
        let mut dense = vec![0; self.order as usize];
        for &(a, m) in &self.terms {
            dense[a as usize] = m;
        }
        dense
    }

    /// The non-zero multiplicities as `(a, m_a)`, increasing `a`.
    pub fn terms(&self) -> &[(u64, u64)] {
        &self.terms
    }

    /// `Σ_a m_a`, the number of roots summed (the degree of the character).
    pub fn count(&self) -> u64 {
        self.terms.iter().map(|(_, m)| m).sum()
    }

    /// The complex value, accurate to a few ulps per term.
    pub fn to_complex(&self) -> Complex64 {
        self.galois(1)
    }

    /// The Galois conjugate `σ_u(x) = Σ_a m_a ζ_o^{ua}` (`u` coprime to `o`), numerically.
    pub fn galois(&self, u: u64) -> Complex64 {
        let o = self.order;
        self.terms
            .iter()
            .map(|&(a, m)| root_of_unity(a * (u % o) % o, o) * m as f64)
            .sum()
    }

    /// `Some(n)` if the value is the rational integer `n` (decided exactly).
    pub fn as_integer(&self) -> Option<i64> {
        let (d, terms) = self.zumbroich_form();
        match (d, terms.as_slice()) {
            (1, []) => Some(0),
            (1, [(0, c)]) => Some(*c),
            _ => None,
        }
    }

    /// The value in the Zumbroich basis of its smallest cyclotomic field `Q(ζ_d)`: `(d, terms)`
    /// with `terms` the non-zero `(exponent b of E(d)^b, integer coefficient)` by increasing
    /// exponent (exact; see the module documentation).
    pub fn zumbroich_form(&self) -> (u64, Vec<(u64, i64)>) {
        let n = self.order;
        let mut coordinates: BTreeMap<u64, i64> = BTreeMap::new();
        for &(k, m) in &self.terms {
            for (b, c) in zumbroich_expansion(n, k) {
                *coordinates.entry(b).or_insert(0) += c * m as i64;
            }
        }
        coordinates.retain(|_, c| *c != 0);
        let (d, coordinates) = shrink_field(n, coordinates);
        (d, coordinates.into_iter().collect())
    }
}

/// `ζ_n^k` in the Zumbroich basis of `Q(ζ_n)`: `(exponent, coefficient)` pairs.
pub fn zumbroich_expansion(n: u64, k: u64) -> Vec<(u64, i64)> {
    let mut terms = vec![(0u64, 1i64)];
    for (p, e) in factorize(n) {
        let q = p.pow(e);
        let w = n / q;
        let j = (k % q) * inverse_mod(w % q, q) % q;
        let m = q / p;
        let local: Vec<(u64, i64)> = if p == 2 {
            if j < m {
                vec![(j, 1)]
            } else {
                vec![(j - m, -1)]
            }
        } else {
            // Balanced residue of j modulo m = p^{e−1}, then the leading digit.
            let mut low = (j % m) as i64;
            if low > (m as i64 - 1) / 2 {
                low -= m as i64;
            }
            let lead = ((j as i64 - low).rem_euclid(q as i64) as u64 / m) % p;
            if lead != 0 {
                vec![(j, 1)]
            } else {
                (1..p)
                    .map(|b| (((low + (b * m) as i64).rem_euclid(q as i64)) as u64, -1))
                    .collect()
            }
        };
        terms = terms
            .iter()
            .flat_map(|&(x, c)| local.iter().map(move |&(y, d)| ((x + y * w) % n, c * d)))
            .collect();
    }
    terms
}

/// Moves Zumbroich coordinates in `Q(ζ_n)` to the smallest cyclotomic field containing the
/// value (see the module documentation).
fn shrink_field(mut n: u64, mut coordinates: BTreeMap<u64, i64>) -> (u64, BTreeMap<u64, i64>) {
    'shrink: loop {
        if coordinates.is_empty() {
            return (1, coordinates);
        }
        for (p, e) in factorize(n) {
            if e >= 2 {
                if coordinates.keys().all(|k| k % p == 0) {
                    coordinates = coordinates.into_iter().map(|(k, c)| (k / p, c)).collect();
                    n /= p;
                    continue 'shrink;
                }
                continue;
            }
            // p ∥ n: group the exponents by their component away from p.
            let w = n / p;
            let w_inverse = inverse_mod(w % p, p);
            let mut groups: BTreeMap<u64, Vec<i64>> = BTreeMap::new();
            for (&k, &c) in &coordinates {
                let jp = (k % p) * w_inverse % p;
                let rest = (k + n - (jp * w) % n) % n; // Σ_{q ≠ p} j_q n/q, divisible by p
                groups.entry(rest / p).or_default().push(c);
            }
            let reduced: Option<BTreeMap<u64, i64>> = groups
                .into_iter()
                .map(|(k, cs)| {
                    if p == 2 {
                        (cs.len() == 1).then(|| (k, cs[0]))
                    } else {
                        (cs.len() as u64 == p - 1 && cs.iter().all(|&c| c == cs[0]))
                            .then(|| (k, -cs[0]))
                    }
                })
                .collect();
            if let Some(reduced) = reduced {
                coordinates = reduced;
                n /= p;
                continue 'shrink;
            }
        }
        return (n, coordinates);
    }
}

/// `x⁻¹ mod m` for `gcd(x, m) = 1` (`0` when `m = 1`).
fn inverse_mod(x: u64, m: u64) -> u64 {
    if m == 1 {
        return 0;
    }
    let (mut old_r, mut r) = (x as i128, m as i128);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let quotient = old_r / r;
        (old_r, r) = (r, old_r - quotient * r);
        (old_s, s) = (s, old_s - quotient * s);
    }
    old_s.rem_euclid(m as i128) as u64
}

impl fmt::Display for Cyclotomic {
    /// GAP's notation, see the module documentation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, terms) = self.zumbroich_form();
        f.write_str(&format_terms(d, &terms))
    }
}

/// `Σ c·E(d)^b` in GAP's style: `-E(5)^2-E(5)^3`, `2*E(4)`, `1+E(8)`; `0` for no terms.
pub fn format_terms(d: u64, terms: &[(u64, i64)]) -> String {
    if terms.is_empty() {
        return "0".into();
    }
    let mut out = String::new();
    for (k, &(b, c)) in terms.iter().enumerate() {
        let root = match (d, b) {
            (_, 0) | (1, _) => String::new(),
            (_, 1) => format!("E({d})"),
            _ => format!("E({d})^{b}"),
        };
        let magnitude = c.unsigned_abs();
        let body = if root.is_empty() {
            magnitude.to_string()
        } else if magnitude == 1 {
            root
        } else {
            format!("{magnitude}*{root}")
        };
        if c < 0 {
            out.push('-');
        } else if k > 0 {
            out.push('+');
        }
        out.push_str(&body);
    }
    out
}

/// Prime-power factorisation `[(p, e)]` of `n`.
pub fn factorize(mut n: u64) -> Vec<(u64, u32)> {
    let mut factors = Vec::new();
    let mut p = 2;
    while p * p <= n {
        if n.is_multiple_of(p) {
            let mut e = 0;
            while n.is_multiple_of(p) {
                n /= p;
                e += 1;
            }
            factors.push((p, e));
        }
        p += 1;
    }
    if n > 1 {
        factors.push((n, 1));
    }
    factors
}

/// The exponents `b` (mod `d`) of the Zumbroich basis `{ζ_d^b}` of `Q(ζ_d)`, increasing.
pub fn zumbroich_basis(d: u64) -> Vec<u64> {
    let mut exponents = vec![0u64];
    for (p, e) in factorize(d) {
        let q = p.pow(e);
        // Digits from the leading one (weight p^{e−1}) down to the last (weight 1).
        let mut local: Vec<i64> = vec![0];
        for k in 0..e {
            let digits: Vec<i64> = match (p, k) {
                (2, 0) => vec![0],
                (2, _) => vec![0, 1],
                (_, 0) => (1..p as i64).collect(),
                _ => (-(p as i64 - 1) / 2..=(p as i64 - 1) / 2).collect(),
            };
            let weight = p.pow(e - 1 - k) as i64;
            local = local
                .iter()
                .flat_map(|&x| digits.iter().map(move |&b| x + b * weight))
                .collect();
        }
        let local: Vec<u64> = local
            .iter()
            .map(|&x| x.rem_euclid(q as i64) as u64)
            .collect();
        let weight = d / q;
        exponents = exponents
            .iter()
            .flat_map(|&x| local.iter().map(move |&j| (x + j * weight) % d))
            .collect();
    }
    exponents.sort_unstable();
    exponents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions_are_numerically_right() {
        for n in 1..=60u64 {
            for k in 0..n {
                let value =
                    Cyclotomic::from_multiplicities((0..n).map(|a| u64::from(a == k)).collect());
                let (d, terms) = value.zumbroich_form();
                let sum: Complex64 = terms
                    .iter()
                    .map(|&(b, c)| root_of_unity(b, d) * c as f64)
                    .sum();
                assert!((sum - root_of_unity(k, n)).norm() < 1e-12, "E({n})^{k}");
                let basis = zumbroich_basis(d);
                assert!(terms.iter().all(|(b, _)| basis.contains(b)), "E({n})^{k}");
            }
        }
    }

    #[test]
    fn printing_follows_gap() {
        // ζ_5^2 + ζ_5^3 = (−1−√5)/2 is printed as is; the golden ratio 1 + ζ + ζ⁴.
        let golden = Cyclotomic::from_multiplicities(vec![1, 1, 0, 0, 1]);
        assert_eq!(golden.to_string(), "-E(5)^2-E(5)^3");
        let minus_one = Cyclotomic::from_multiplicities(vec![0, 1, 1]);
        assert_eq!(minus_one.to_string(), "-1");
        assert_eq!(minus_one.as_integer(), Some(-1));
        let omega = Cyclotomic::from_multiplicities(vec![0, 0, 0, 0, 0, 1]);
        assert_eq!(omega.to_string(), "-E(3)"); // ζ_6^5 = −ζ_3: printed in Q(ζ_3)
        let sqrt2 = Cyclotomic::from_multiplicities(vec![0, 1, 0, 0, 0, 0, 0, 1]);
        assert_eq!(sqrt2.to_string(), "E(8)-E(8)^3");
        let two_i = Cyclotomic::from_multiplicities(vec![0, 2, 0, 0]);
        assert_eq!(two_i.to_string(), "2*E(4)");
        assert_eq!(zumbroich_basis(12), vec![4, 7, 8, 11]);
        let e9 = Cyclotomic::from_multiplicities(vec![0, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(e9.to_string(), "-E(9)^4-E(9)^7");
        let e98 = Cyclotomic::from_multiplicities(vec![0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(e98.to_string(), "-E(9)^2-E(9)^5"); // as GAP prints E(9)^8
        assert_eq!(zumbroich_basis(9), vec![2, 3, 4, 5, 6, 7]);
        let zero = Cyclotomic::from_multiplicities(vec![1, 1, 1]);
        assert_eq!(zero.to_string(), "0");
    }
}
