//! The Gumerov–Duraiswami recursion for `d^l(β)` on the wedge `m ≥ |m'|`, and the symmetries
//! that fill the rest of the matrix.
//!
//! With `c(k) = √((l−k)(l+k+1)) = ⟨k+1| J_+ |k⟩` (so `c(−k−1) = c(k)`, `c(l) = 0`), the
//! matrix elements of `d J_y = J_y d` give, for every `m, m'`,
//!
//! ```text
//! c(m') d_{m,m'+1} = c(m'−1) d_{m,m'−1} + c(m−1) d_{m−1,m'} − c(m) d_{m+1,m'},      (1)
//! ```
//!
//! and together with `d J_x = (cos β J_x − sin β J_z) d` at `m' = 0` the two columns next
//! to the Legendre column `d_{m0}`:
//!
//! ```text
//! c(0) d_{m, 1} =  cos²(β/2) c(m−1) d_{m−1,0} − sin²(β/2) c(m) d_{m+1,0} − m sin β d_{m0},
//! c(0) d_{m,−1} = −sin²(β/2) c(m−1) d_{m−1,0} + cos²(β/2) c(m) d_{m+1,0} − m sin β d_{m0}.
//! ```
//!
//! Equation (1) solved for `d_{m,m'+1}` (`m' ≥ 1`) or for `d_{m,m'−1}` (`m' ≤ −1`) then fills
//! the columns outwards, each only on the rows `m ≥ |m'|`: this is the stable recursion of
//! Gumerov & Duraiswami, "Recursive computation of spherical harmonic rotation coefficients
//! of large degree" (2015, arXiv:1403.7698), eq. (50), written for `d` instead of their `H`.
//! Everything else follows from `d_{m m'} = (−1)^{m−m'} d_{m' m} = d_{−m',−m}`.
//!
//! Storage: the `(2l+1)²` column-major buffer of a `DMatrix`, entry `(m + l, m' + l)`.

use super::plan::SqrtTable;

/// `sin β` (signed), the half-angle squares `cos²(β/2)`, `sin²(β/2)`, and
/// `cos β = anchor (1 + offset)` with `anchor = ±1` the nearer pole and
/// `offset = −2 sin²(β/2)` or `−2 cos²(β/2)`, both without cancellation (see [`super::legendre`]).
#[derive(Clone, Copy)]
pub(super) struct BetaTrig {
    pub(super) sin: f64,
    pub(super) anchor: f64,
    pub(super) offset: f64,
    cos_half_sq: f64,
    sin_half_sq: f64,
}

impl BetaTrig {
    pub(super) fn new(beta: f64) -> Self {
        let (sin_half, cos_half) = (beta / 2.0).sin_cos();
        let (cos_half_sq, sin_half_sq) = (cos_half * cos_half, sin_half * sin_half);
        let (anchor, offset) = if cos_half_sq >= sin_half_sq {
            (1.0, -2.0 * sin_half_sq)
        } else {
            (-1.0, -2.0 * cos_half_sq)
        };
        BetaTrig {
            sin: beta.sin(),
            anchor,
            offset,
            cos_half_sq,
            sin_half_sq,
        }
    }
}

/// The ladder coefficients `c(k) = √((l−k)(l+k+1))` for `k = 0..=l` (`c(l) = 0`).
pub(super) fn ladder(l: usize, sqrt: &SqrtTable) -> Vec<f64> {
    (0..=l)
        .map(|k| sqrt.get(l - k) * sqrt.get(l + k + 1))
        .collect()
}

/// Offset in the column-major `(2l+1)²` buffer of row `m = 0` in column `m'`.
fn column_start(l: usize, mp: isize) -> usize {
    (mp + l as isize) as usize * (2 * l + 1) + l
}

/// Fills the wedge `m ≥ |m'|` of `d^l(β)` in `out` from the Legendre column
/// `d0[m] = d^l_{m0}(β)`, `m = 0..=l` (module docs). Other entries are left untouched.
pub(super) fn fill_wedge(l: usize, d0: &[f64], trig: &BetaTrig, c: &[f64], out: &mut [f64]) {
    let start0 = column_start(l, 0);
    out[start0..=start0 + l].copy_from_slice(d0);
    if l == 0 {
        return;
    }
    fill_first_columns(l, d0, trig, c, out);
    let li = l as isize;
    for mp in 1..li {
        recur_column(l, mp, mp + 1, c, out);
    }
    for mp in (1 - li..=-1).rev() {
        recur_column(l, mp, mp - 1, c, out);
    }
}

/// The columns `m' = ±1`, rows `m = 1..=l` (module docs).
fn fill_first_columns(l: usize, d0: &[f64], trig: &BetaTrig, c: &[f64], out: &mut [f64]) {
    let inv_c0 = 1.0 / c[0];
    let (plus, minus) = (column_start(l, 1), column_start(l, -1));
    for m in 1..=l {
        let below = c[m - 1] * d0[m - 1];
        let above = if m < l { c[m] * d0[m + 1] } else { 0.0 };
        let middle = m as f64 * trig.sin * d0[m];
        out[plus + m] = (trig.cos_half_sq * below - trig.sin_half_sq * above - middle) * inv_c0;
        out[minus + m] = (trig.cos_half_sq * above - trig.sin_half_sq * below - middle) * inv_c0;
    }
}

/// One step of (1): column `to = from ± 1` on the rows `m ≥ |to|`, from the columns `from`
/// and `far = from ∓ 1`, with `k = |from|`:
/// `d_{m,to} = (c(k−1) d_{m,far} + σ (c(m−1) d_{m−1,from} − c(m) d_{m+1,from})) / c(k)`,
/// `σ = +1` outwards to positive `m'`, `σ = −1` outwards to negative `m'`.
fn recur_column(l: usize, from: isize, to: isize, c: &[f64], out: &mut [f64]) {
    let (new, near, far) = split_columns(l, from, to, out);
    let k = from.unsigned_abs();
    let (c_far, inv) = (c[k - 1], 1.0 / c[k]);
    let sigma = if to > from { 1.0 } else { -1.0 };
    let lo = to.unsigned_abs();
    let rows = new[lo..l]
        .iter_mut()
        .zip(&far[lo..l])
        .zip(near[lo - 1..l - 1].iter().zip(&near[lo + 1..=l]))
        .zip(c[lo - 1..l - 1].iter().zip(&c[lo..l]));
    for (((out, far), (below, above)), (c_below, c_above)) in rows {
        *out = (c_far * far + sigma * (c_below * below - c_above * above)) * inv;
    }
    // Row `m = l`: the term in `d_{l+1, from}` is absent (`c(l) = 0`).
    new[l] = (c_far * far[l] + sigma * c[l - 1] * near[l - 1]) * inv;
}

/// The rows `m = 0..=l` of the columns `to` (mutable), `from` and `2 from − to` of the buffer.
fn split_columns(
    l: usize,
    from: isize,
    to: isize,
    out: &mut [f64],
) -> (&mut [f64], &[f64], &[f64]) {
    let size = 2 * l + 1;
    let index = |mp: isize| (mp + l as isize) as usize;
    let far = 2 * from - to;
    if to > from {
        let (left, right) = out.split_at_mut(index(to) * size);
        let near = &left[index(from) * size + l..][..=l];
        let far = &left[index(far) * size + l..][..=l];
        (&mut right[l..=2 * l], near, far)
    } else {
        let (left, right) = out.split_at_mut(index(from) * size);
        let near = &right[l..=2 * l];
        let far = &right[(index(far) - index(from)) * size + l..][..=l];
        (&mut left[index(to) * size + l..][..=l], near, far)
    }
}
