//! Arithmetic modulo word-size primes `p < 2^62` and Gauss–Jordan elimination over `GF(p)`:
//! the inner loop of the multimodular exact algorithms in [`super::exact`].
//!
//! Elimination files each row under its leading column and never scans a column, so sparse
//! matrices cost about their fill-in; dense row updates are branch-free and vectorised (AVX2 /
//! AVX-512 chosen at run time).
//!
//! Products `w·x mod p` with a fixed multiplier `w` use Shoup's precomputed quotient
//! (V. Shoup, NTL; see also D. Harvey, "Faster arithmetic for number-theoretic transforms",
//! J. Symbolic Comput. 60 (2014)), which replaces the 128-bit division by two multiplications.

use super::simd::{Simd, detect_simd};
use std::sync::Mutex;

use num_bigint::{BigInt, Sign};
use rayon::prelude::*;

/// `a·b mod p` through a 128-bit product (for one-off products such as primality tests;
/// elimination uses [`Modulus`] and [`ShoupMul`], which avoid the 128-bit division).
#[inline]
pub(crate) fn mul_mod(a: u64, b: u64, p: u64) -> u64 {
    ((a as u128 * b as u128) % p as u128) as u64
}

/// `a + b mod p` for `a, b < p < 2^63`.
#[inline]
pub(crate) fn add_mod(a: u64, b: u64, p: u64) -> u64 {
    // Branch-free: for s < 2p, `min(s, s − p)` (wrapping) is `s mod p`. Elimination data is
    // random, so a branch here would be mispredicted half the time.
    let s = a + b;
    s.min(s.wrapping_sub(p))
}

/// `a − b mod p` for `a, b < p`.
#[inline]
pub(crate) fn sub_mod(a: u64, b: u64, p: u64) -> u64 {
    let d = a.wrapping_sub(b);
    d.min(d.wrapping_add(p))
}

/// `a^e mod p` by square-and-multiply (128-bit division; see [`Modulus::pow`] for the fast one).
pub(crate) fn pow_mod(mut a: u64, mut e: u64, p: u64) -> u64 {
    let mut r = 1 % p;
    a %= p;
    while e > 0 {
        if e & 1 == 1 {
            r = mul_mod(r, a, p);
        }
        a = mul_mod(a, a, p);
        e >>= 1;
    }
    r
}

/// A modulus `2 ≤ p < 2^63` with the precomputed reciprocal of Möller and Granlund
/// ("Improved division by invariant integers", IEEE Trans. Computers 60 (2011), Alg. 4), so
/// that reducing a 128-bit number costs two multiplications instead of a library division.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Modulus {
    /// The modulus.
    pub p: u64,
    shift: u32,
    /// `p << shift`, with its top bit set.
    d: u64,
    /// `⌊(2^128 − 1) / d⌋ − 2^64`.
    v: u64,
}

impl Modulus {
    pub(crate) fn new(p: u64) -> Self {
        debug_assert!((2..1 << 63).contains(&p));
        let shift = p.leading_zeros();
        let d = p << shift;
        let v = ((u128::MAX / d as u128) - (1u128 << 64)) as u64;
        Self { p, shift, d, v }
    }

