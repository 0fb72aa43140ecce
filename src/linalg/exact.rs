//! Exact linear algebra over `Q`: reduced row echelon form, rank, nullspace, inverse and
//! determinant of [`QMatrix`]es.
//!
//! # Algorithm (multimodular with exact certification)
//!
//! 1. **Integer rows.** Each row of `A` is multiplied by the lcm of its denominators and
//!    divided by the gcd of its numerators, giving an integer matrix `Z = D A` (`D` diagonal,
//!    positive). Row scaling changes neither the row space, nor the RREF, nor the nullspace.
//! 2. **Rank profile.** `Z` is reduced modulo a prime `p₁ ≈ 2^62` by Gauss–Jordan elimination
//!    over `GF(p₁)`. This gives pivot columns `P` (`r = |P|`) and the rows `S` that were used as
//!    pivots (in pivot order), with `M = Z[S, P]` invertible mod `p₁`, hence over `Q`.
//! 3. **Images.** For further primes `p`, the `r × n` matrix `Z[S, :]` is reduced mod `p`; a prime
//!    whose pivots differ from `P` is discarded (it divides `det M`). By Cramer's rule
//!    `X = det(M) · M⁻¹ Z[S, :]` is an integer matrix whose entries are `r × r` minors of
//!    `Z[S, :]`, so `|X_ij|, |det M| ≤ H = ∏_{i∈S} ‖Z_i‖₂` (Hadamard's bound). Its residues
//!    are `det(M) mod p` times the RREF mod `p`.
//! 4. **Chinese remaindering.** Garner's mixed-radix algorithm reconstructs `X` and `det M` in
//!    the symmetric range. Once the product of primes exceeds `2H + 1` the reconstruction is
//!    exact, so `R_S = X / det M` is exactly the RREF of `Z[S, :]`. Reconstruction is also tried
//!    at 2, 4, 8, … primes; if it is unchanged from the previous attempt the result is accepted
//!    only after the full check of step 5 (early termination, useful for sparse `0/±1`
//!    matrices whose minors are far below Hadamard's bound).
//! 5. **Certificate.** `R` (with `R[:, P] = I`) is the RREF of `Z` iff every row of `Z` satisfies
//!    `Z_i = Z_i[P] · R`, checked exactly in integers as `det(M)·Z_i = Z_i[P] · X`:
//!    then `rowspace(Z) ⊆ rowspace(R)`, and equality holds because `rank Z ≥ rank_{p₁} Z[:, P] = r`.
//!    After the Hadamard bound the rows in `S` hold by construction, so only the other rows are
//!    checked. If the check fails (`p₁` was unlucky: `rank_{p₁} Z < rank Z`), the whole
//!    procedure restarts with fresh primes, and after three failures falls back to
//!    [`rref_reference`].
//!
//! This is the classical multimodular echelon form (W. Stein, *Modular Forms: A Computational
//! Approach*, AMS 2007, §7.5; the scheme of FLINT's `fmpz_mat_rref_mul`), specialised to the
//! fact that the common denominator `det M` is known modulo every prime, so that plain Chinese
//! remaindering replaces rational reconstruction and needs half the primes. Garner's algorithm:
//! Knuth, *TAOCP* vol. 2, §4.3.2. Work is `O(m n r + k r² n)` word operations for
//! `k ≈ log₂ H / 62` primes, independent of the size of the intermediate rationals that
//! elimination over `Q` creates; elimination touches only the rows with a non-zero entry in the
//! pivot column, so sparse inputs cost about their fill-in.
//!
//! [`determinant`] uses the same primes with Hadamard's bound on `det Z` (no certificate is
//! needed: the bound makes the reconstruction exact); [`inverse`] is the RREF of `[A | I]`.

use std::borrow::Cow;

use nalgebra::DMatrix;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rayon::prelude::*;

use super::modular::{Modulus, ShoupMul, det_mod, primes, rref_mod, sub_mod};
use crate::num::rational::to_f64;
use crate::{Error, Result};

/// A dense matrix of exact rationals (`BigRational` entries, in lowest terms).
pub type QMatrix = DMatrix<BigRational>;

/// The `rows × cols` rational matrix with the given integer entries in **row-major** order;
/// [`Error::InvalidInput`] when `data.len() != rows · cols`.
///
/// ```
/// use equivariant::linalg::qmatrix_from_i64;
/// use equivariant::num::rational::from_i64;
/// let a = qmatrix_from_i64(2, 3, &[1, 2, 3, 4, 5, 6]).unwrap();
/// assert_eq!(a[(1, 0)], from_i64(4));
/// ```
pub fn qmatrix_from_i64(rows: usize, cols: usize, data: &[i64]) -> Result<QMatrix> {
    if rows.checked_mul(cols) != Some(data.len()) {
        return Err(Error::InvalidInput(format!(
            "{} entries given for a {rows}×{cols} matrix",
            data.len()
        )));
    }
    Ok(QMatrix::from_fn(rows, cols, |i, j| {
        BigRational::from_integer(BigInt::from(data[i * cols + j]))
    }))
}

