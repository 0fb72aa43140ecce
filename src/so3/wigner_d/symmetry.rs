//! Completing `d^l(β)` from its wedge `m ≥ |m'|` by the symmetries
//!
//! ```text
//! d_{m m'} = (−1)^{m−m'} d_{m' m} = d_{−m', −m} = (−1)^{m−m'} d_{−m, −m'}
//! ```
//!
//! (`d` is real and `d(β)ᵀ = d(−β)`, `d(−β) = S d(β) S` with `S = diag((−1)^m)`; Varshalovich,
//! Moskalev & Khersonskii, *Quantum Theory of Angular Momentum*, §4.4). The buffer is the
//! column-major `(2l+1)²` storage of a `DMatrix`, entry `(m + l, m' + l)`.

/// `(−1)^k`.
fn parity(k: isize) -> f64 {
    if k & 1 == 0 { 1.0 } else { -1.0 }
}

/// Index of `(m, m')` in the column-major buffer of degree `l`.
fn at(l: usize, m: isize, mp: isize) -> usize {
    let li = l as isize;
    ((m + li) + (mp + li) * (2 * li + 1)) as usize
}

/// Fills the band `|m| < |m'|` from the wedge: `d_{m m'} = (−1)^{m−m'} d_{m' m}` for `m' > 0`
/// and `d_{m m'} = d_{−m', −m}` for `m' < 0`. Afterwards the rows `m ≥ 0` are complete.
pub(super) fn fill_band(l: usize, out: &mut [f64]) {
    for k in 1..=l as isize {
        for m in 1 - k..k {
            out[at(l, m, k)] = parity(m - k) * out[at(l, k, m)];
            out[at(l, m, -k)] = out[at(l, k, -m)];
        }
    }
}

/// Fills the rows `m ≤ −|m'|` (other than the wedge entry `(0, 0)`) from the wedge:
/// `d_{m m'} = (−1)^{m−m'} d_{−m, −m'}`.
pub(super) fn fill_lower(l: usize, out: &mut [f64]) {
    let li = l as isize;
    for mp in -li..=li {
        for m in -li..=-mp.abs().max(1) {
            out[at(l, m, mp)] = parity(m - mp) * out[at(l, -m, -mp)];
        }
    }
}