    /// `(⌊(u1·2^64 + u0) / d⌋, remainder)` for `u1 < d` (Möller–Granlund Algorithm 4).
    #[inline]
    fn div_2by1(&self, u1: u64, u0: u64) -> (u64, u64) {
        let q = (self.v as u128 * u1 as u128).wrapping_add(((u1 as u128) << 64) | u0 as u128);
        let mut q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(self.d));
        if r > q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(self.d);
        }
        if r >= self.d {
            q1 += 1;
            r -= self.d;
        }
        (q1, r)
    }

    /// `x mod p` for `x < p · 2^64`.
    #[inline]
    pub(crate) fn reduce(&self, x: u128) -> u64 {
        let y = x << self.shift;
        let (_, r) = self.div_2by1((y >> 64) as u64, y as u64);
        r >> self.shift
    }

    /// `a·b mod p` for `a, b < p`.
    #[inline]
    pub(crate) fn mul(&self, a: u64, b: u64) -> u64 {
        self.reduce(a as u128 * b as u128)
    }

    /// `a^e mod p`.
    pub(crate) fn pow(&self, mut a: u64, mut e: u64) -> u64 {
        let mut r = 1 % self.p;
        a %= self.p;
        while e > 0 {
            if e & 1 == 1 {
                r = self.mul(r, a);
            }
            a = self.mul(a, a);
            e >>= 1;
        }
        r
    }

    /// `a^{-1} mod p` for prime `p` and `a ≢ 0` (Fermat: `a^{p−2}`).
    pub(crate) fn inv(&self, a: u64) -> u64 {
        self.pow(a, self.p - 2)
    }

    /// The multiplier `w < p` prepared for [`ShoupMul::mul`].
    #[inline]
    pub(crate) fn shoup(&self, w: u64) -> ShoupMul {
        debug_assert!(w < self.p);
        let (q, _) = self.div_2by1(w << self.shift, 0);
        ShoupMul { w, w_shoup: q }
    }

    /// `x mod p` in `[0, p)` for an `i64`.
    #[inline]
    pub(crate) fn reduce_i64(&self, x: i64) -> u64 {
        let a = x.unsigned_abs();
        let r = if a < self.p { a } else { a % self.p };
        if x < 0 && r != 0 { self.p - r } else { r }
    }

    /// `x mod p` in `[0, p)` for a signed big integer (Horner on the 64-bit digits).
    pub(crate) fn reduce_big(&self, x: &BigInt) -> u64 {
        let mut r = 0u64;
        let digits: Vec<u64> = x.iter_u64_digits().collect();
        for &digit in digits.iter().rev() {
            r = self.reduce(((r as u128) << 64) | digit as u128);
        }
        if x.sign() == Sign::Minus && r != 0 {
            self.p - r
        } else {
            r
        }
    }
}

/// A fixed multiplier `w < p` with Shoup's precomputed `w' = ⌊w·2^64 / p⌋`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ShoupMul {
    w: u64,
    w_shoup: u64,
}

impl ShoupMul {
    /// `w·x mod p` for `x < p < 2^63`.
    #[inline]
    pub(crate) fn mul(self, x: u64, p: u64) -> u64 {
        let q = ((self.w_shoup as u128 * x as u128) >> 64) as u64;
        let r = self.w.wrapping_mul(x).wrapping_sub(q.wrapping_mul(p));
        r.min(r.wrapping_sub(p))
    }
}

/// Deterministic Miller–Rabin for 64-bit integers (the first twelve primes as bases are a
/// proven witness set below `3.3·10^24`; Sorenson–Webster 2015).
pub(crate) fn is_prime_u64(n: u64) -> bool {
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if n < 2 {
        return false;
    }
    for &b in &BASES {
        if n.is_multiple_of(b) {
            return n == b;
        }
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    'witness: for &a in &BASES {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'witness;
            }
        }
        return false;
    }
    true
}

static PRIMES: Mutex<Vec<u64>> = Mutex::new(Vec::new());

/// The primes `p_0 > p_1 > …` below `2^62`, indices `start..start+count` (computed once and
/// cached). All of them lie in `(2^61, 2^62)`.
pub(crate) fn primes(start: usize, count: usize) -> Vec<u64> {
    let mut cache = PRIMES.lock().unwrap_or_else(|e| e.into_inner());
    let mut candidate = cache.last().map_or((1u64 << 62) - 1, |&p| p - 2);
    while cache.len() < start + count {
        while !is_prime_u64(candidate) {
            candidate -= 2;
        }
        cache.push(candidate);
        candidate -= 2;
    }
    cache[start..start + count].to_vec()
}

/// The outcome of [`rref_mod`].
#[derive(Clone, Debug)]
pub(crate) struct ModRref {
    /// Pivot columns, increasing.
    pub pivots: Vec<usize>,
    /// `pivot_rows[k]`: the index of the row that holds the `k`-th pivot (rows are not moved).
    pub pivot_rows: Vec<usize>,
    /// Product of the pivots, in elimination order, before normalisation (mod p).
    pub pivot_product: u64,
    /// When every row is a pivot row: whether `k ↦ pivot_rows[k]` is an odd permutation.
    pub odd_permutation: bool,
}