/// The entrywise nearest `f64`s (accurate for huge numerators and denominators, see
/// [`crate::num::rational::to_f64`]).
pub fn qmatrix_to_f64(a: &QMatrix) -> DMatrix<f64> {
    a.map(|x| to_f64(&x))
}

// ---------------------------------------------------------------------------------------------
// Integer matrices
// ---------------------------------------------------------------------------------------------

/// Entries of an integer matrix, row-major: `i64` when all of them fit (the common case).
enum IntData {
    Small(Vec<i64>),
    Big(Vec<BigInt>),
}

/// `Z = D A` with integer entries, `D = diag(scale)`: each row of `A` multiplied by the lcm of
/// its denominators and divided by the gcd of the resulting numerators.
struct IntMatrix {
    rows: usize,
    cols: usize,
    data: IntData,
    /// `scale[i]` with `Z_i = scale[i] · A_i` (positive).
    scale: Vec<BigRational>,
    /// The largest bit length of an entry.
    max_bits: u64,
}

/// One row of [`IntMatrix::from_q`].
enum IntRow {
    Small(Vec<i64>, BigRational),
    Big(Vec<BigInt>, BigRational),
}

impl IntMatrix {
    fn from_q(a: &QMatrix) -> Self {
        let (rows, cols) = a.shape();
        let row_data: Vec<IntRow> = (0..rows)
            .into_par_iter()
            .map(|i| Self::integer_row(a, i))
            .collect();
        let all_small = row_data.iter().all(|r| matches!(r, IntRow::Small(..)));
        let mut scale = Vec::with_capacity(rows);
        let data = if all_small {
            let mut small = Vec::with_capacity(rows * cols);
            for row in row_data {
                if let IntRow::Small(v, s) = row {
                    small.extend(v);
                    scale.push(s);
                }
            }
            IntData::Small(small)
        } else {
            let mut big = Vec::with_capacity(rows * cols);
            for row in row_data {
                match row {
                    IntRow::Small(v, s) => {
                        big.extend(v.into_iter().map(BigInt::from));
                        scale.push(s);
                    }
                    IntRow::Big(v, s) => {
                        big.extend(v);
                        scale.push(s);
                    }
                }
            }
            IntData::Big(big)
        };
        let max_bits = match &data {
            IntData::Small(v) => v
                .iter()
                .map(|x| 64 - x.unsigned_abs().leading_zeros() as u64)
                .max()
                .unwrap_or(0),
            IntData::Big(v) => v.iter().map(|x| x.bits()).max().unwrap_or(0),
        };
        IntMatrix {
            rows,
            cols,
            data,
            scale,
            max_bits,
        }
    }

    /// Row `i` of `A` scaled to coprime integers.
    fn integer_row(a: &QMatrix, i: usize) -> IntRow {
        let cols = a.ncols();
        // Fast path: integer entries that fit in i64 (constraint matrices, most inputs).
        let small: Option<Vec<i64>> = (0..cols)
            .map(|j| {
                let x = &a[(i, j)];
                if x.denom().is_one() {
                    x.numer().to_i64()
                } else {
                    None
                }
            })
            .collect();
        if let Some(mut row) = small {
            let g = row
                .iter()
                .fold(0u64, |g, &x| num_integer::gcd(g, x.unsigned_abs()));
            if g > 1 {
                for x in &mut row {
                    *x = (*x as i128 / g as i128) as i64;
                }
            }
            let scale = BigRational::new(BigInt::one(), BigInt::from(g.max(1)));
            return IntRow::Small(row, scale);
        }
        let mut lcm = BigInt::one();
        for j in 0..cols {
            let d = a[(i, j)].denom();
            if !d.is_one() {
                lcm = lcm.lcm(d);
            }
        }
        let mut row: Vec<BigInt> = (0..cols)
            .map(|j| {
                let x = &a[(i, j)];
                if x.is_zero() {
                    BigInt::zero()
                } else if x.denom().is_one() {
                    x.numer() * &lcm
                } else {
                    x.numer() * (&lcm / x.denom())
                }
            })
            .collect();
        let mut g = BigInt::zero();
        for z in &row {
            if !z.is_zero() {
                g = g.gcd(z);
                if g.is_one() {
                    break;
                }
            }
        }
        if g.is_zero() {
            g = BigInt::one();
        }
        if !g.is_one() {
            for z in &mut row {
                *z /= &g;
            }
        }
        let scale = BigRational::new(lcm, g);
        match row.iter().map(|z| z.to_i64()).collect::<Option<Vec<i64>>>() {
            Some(small) => IntRow::Small(small, scale),
            None => IntRow::Big(row, scale),
        }
    }

    /// Entry `(i, j)` as a big integer (borrowed when stored as one).
    #[inline]
    fn get(&self, i: usize, j: usize) -> Cow<'_, BigInt> {
        match &self.data {
            IntData::Small(v) => Cow::Owned(BigInt::from(v[i * self.cols + j])),
            IntData::Big(v) => Cow::Borrowed(&v[i * self.cols + j]),
        }
    }

    /// Entry `(i, j)` as an `i64`, when it fits.
    #[inline]
    fn get_i64(&self, i: usize, j: usize) -> Option<i64> {
        match &self.data {
            IntData::Small(v) => Some(v[i * self.cols + j]),
            IntData::Big(v) => v[i * self.cols + j].to_i64(),
        }
    }

    #[inline]
    fn is_zero_at(&self, i: usize, j: usize) -> bool {
        match &self.data {
            IntData::Small(v) => v[i * self.cols + j] == 0,
            IntData::Big(v) => v[i * self.cols + j].is_zero(),
        }
    }

    /// Residues mod `p` of the rows `rows` (in that order).
    fn residues(&self, rows: &[usize], p: u64) -> Vec<Vec<u64>> {
        let n = self.cols;
        let md = Modulus::new(p);
        rows.iter()
            .map(|&i| match &self.data {
                IntData::Small(s) => s[i * n..(i + 1) * n]
                    .iter()
                    .map(|&x| md.reduce_i64(x))
                    .collect(),
                IntData::Big(b) => b[i * n..(i + 1) * n]
                    .iter()
                    .map(|x| md.reduce_big(x))
                    .collect(),
            })
            .collect()
    }

    /// `log₂ ‖Z_i‖₂` for every row (`−∞` for zero rows).
    fn row_log2_norms(&self) -> Vec<f64> {
        let n = self.cols;
        (0..self.rows)
            .map(|i| match &self.data {
                IntData::Small(s) => {
                    let sum: f64 = s[i * n..(i + 1) * n]
                        .iter()
                        .map(|&x| (x as f64) * (x as f64))
                        .sum();
                    0.5 * sum.log2()
                }
                IntData::Big(b) => {
                    let logs: Vec<f64> = b[i * n..(i + 1) * n]
                        .iter()
                        .filter(|z| !z.is_zero())
                        .map(log2_abs)
                        .collect();
                    let top = logs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                    if top == f64::NEG_INFINITY {
                        return top;
                    }
                    let sum: f64 = logs.iter().map(|l| (2.0 * (l - top)).exp2()).sum();
                    top + 0.5 * sum.log2()
                }
            })
            .collect()
    }

    fn is_zero(&self) -> bool {
        match &self.data {
            IntData::Small(v) => v.iter().all(|&x| x == 0),
            IntData::Big(v) => v.iter().all(|x| x.is_zero()),
        }
    }
}

/// `log₂ |z|` for `z ≠ 0`, without overflow for huge `z`.
fn log2_abs(z: &BigInt) -> f64 {
    let bits = z.bits();
    if bits <= 1000 {
        z.to_f64().unwrap_or(f64::INFINITY).abs().log2()
    } else {
        let shift = bits - 64;
        let top = (z.magnitude() >> shift).to_f64().unwrap_or(f64::INFINITY);
        top.log2() + shift as f64
    }
}

// ---------------------------------------------------------------------------------------------
// Chinese remaindering
// ---------------------------------------------------------------------------------------------