/// `tail ← tail + f · pivot (mod p)`, the inner loop of elimination (branch-free, so that it
/// vectorises).
#[inline(always)]
fn axpy_kernel(tail: &mut [u64], pivot: &[u64], f: ShoupMul, p: u64) {
    for (t, &v) in tail.iter_mut().zip(pivot) {
        *t = add_mod(*t, f.mul(v, p), p);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn axpy_avx512(tail: &mut [u64], pivot: &[u64], f: ShoupMul, p: u64) {
    axpy_kernel(tail, pivot, f, p)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn axpy_avx2(tail: &mut [u64], pivot: &[u64], f: ShoupMul, p: u64) {
    axpy_kernel(tail, pivot, f, p)
}

/// [`axpy_kernel`] compiled for the CPU's vector width (runtime dispatch; the same code, so
/// the results are identical).
#[inline]
fn axpy(simd: Simd, tail: &mut [u64], pivot: &[u64], f: ShoupMul, p: u64) {
    match simd {
        Simd::Scalar => axpy_kernel(tail, pivot, f, p),
        // SAFETY: `simd` comes from `detect_simd`, which checked that the CPU supports the
        // target features these functions are compiled with.
        #[cfg(target_arch = "x86_64")]
        Simd::Avx2 => unsafe { axpy_avx2(tail, pivot, f, p) },
        #[cfg(target_arch = "x86_64")]
        Simd::Avx512 => unsafe { axpy_avx512(tail, pivot, f, p) },
    }
}

/// Below this many entries of work per elimination step, row updates run sequentially.
const PAR_THRESHOLD: usize = 1 << 15;

/// Rows per block in the back-substitution of [`rref_mod`].
const BACK_BLOCK: usize = 32;

/// A pivot row (with a leading 1 in column `col`) prepared for repeated
/// `row ← row − row[col] · pivot` updates: when few of its entries after `col` are non-zero,
/// their positions.
struct PivotInfo {
    col: usize,
    support: Option<Vec<usize>>,
}

impl PivotInfo {
    fn new(pivot_row: &[u64], col: usize) -> Self {
        let tail = &pivot_row[col + 1..];
        let nnz = tail.iter().filter(|&&v| v != 0).count();
        let support = (nnz * 4 < tail.len()).then(|| {
            tail.iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .map(|(j, _)| j)
                .collect()
        });
        Self { col, support }
    }

    /// `row ← row − row[col] · pivot_row` (which clears `row[col]`).
    #[inline]
    fn eliminate(&self, simd: Simd, md: &Modulus, pivot_row: &[u64], row: &mut [u64]) {
        let f = row[self.col];
        if f == 0 {
            return;
        }
        row[self.col] = 0;
        let p = md.p;
        let neg_f = md.shoup(p - f);
        let tail = &pivot_row[self.col + 1..];
        let dest = &mut row[self.col + 1..];
        match &self.support {
            Some(support) => {
                for &j in support {
                    dest[j] = add_mod(dest[j], neg_f.mul(tail[j], p), p);
                }
            }
            None => axpy(simd, dest, tail, neg_f, p),
        }
    }
}

/// Index of the first non-zero entry of `row` at or after `from` (`row.len()` if none).
#[inline]
fn first_nonzero(row: &[u64], from: usize) -> usize {
    row[from..]
        .iter()
        .position(|&v| v != 0)
        .map_or(row.len(), |j| from + j)
}

/// Parity of the permutation `k ↦ perm[k]` of `0..perm.len()`.
fn is_odd_permutation(perm: &[usize]) -> bool {
    let mut seen = vec![false; perm.len()];
    let mut odd = false;
    for start in 0..perm.len() {
        if seen[start] {
            continue;
        }
        let mut len = 0;
        let mut i = start;
        while !seen[i] {
            seen[i] = true;
            i = perm[i];
            len += 1;
        }
        if len % 2 == 0 {
            odd = !odd;
        }
    }
    odd
}

/// Gaussian elimination of the rows `rows` (each of length `n`, entries in `[0, p)`) over
/// `GF(p)`, in place, to row echelon form with leading ones; with `jordan` also the entries
/// above each pivot are cleared, so that the pivot rows form the reduced row echelon form
/// (row `pivot_rows[k]` of the result is row `k` of the RREF; the other rows end up zero).
///
/// Rows are never moved or scanned by column: each row is filed under its leading column, and
/// the step for column `c` touches only the rows filed under `c` (the pivot is the lowest-index
/// one). Sparse matrices — the `0/±1` constraint systems of permutation representations —
/// therefore cost time proportional to their fill-in, not to `m · n` per pivot. The
/// back-substitution of the Jordan phase runs bottom-up in blocks of rows, each block in
/// parallel against the rows already reduced below it. Row updates skip the zeros of sparse
/// pivot rows, and dense ones use a vectorised kernel chosen at run time.
pub(crate) fn rref_mod(rows: &mut [Vec<u64>], n: usize, p: u64, jordan: bool) -> ModRref {
    let m = rows.len();
    let md = Modulus::new(p);
    let simd = detect_simd();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, row) in rows.iter().enumerate() {
        debug_assert_eq!(row.len(), n);
        let lead = first_nonzero(row, 0);
        if lead < n {
            buckets[lead].push(i);
        }
    }
    let mut pivots = Vec::new();
    let mut pivot_rows = Vec::new();
    let mut product = 1 % p;
    for c in 0..n {
        let bucket = std::mem::take(&mut buckets[c]);
        let Some(&pi) = bucket.iter().min() else {
            continue;
        };
        let pv = rows[pi][c];
        product = md.mul(product, pv);
        let inv = md.shoup(md.inv(pv));
        rows[pi][c] = 1;
        for v in &mut rows[pi][c + 1..] {
            *v = inv.mul(*v, p);
        }
        pivots.push(c);
        pivot_rows.push(pi);
        if bucket.len() == 1 {
            continue;
        }
        let mut taken: Vec<(usize, Vec<u64>)> = bucket
            .iter()
            .filter(|&&i| i != pi)
            .map(|&i| (i, std::mem::take(&mut rows[i])))
            .collect();
        let pivot_row = &rows[pi];
        let pivot = PivotInfo::new(pivot_row, c);
        let update = |(_, row): &mut (usize, Vec<u64>)| -> usize {
            pivot.eliminate(simd, &md, pivot_row, row);
            first_nonzero(row, c + 1)
        };
        let leads: Vec<usize> = if taken.len() * (n - c) >= PAR_THRESHOLD {
            taken.par_iter_mut().map(update).collect()
        } else {
            taken.iter_mut().map(update).collect()
        };
        for ((i, row), lead) in taken.into_iter().zip(leads) {
            rows[i] = row;
            if lead < n {
                buckets[lead].push(i);
            }
        }
    }
    if jordan {
        back_substitute(rows, &pivots, &pivot_rows, simd, &md);
    }
    let odd_permutation = pivot_rows.len() == m && {
        let mut perm = vec![0; m];
        for (k, &i) in pivot_rows.iter().enumerate() {
            perm[k] = i;
        }
        is_odd_permutation(&perm)
    };
    ModRref {
        pivots,
        pivot_rows,
        pivot_product: product,
        odd_permutation,
    }
}

/// Clears the entries above the pivots of an echelon form with leading ones: row `k` (stored
/// at `pivot_rows[k]`) loses its entries in the pivot columns of all rows below it. Rows are
/// processed bottom-up in blocks; every row of a block is reduced (in parallel) against the
/// already reduced rows below the block, then the block is finished sequentially.
fn back_substitute(
    rows: &mut [Vec<u64>],
    pivots: &[usize],
    pivot_rows: &[usize],
    simd: Simd,
    md: &Modulus,
) {
    let r = pivots.len();
    let n = rows.first().map_or(0, |row| row.len());
    // infos[k - hi] describes reduced row k ≥ hi.
    let mut infos: Vec<PivotInfo> = Vec::new();
    let mut hi = r;
    while hi > 0 {
        let lo = hi.saturating_sub(BACK_BLOCK);
        let mut block: Vec<Vec<u64>> = (lo..hi)
            .map(|k| std::mem::take(&mut rows[pivot_rows[k]]))
            .collect();
        {
            let below: &[Vec<u64>] = rows;
            let infos = &infos;
            let reduce = |row: &mut Vec<u64>| {
                for (offset, info) in infos.iter().enumerate() {
                    info.eliminate(simd, md, &below[pivot_rows[hi + offset]], row);
                }
            };
            if (hi - lo) * (r - hi) * (n / 4 + 1) >= PAR_THRESHOLD {
                block.par_iter_mut().for_each(reduce);
            } else {
                block.iter_mut().for_each(reduce);
            }
        }
        // Within the block, bottom-up.
        let mut block_infos: Vec<PivotInfo> = Vec::with_capacity(hi - lo);
        for k in (lo..hi).rev() {
            let (upper, lower) = block.split_at_mut(k - lo + 1);
            let row = &mut upper[k - lo];
            // block_infos holds rows hi-1, hi-2, …, k+1 (in that order).
            for (info, reduced) in block_infos.iter().rev().zip(lower.iter()) {
                info.eliminate(simd, md, reduced, row);
            }
            block_infos.push(PivotInfo::new(row, pivots[k]));
        }
        block_infos.reverse();
        block_infos.append(&mut infos);
        infos = block_infos;
        for (k, row) in (lo..hi).zip(block) {
            rows[pivot_rows[k]] = row;
        }
        hi = lo;
    }
}

/// Determinant of the `n × n` matrix with rows `rows` over `GF(p)` (destroys `rows`).
pub(crate) fn det_mod(rows: &mut [Vec<u64>], p: u64) -> u64 {
    let n = rows.len();
    let res = rref_mod(rows, n, p, false);
    if res.pivots.len() < n {
        return 0;
    }
    if res.odd_permutation {
        (p - res.pivot_product) % p
    } else {
        res.pivot_product
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primes_are_prime_and_below_2_62() {
        let ps = primes(0, 5);
        assert_eq!(ps.len(), 5);
        for w in ps.windows(2) {
            assert!(w[0] > w[1]);
        }
        for &p in &ps {
            assert!(is_prime_u64(p));
            assert!(p < 1 << 62 && p > 1 << 61);
        }
        assert!(is_prime_u64(2) && is_prime_u64(97) && !is_prime_u64(91));
        // Carmichael number and a strong pseudoprime to base 2.
        assert!(!is_prime_u64(561) && !is_prime_u64(2047));
        assert!(is_prime_u64((1u64 << 61) - 1));
    }

    #[test]
    fn shoup_matches_u128() {
        let p = primes(0, 1)[0];
        for &w in &[0u64, 1, 2, p - 1, p / 3, 123456789] {
            let s = Modulus::new(p).shoup(w);
            for &x in &[0u64, 1, p - 1, p / 2, 987654321987] {
                assert_eq!(s.mul(x, p), mul_mod(w, x, p));
            }
        }
    }

    #[test]
    fn big_mod_matches_definition() {
        let p = primes(0, 1)[0];
        let x: BigInt = BigInt::from(3).pow(200u32) * -1;
        let expected = ((&x % BigInt::from(p)) + BigInt::from(p)) % BigInt::from(p);
        let md = Modulus::new(p);
        assert_eq!(BigInt::from(md.reduce_big(&x)), expected);
        assert_eq!(md.reduce_big(&BigInt::from(-1)), p - 1);
        assert_eq!(md.reduce_i64(-1), p - 1);
        assert_eq!(
            md.reduce_i64(i64::MIN),
            i64::MIN.rem_euclid(p as i64) as u64
        );
        assert_eq!(md.reduce_i64(i64::MAX), (i64::MAX as u64) % p);
    }

    #[test]
    fn modulus_matches_u128_arithmetic() {
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for &p in &[
            2u64,
            3,
            97,
            65537,
            (1 << 31) - 1,
            primes(0, 1)[0],
            (1 << 63) - 25,
        ] {
            let md = Modulus::new(p);
            for _ in 0..2000 {
                let (a, b) = (next() % p, next() % p);
                assert_eq!(md.mul(a, b), mul_mod(a, b, p), "p={p} a={a} b={b}");
                let w = next() % p;
                let expected = ((w as u128) << 64) / p as u128;
                assert_eq!(md.shoup(w).w_shoup as u128, expected);
            }
            assert_eq!(md.mul(p - 1, p - 1), 1 % p);
            if p > 2 {
                assert_eq!(md.mul(md.inv(2), 2), 1);
            }
        }
    }

    #[test]
    fn vectorised_axpy_matches_scalar() {
        let p = primes(0, 1)[0];
        let md = Modulus::new(p);
        let pivot: Vec<u64> = (0..37u64).map(|i| md.mul(i * 7919 + 3, p - 5)).collect();
        let start: Vec<u64> = (0..37u64)
            .map(|i| md.mul(i * 104729 + 11, p - 17))
            .collect();
        let f = md.shoup(md.mul(123456789, 987654321));
        let mut expected = start.clone();
        axpy_kernel(&mut expected, &pivot, f, p);
        for (e, (&s, &v)) in expected.iter().zip(start.iter().zip(&pivot)) {
            assert_eq!(*e, add_mod(s, mul_mod(f.w, v, p), p));
        }
        let mut got = start.clone();
        axpy(detect_simd(), &mut got, &pivot, f, p);
        assert_eq!(got, expected);
    }

    #[test]
    fn det_mod_small() {
        let p = 101;
        // [[0, 2], [3, 4]] has determinant -6.
        let mut a = vec![vec![0, 2], vec![3, 4]];
        assert_eq!(det_mod(&mut a, p), p - 6);
        // A 3-cycle of rows has even parity: det [[0,1,0],[0,0,1],[1,0,0]] = 1.
        let mut c = vec![vec![0, 1, 0], vec![0, 0, 1], vec![1, 0, 0]];
        assert_eq!(det_mod(&mut c, p), 1);
        let mut t = vec![vec![0, 1, 0], vec![1, 0, 0], vec![0, 0, 1]];
        assert_eq!(det_mod(&mut t, p), p - 1);
    }
}