/// Garner's algorithm: from `residues[k][e]` (entry `e` modulo `primes[k]`) reconstructs every
/// entry in the symmetric range `(−M/2, M/2)`, `M = ∏ primes`.
fn crt_symmetric(primes: &[u64], residues: &[&[u64]], entries: usize) -> Vec<BigInt> {
    let k = primes.len();
    // inv[t][s] = p_s^{-1} mod p_t for s < t.
    let inv: Vec<Vec<ShoupMul>> = (0..k)
        .map(|t| {
            (0..t)
                .map(|s| {
                    let md = Modulus::new(primes[t]);
                    md.shoup(md.inv(primes[s] % primes[t]))
                })
                .collect()
        })
        .collect();
    let modulus: BigUint = primes.iter().map(|&p| BigUint::from(p)).product();
    let half = &modulus >> 1u32;
    (0..entries)
        .into_par_iter()
        .with_min_len(64)
        .map(|e| {
            let mut digits = vec![0u64; k];
            for t in 0..k {
                let pt = primes[t];
                let mut v = residues[t][e];
                for s in 0..t {
                    let a = digits[s] % pt;
                    v = inv[t][s].mul(sub_mod(v, a, pt), pt);
                }
                digits[t] = v;
            }
            let mut x = BigUint::from(digits[k - 1]);
            for t in (0..k - 1).rev() {
                x *= primes[t];
                x += digits[t];
            }
            if x > half {
                -BigInt::from_biguint(Sign::Plus, &modulus - x)
            } else {
                BigInt::from_biguint(Sign::Plus, x)
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// RREF
// ---------------------------------------------------------------------------------------------

/// The RREF of an integer matrix in compact form: `R[k, pivots[k]] = 1`,
/// `R[k, free[j]] = x[k·f + j] / d` (`f = free.len()`), all other rows zero.
struct IntRref {
    pivots: Vec<usize>,
    free: Vec<usize>,
    d: BigInt,
    x: Vec<BigInt>,
}

impl IntRref {
    /// The entries `x[e] / d` in lowest terms.
    fn fractions(&self) -> Vec<BigRational> {
        reduce_fractions(&self.x, &self.d)
    }
}

/// `x[e] / d` in lowest terms for every `e` (`d > 0`), with far fewer big gcds than one per
/// entry. Write `d = s·c` with `s` the part of `d` made of primes below `2^12` (found by trial
/// division) and `c` coprime to it, so `gcd(x, d) = gcd(x mod s, s) · gcd(x, c)`. The first
/// factor is a small gcd. For the second, `gcd(∏ x_e mod c, c) = 1` certifies that every `x_e`
/// in a block is coprime to `c`; blocks where it is not are split in halves, down to single
/// entries (a batch coprimality test in the spirit of Bernstein's batch gcd). For the RREF of
/// a random matrix `c` is coprime to all entries, and the whole reduction costs one modular
/// product per entry instead of one Euclidean algorithm.
fn reduce_fractions(x: &[BigInt], d: &BigInt) -> Vec<BigRational> {
    debug_assert!(d.is_positive());
    if d.is_one() {
        return x
            .iter()
            .map(|v| BigRational::from_integer(v.clone()))
            .collect();
    }
    let d_mag = d.magnitude().clone();
    let (s, c) = split_smooth(&d_mag);
    let nonzero: Vec<usize> = (0..x.len()).filter(|&e| !x[e].is_zero()).collect();
    let mut g = vec![BigUint::one(); x.len()];
    if !c.is_one() {
        coprime_blocks(x, &c, &nonzero, &mut g);
    }
    let g: Vec<BigUint> = if s.is_one() {
        g
    } else {
        nonzero
            .par_iter()
            .map(|&e| (e, (x[e].magnitude() % &s).gcd(&s)))
            .collect::<Vec<_>>()
            .into_iter()
            .fold(g, |mut g, (e, gs)| {
                if !gs.is_one() {
                    g[e] *= gs;
                }
                g
            })
    };
    (0..x.len())
        .into_par_iter()
        .with_min_len(32)
        .map(|e| {
            if x[e].is_zero() {
                return BigRational::zero();
            }
            if g[e].is_one() {
                return BigRational::new_raw(x[e].clone(), d.clone());
            }
            let ge = BigInt::from_biguint(Sign::Plus, g[e].clone());
            BigRational::new_raw(&x[e] / &ge, d / &ge)
        })
        .collect()
}

/// `(s, c)` with `d = s·c`, `s` the product of the prime powers of `d` for primes `< 2^12`.
fn split_smooth(d: &BigUint) -> (BigUint, BigUint) {
    const LIMIT: u32 = 1 << 12;
    let mut sieve = vec![true; LIMIT as usize];
    let mut s = BigUint::one();
    let mut c = d.clone();
    for p in 2..LIMIT {
        if !sieve[p as usize] {
            continue;
        }
        let mut multiple = p * p;
        while multiple < LIMIT {
            sieve[multiple as usize] = false;
            multiple += p;
        }
        while (&c % p).is_zero() {
            c /= p;
            s *= p;
        }
    }
    (s, c)
}

/// For the entries `idx` (all non-zero), multiplies `g[e]` by `gcd(x[e], c)` where it is not 1.
fn coprime_blocks(x: &[BigInt], c: &BigUint, idx: &[usize], g: &mut [BigUint]) {
    const LEAF: usize = 8;
    if idx.is_empty() {
        return;
    }
    if idx.len() <= LEAF {
        for &e in idx {
            let gc = (x[e].magnitude() % c).gcd(c);
            if !gc.is_one() {
                g[e] *= gc;
            }
        }
        return;
    }
    let product = idx
        .par_iter()
        .with_min_len(64)
        .fold(BigUint::one, |acc, &e| acc * (x[e].magnitude() % c) % c)
        .reduce(BigUint::one, |a, b| a * b % c);
    if product.gcd(c).is_one() {
        return;
    }
    let (left, right) = idx.split_at(idx.len() / 2);
    coprime_blocks(x, c, left, g);
    coprime_blocks(x, c, right, g);
}

/// How many primes to process between reconstruction attempts, at least.
fn batch_size() -> usize {
    rayon::current_num_threads().clamp(2, 8)
}

/// Exact check that `d · Z_i[free] = Z_i[P] · X` for every `i` in `rows`.
fn certify(
    z: &IntMatrix,
    rows: &[usize],
    pivots: &[usize],
    free: &[usize],
    d: &BigInt,
    x: &[BigInt],
) -> bool {
    let f = free.len();
    if f == 0 || rows.is_empty() {
        // With no free columns R = [I] on P, and Z_i = Z_i[P] · R holds trivially.
        return true;
    }
    // Fast path: everything fits comfortably in i128.
    let x_bits = x.iter().map(|v| v.bits()).max().unwrap_or(0).max(d.bits());
    let r_bits = 64 - (pivots.len() as u64 + 1).leading_zeros() as u64;
    if x_bits + z.max_bits + r_bits + 2 < 126 {
        let x128: Vec<i128> = x.iter().map(|v| v.to_i128().unwrap_or(0)).collect();
        let d128 = d.to_i128().unwrap_or(0);
        return rows.par_iter().all(|&i| {
            let nz: Vec<(usize, i128)> = pivots
                .iter()
                .enumerate()
                .filter(|&(_, &c)| !z.is_zero_at(i, c))
                .map(|(k, &c)| (k, z.get_i64(i, c).unwrap_or(0) as i128))
                .collect();
            free.iter().enumerate().all(|(j, &c)| {
                let lhs = d128 * z.get_i64(i, c).unwrap_or(0) as i128;
                let rhs: i128 = nz.iter().map(|&(k, zk)| zk * x128[k * f + j]).sum();
                lhs == rhs
            })
        });
    }
    rows.par_iter().all(|&i| {
        let nz: Vec<(usize, Cow<'_, BigInt>)> = pivots
            .iter()
            .enumerate()
            .filter(|&(_, &c)| !z.is_zero_at(i, c))
            .map(|(k, &c)| (k, z.get(i, c)))
            .collect();
        let small: Option<Vec<(usize, i64)>> = nz
            .iter()
            .map(|(k, v)| v.to_i64().map(|s| (*k, s)))
            .collect();
        free.iter().enumerate().all(|(j, &c)| {
            let lhs = d * z.get(i, c).as_ref();
            let mut acc = BigInt::zero();
            match &small {
                Some(s) => {
                    for &(k, zk) in s {
                        acc += &x[k * f + j] * zk;
                    }
                }
                None => {
                    for (k, zk) in &nz {
                        acc += &x[k * f + j] * zk.as_ref();
                    }
                }
            }
            acc == lhs
        })
    })
}

/// One multimodular attempt; `None` when the certificate fails (unlucky first prime).
fn rref_multimodular(z: &IntMatrix, next_prime: &mut usize) -> Option<IntRref> {
    let (m, n) = (z.rows, z.cols);
    let p1 = primes(*next_prime, 1)[0];
    *next_prime += 1;
    let all_rows: Vec<usize> = (0..m).collect();
    let mut a = z.residues(&all_rows, p1);
    let first = rref_mod(&mut a, n, p1, true);
    let pivots = first.pivots.clone();
    let r = pivots.len();
    let s_rows = first.pivot_rows.clone();
    let mut is_pivot = vec![false; n];
    for &c in &pivots {
        is_pivot[c] = true;
    }
    let free: Vec<usize> = (0..n).filter(|&c| !is_pivot[c]).collect();
    let f = free.len();
    if r == 0 {
        return z.is_zero().then(|| IntRref {
            pivots: vec![],
            free,
            d: BigInt::one(),
            x: vec![],
        });
    }
    if f == 0 {
        // Full column rank (certified: rank Z ≥ rank_{p₁} Z = n), so the RREF is [I; 0].
        return Some(IntRref {
            pivots,
            free,
            d: BigInt::one(),
            x: vec![],
        });
    }
    // Residues of X = det(M) · R[:, free] and of det(M); M = Z[S, P] with S in pivot order,
    // so that det M is the product of the pivots of the first elimination (every pivot row is
    // its original row plus multiples of earlier pivot rows).
    let image = |rows: &[Vec<u64>], pivot_rows: &[usize], d: u64, p: u64| -> Vec<u64> {
        let dm = Modulus::new(p).shoup(d);
        let mut out = Vec::with_capacity(r * f + 1);
        for &i in pivot_rows {
            out.extend(free.iter().map(|&c| dm.mul(rows[i][c], p)));
        }
        out.push(d);
        out
    };
    let mut used_primes = vec![p1];
    let mut images = vec![image(&a, &first.pivot_rows, first.pivot_product, p1)];
    drop(a);

    let norms = z.row_log2_norms();
    let bound_bits: f64 = s_rows.iter().map(|&i| norms[i]).sum::<f64>() + 2.0;
    let bits_of = |ps: &[u64]| ps.iter().map(|&p| (p as f64).log2()).sum::<f64>();
    let mut previous: Option<Vec<BigInt>> = None;
    let mut next_checkpoint = 2;
    let mut discarded = 0usize;
    loop {
        let have_bits = bits_of(&used_primes);
        let done = have_bits > bound_bits;
        if done || used_primes.len() >= next_checkpoint {
            let refs: Vec<&[u64]> = images.iter().map(|v| v.as_slice()).collect();
            let mut values = crt_symmetric(&used_primes, &refs, r * f + 1);
            if done {
                let d = values.pop().unwrap_or_else(BigInt::one);
                let others: Vec<usize> = {
                    let mut in_s = vec![false; m];
                    for &i in &s_rows {
                        in_s[i] = true;
                    }
                    (0..m).filter(|&i| !in_s[i]).collect()
                };
                return certify(z, &others, &pivots, &free, &d, &values)
                    .then(|| normalise(pivots, free, d, values));
            }
            if previous.as_ref() == Some(&values) {
                let d = values.pop().unwrap_or_else(BigInt::one);
                if !d.is_zero() && certify(z, &all_rows, &pivots, &free, &d, &values) {
                    return Some(normalise(pivots, free, d, values));
                }
                values.push(d);
            }
            previous = Some(values);
            next_checkpoint *= 2;
        }
        // Next batch of primes, in parallel, only as many as still needed.
        let needed = ((bound_bits - have_bits) / 61.9).ceil().max(1.0) as usize;
        let count = batch_size().min(needed.max(1));
        let batch = primes(*next_prime, count);
        *next_prime += count;
        let results: Vec<Option<(u64, Vec<u64>)>> = batch
            .par_iter()
            .map(|&p| {
                let mut b = z.residues(&s_rows, p);
                let res = rref_mod(&mut b, n, p, true);
                if res.pivots != pivots {
                    return None;
                }
                let d = if res.odd_permutation {
                    (p - res.pivot_product) % p
                } else {
                    res.pivot_product
                };
                Some((p, image(&b, &res.pivot_rows, d, p)))
            })
            .collect();
        for result in results {
            match result {
                Some((p, img)) => {
                    used_primes.push(p);
                    images.push(img);
                }
                None => discarded += 1,
            }
        }
        if discarded > used_primes.len() + 20 {
            // Only primes dividing det M are discarded, far fewer than this: the rank profile
            // from p1 must be wrong; start again.
            return None;
        }
    }
}

/// Makes `d > 0`.
fn normalise(pivots: Vec<usize>, free: Vec<usize>, d: BigInt, mut x: Vec<BigInt>) -> IntRref {
    let d = if d.is_negative() {
        for v in &mut x {
            *v = -std::mem::take(v);
        }
        -d
    } else {
        d
    };
    IntRref { pivots, free, d, x }
}

/// Exact RREF of the integer matrix `z`: multimodular with certification, falling back to
/// [`rref_reference`] after three failed attempts.
fn int_rref(z: &IntMatrix) -> IntRref {
    let (m, n) = (z.rows, z.cols);
    if m == 0 || n == 0 {
        return IntRref {
            pivots: vec![],
            free: (0..n).collect(),
            d: BigInt::one(),
            x: vec![],
        };
    }
    let mut next_prime = 0;
    for _ in 0..3 {
        if let Some(res) = rref_multimodular(z, &mut next_prime) {
            return res;
        }
    }
    // Fallback: Gauss–Jordan over Q, then a common denominator.
    let a = QMatrix::from_fn(m, n, |i, j| {
        BigRational::from_integer(z.get(i, j).into_owned())
    });
    let (rr, pivots) = rref_reference(&a);
    let mut is_pivot = vec![false; n];
    for &c in &pivots {
        is_pivot[c] = true;
    }
    let free: Vec<usize> = (0..n).filter(|&c| !is_pivot[c]).collect();
    let mut d = BigInt::one();
    for k in 0..pivots.len() {
        for &c in &free {
            d = d.lcm(rr[(k, c)].denom());
        }
    }
    let x = (0..pivots.len())
        .flat_map(|k| free.iter().map(move |&c| (k, c)))
        .map(|(k, c)| (&rr[(k, c)] * BigRational::from_integer(d.clone())).to_integer())
        .collect();
    IntRref { pivots, free, d, x }
}

/// Reduced row echelon form of `a` and its pivot columns (increasing).
///
/// `R` is the unique matrix row-equivalent to `a` whose non-zero rows come first, each with a
/// leading 1 (at the pivot column) that is the only non-zero entry of its column, pivots
/// increasing. Computed by the certified multimodular algorithm described in the
/// [module documentation](self): exact, and typically hundreds of times faster than
/// elimination over `BigRational` (a `200 × 200` matrix of rank 150 with small entries takes
/// tens of milliseconds).
///
/// ```
/// use equivariant::linalg::{qmatrix_from_i64, rref};
/// let a = qmatrix_from_i64(2, 3, &[2, 4, 6, 1, 2, 4]).unwrap();
/// let (r, pivots) = rref(&a);
/// assert_eq!(pivots, vec![0, 2]);
/// assert_eq!(r, qmatrix_from_i64(2, 3, &[1, 2, 0, 0, 0, 1]).unwrap());
/// ```
pub fn rref(a: &QMatrix) -> (QMatrix, Vec<usize>) {
    let (m, n) = a.shape();
    let z = IntMatrix::from_q(a);
    let res = int_rref(&z);
    let f = res.free.len();
    let entries = res.fractions();
    let mut out = QMatrix::from_element(m, n, BigRational::zero());
    for (k, &c) in res.pivots.iter().enumerate() {
        out[(k, c)] = BigRational::one();
        for (j, &fc) in res.free.iter().enumerate() {
            out[(k, fc)] = entries[k * f + j].clone();
        }
    }
    (out, res.pivots)
}

/// Rank of `a` over `Q` (the number of pivots of its [`rref`]).
///
/// The rank modulo a prime is a lower bound for the rank over `Q`; when it already equals
/// `min(m, n)` it is the answer, otherwise the certified [`rref`] decides.
pub fn rank(a: &QMatrix) -> usize {
    let (m, n) = a.shape();
    if m == 0 || n == 0 {
        return 0;
    }
    let z = IntMatrix::from_q(a);
    let p = primes(0, 1)[0];
    let mut residues = z.residues(&(0..m).collect::<Vec<_>>(), p);
    if rref_mod(&mut residues, n, p, false).pivots.len() == m.min(n) {
        return m.min(n);
    }
    int_rref(&z).pivots.len()
}

/// A basis of the right nullspace `{x ∈ Qⁿ : A x = 0}` as the columns of an
/// `n × (n − rank)` matrix: the canonical basis read off the [`rref`] `R`. Column `j`
/// belongs to the `j`-th free (non-pivot) column `c_j`: it has a 1 in row `c_j`, 0 in the
/// other free rows, and `−R[k, c_j]` in row `P[k]` for each pivot `P[k]`.
///
/// ```
/// use equivariant::linalg::{nullspace, qmatrix_from_i64};
/// let a = qmatrix_from_i64(1, 3, &[1, 1, 1]).unwrap();
/// let n = nullspace(&a);
/// assert_eq!(n, qmatrix_from_i64(3, 2, &[-1, -1, 1, 0, 0, 1]).unwrap());
/// assert_eq!(&a * &n, qmatrix_from_i64(1, 2, &[0, 0]).unwrap());
/// ```
pub fn nullspace(a: &QMatrix) -> QMatrix {
    let n = a.ncols();
    let res = int_rref(&IntMatrix::from_q(a));
    let f = res.free.len();
    let entries: Vec<BigRational> = res.fractions().into_iter().map(|v| -v).collect();
    let mut out = QMatrix::from_element(n, f, BigRational::zero());
    for (j, &c) in res.free.iter().enumerate() {
        out[(c, j)] = BigRational::one();
    }
    for (k, &pc) in res.pivots.iter().enumerate() {
        for j in 0..f {
            out[(pc, j)] = entries[k * f + j].clone();
        }
    }
    out
}

/// The inverse of the square matrix `a`: the right half of the [`rref`] of `[A | I]`
/// (multimodular, exact). [`Error::InvalidInput`] when `a` is not square or is singular.
/// The `0 × 0` matrix is its own inverse.
///
/// ```
/// use equivariant::linalg::{inverse, qmatrix_from_i64};
/// let a = qmatrix_from_i64(2, 2, &[2, 1, 1, 1]).unwrap();
/// assert_eq!(inverse(&a).unwrap(), qmatrix_from_i64(2, 2, &[1, -1, -1, 2]).unwrap());
/// assert!(inverse(&qmatrix_from_i64(2, 2, &[1, 2, 2, 4]).unwrap()).is_err());
/// ```
pub fn inverse(a: &QMatrix) -> Result<QMatrix> {
    let (m, n) = a.shape();
    if m != n {
        return Err(Error::InvalidInput(format!(
            "inverse of a non-square {m}×{n} matrix"
        )));
    }
    if n == 0 {
        return Ok(QMatrix::zeros(0, 0));
    }
    let aug = QMatrix::from_fn(n, 2 * n, |i, j| {
        if j < n {
            a[(i, j)].clone()
        } else if j - n == i {
            BigRational::one()
        } else {
            BigRational::zero()
        }
    });
    let res = int_rref(&IntMatrix::from_q(&aug));
    if res.pivots.len() < n || res.pivots[n - 1] != n - 1 {
        return Err(Error::InvalidInput(format!(
            "inverse of a singular {n}×{n} matrix (rank {})",
            res.pivots.iter().filter(|&&c| c < n).count()
        )));
    }
    // Free columns are exactly n..2n.
    let entries = res.fractions();
    Ok(QMatrix::from_fn(n, n, |i, j| entries[i * n + j].clone()))
}

/// Determinant of the square matrix `a` (`1` for `0 × 0`); [`Error::InvalidInput`] when not
/// square.
///
/// With `Z = D A` the integer row scaling, `det A = det Z / det D`; `det Z` is computed modulo
/// primes `p ≈ 2^62` by Gaussian elimination and reconstructed by Chinese remaindering once
/// the product of the primes exceeds twice Hadamard's bound `∏ ‖Z_i‖₂` (exact by that bound).
///
/// ```
/// use equivariant::linalg::{determinant, qmatrix_from_i64};
/// let a = qmatrix_from_i64(2, 2, &[1, 2, 3, 4]).unwrap();
/// assert_eq!(determinant(&a).unwrap(), equivariant::num::rational::from_i64(-2));
/// ```
pub fn determinant(a: &QMatrix) -> Result<BigRational> {
    let (m, n) = a.shape();
    if m != n {
        return Err(Error::InvalidInput(format!(
            "determinant of a non-square {m}×{n} matrix"
        )));
    }
    if n == 0 {
        return Ok(BigRational::one());
    }
    let z = IntMatrix::from_q(a);
    let norms = z.row_log2_norms();
    if norms.contains(&f64::NEG_INFINITY) {
        return Ok(BigRational::zero());
    }
    let bound_bits: f64 = norms.iter().sum::<f64>() + 2.0;
    let count = ((bound_bits / 61.9).ceil() as usize).max(1);
    let ps = primes(0, count);
    let all_rows: Vec<usize> = (0..n).collect();
    let dets: Vec<u64> = ps
        .par_iter()
        .map(|&p| {
            let mut b = z.residues(&all_rows, p);
            det_mod(&mut b, p)
        })
        .collect();
    let per_prime: Vec<[u64; 1]> = dets.iter().map(|&d| [d]).collect();
    let refs: Vec<&[u64]> = per_prime.iter().map(|v| v.as_slice()).collect();
    let det_z = crt_symmetric(&ps, &refs, 1)
        .pop()
        .unwrap_or_else(BigInt::zero);
    let scale: BigRational = z.scale.iter().product();
    Ok(BigRational::from_integer(det_z) / scale)
}

/// Reference Gauss–Jordan elimination over `BigRational` (slow, obviously correct): the same
/// result as [`rref`]. Kept as the fallback of the multimodular algorithm and as the oracle
/// that tests compare it with.
pub fn rref_reference(a: &QMatrix) -> (QMatrix, Vec<usize>) {
    let (m, n) = a.shape();
    let mut r = a.clone();
    let mut pivots = Vec::new();
    let mut k = 0;
    for c in 0..n {
        if k == m {
            break;
        }
        let Some(i) = (k..m).find(|&i| !r[(i, c)].is_zero()) else {
            continue;
        };
        r.swap_rows(i, k);
        let inv = r[(k, c)].recip();
        for j in c..n {
            let v = &r[(k, j)] * &inv;
            r[(k, j)] = v;
        }
        for i in 0..m {
            if i == k || r[(i, c)].is_zero() {
                continue;
            }
            let f = r[(i, c)].clone();
            for j in c..n {
                let v = &r[(i, j)] - &f * &r[(k, j)];
                r[(i, j)] = v;
            }
        }
        pivots.push(c);
        k += 1;
    }
    (r, pivots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{RngExt, SeedableRng};

    fn random_q(rng: &mut StdRng, rows: usize, cols: usize, rank: usize) -> QMatrix {
        let l = QMatrix::from_fn(rows, rank, |_, _| {
            BigRational::new(
                BigInt::from(rng.random_range(-5i64..=5)),
                BigInt::from(rng.random_range(1i64..=3)),
            )
        });
        let r = QMatrix::from_fn(rank, cols, |_, _| {
            BigRational::from_integer(BigInt::from(rng.random_range(-3i64..=3)))
        });
        &l * &r
    }

    #[test]
    fn multimodular_matches_reference() {
        let mut rng = StdRng::seed_from_u64(7);
        for trial in 0..60 {
            let rows = rng.random_range(0..9usize);
            let cols = rng.random_range(0..9usize);
            let rank = rng.random_range(0..=rows.min(cols));
            let a = random_q(&mut rng, rows, cols, rank);
            assert_eq!(rref(&a), rref_reference(&a), "trial {trial}: {a}");
        }
    }

    #[test]
    fn huge_entries_and_early_termination() {
        // Entries far beyond i64, a rank-deficient matrix of 0/±1 with many rows.
        let big = BigInt::from(3).pow(100u32);
        let mut a = qmatrix_from_i64(3, 3, &[1, 2, 3, 4, 5, 6, 7, 8, 10]).unwrap();
        a[(0, 0)] = BigRational::new(big.clone(), BigInt::from(7));
        a[(2, 1)] = BigRational::new(BigInt::one(), big);
        assert_eq!(rref(&a), rref_reference(&a));
        let n = 40;
        let mut rng = StdRng::seed_from_u64(3);
        let b = QMatrix::from_fn(3 * n, n, |_, _| {
            let v: i64 = [-1, 0, 0, 0, 0, 0, 1][rng.random_range(0..7usize)];
            BigRational::from_integer(BigInt::from(v))
        });
        assert_eq!(rref(&b), rref_reference(&b));
    }

    #[test]
    fn reduce_fractions_matches_ratio_new() {
        let mut rng = StdRng::seed_from_u64(11);
        let two_big = BigInt::from(2).pow(70u32) * BigInt::from(3) * BigInt::from(1_000_003);
        let big_prime_factor = BigInt::from(1_000_000_007i64);
        for d in [
            BigInt::one(),
            BigInt::from(6),
            two_big.clone(),
            &two_big * &big_prime_factor * &big_prime_factor,
            BigInt::from(3).pow(90u32) + 1,
        ] {
            let x: Vec<BigInt> = (0..300)
                .map(|i| {
                    let base = BigInt::from(rng.random_range(-1000i64..=1000));
                    match i % 5 {
                        0 => BigInt::zero(),
                        1 => &base * &big_prime_factor,
                        2 => &base * &d,
                        _ => base * BigInt::from(3).pow(70u32) + 1,
                    }
                })
                .collect();
            let fast = reduce_fractions(&x, &d);
            for (e, v) in x.iter().enumerate() {
                assert_eq!(fast[e], BigRational::new(v.clone(), d.clone()));
                assert!(fast[e].numer().gcd(fast[e].denom()).is_one());
                assert!(fast[e].denom().is_positive());
            }
        }
    }

    #[test]
    fn determinant_and_inverse_small() {
        let a = qmatrix_from_i64(3, 3, &[2, 0, 1, 1, 3, 2, 1, 1, 2]).unwrap();
        assert_eq!(
            determinant(&a).unwrap(),
            BigRational::from_integer(6.into())
        );
        let inv = inverse(&a).unwrap();
        assert_eq!(&inv * &a, QMatrix::identity(3, 3));
        let half = a.map(|x| x / BigRational::from_integer(2.into()));
        assert_eq!(
            determinant(&half).unwrap(),
            BigRational::new(3.into(), 4.into())
        );
    }
}
