//! The precomputed recursion coefficients of a plan (computed in `f64`, then rounded once).
//!
//! With `c_m + i s_m = (x + i y)^m`, the real solid harmonics are
//! `r^l Y_{l,±m} = q_l^m(z, r²) · (c_m or s_m)` (and `q_l^0` for `m = 0`), where
//! `q_l^m = s_l K_lm Q_l^m`, `Q_l^m(z, r) = r^{l−m} P_l^m(z/r) / sin^m θ` without the
//! Condon–Shortley phase (it cancels against the `(−1)^m` of the real basis),
//! `K_lm = √(ε_m (2l+1)/(4π) (l−m)!/(l+m)!)`, `ε_0 = 1`, `ε_{m>0} = 2`, and `s_l` the
//! normalisation's scale. The `Q_l^m` obey (Bigi, Fraux, Browning & Ceriotti,
//! J. Chem. Phys. 159, 064802 (2023), eqs. 7–9)
//!
//! ```text
//! Q_m^m = (2m−1)!!,   Q_{m+1}^m = (2m+1) z Q_m^m,
//! (l−m) Q_l^m = (2l−1) z Q_{l−1}^m − (l+m−1) r² Q_{l−2}^m,
//! ∂_x Q_l^m = −x Q_{l−1}^{m+1},  ∂_y Q_l^m = −y Q_{l−1}^{m+1},  ∂_z Q_l^m = (l+m) Q_{l−1}^m,
//! ```
//!
//! and folding `s_l K_lm` into them gives the normalised recursion used here (Holmes &
//! Featherstone, J. Geodesy 76, 279 (2002), eqs. 11–13, in homogeneous form):
//!
//! ```text
//! q_m^m     = d_m q_{m−1}^{m−1},          d_m = √((2m+1)/(2m)) (× √2 at m = 1)
//! q_{m+1}^m = e_m z q_m^m,                e_m = √(2m+3)
//! q_l^m     = a_lm z q_{l−1}^m − b_lm r² q_{l−2}^m,
//!             a_lm = √((4l²−1)/(l²−m²)),  b_lm = √((2l+1)(l+m−1)(l−m−1)/((2l−3)(l+m)(l−m)))
//! ∂_x q_l^m = −x g_lm q_{l−1}^{m+1},      g_lm = √((2l+1)(l−m)(l−m−1)/(2l−1)) (/ √2 at m = 0)
//! ∂_z q_l^m = h_lm q_{l−1}^m,             h_lm = √((2l+1)(l+m)(l−m)/(2l−1))
//! ```
//!
//! each multiplied by the ratio of the scales `s_l / s_{l'}` of the degrees it links.

use super::float::ShFloat;
use super::options::Normalization;
use std::f64::consts::PI;

/// Start of degree `l` in a triangular table indexed by `(l, 0 ≤ m ≤ l)`.
#[inline(always)]
pub(super) const fn tri(l: usize) -> usize {
    l * (l + 1) / 2
}

/// The coefficients of one plan; the tables indexed by `(l, m)` use [`tri`]`(l) + m`.
#[derive(Debug, Clone)]
pub(super) struct Coefficients<T> {
    /// `q_0^0 = s_0 / √(4π)`.
    pub q00: T,
    /// `d_m`, `m = 1..=L` (index 0 unused).
    pub diag: Vec<T>,
    /// `e_m`, `m = 0..L`.
    pub sub: Vec<T>,
    /// `a_lm` for `m ≤ l − 2` (other entries zero).
    pub a: Vec<T>,
    /// `b_lm` for `m ≤ l − 2` (other entries zero).
    pub b: Vec<T>,
    /// `g_lm` for `m ≤ l − 2` (other entries zero).
    pub gx: Vec<T>,
    /// `h_lm` for `m ≤ l − 1` (other entries zero).
    pub gz: Vec<T>,
    /// `ln max_m q_L^m(1, 1)`: the largest intermediate on the unit sphere.
    pub ln_q_max: f64,
}

impl<T: ShFloat> Coefficients<T> {
    /// The coefficients for degrees `0..=lmax` in normalisation `norm`.
    pub fn new(lmax: usize, norm: Normalization) -> Self {
        let s = |l: usize| norm.scale(l);
        let cast = |v: Vec<f64>| v.into_iter().map(T::from_f64).collect();
        let diag = (0..=lmax).map(|m| {
            if m == 0 {
                0.0
            } else {
                diag(m) * s(m) / s(m - 1)
            }
        });
        let sub = (0..lmax).map(|m| ((2 * m + 3) as f64).sqrt() * s(m + 1) / s(m));
        let mut tables = [(); 4].map(|_| vec![0.0; tri(lmax + 1)]);
        for l in 1..=lmax {
            for m in 0..l {
                let [a, b, gx, gz] = &mut tables;
                let at = tri(l) + m;
                gz[at] = gradient_z(l, m) * s(l) / s(l - 1);
                if m + 2 <= l {
                    a[at] = recursion_a(l, m) * s(l) / s(l - 1);
                    b[at] = recursion_b(l, m) * s(l) / s(l - 2);
                    gx[at] = gradient_x(l, m) * s(l) / s(l - 1);
                }
            }
        }
        let [a, b, gx, gz] = tables;
        Self {
            q00: T::from_f64(s(0) / (4.0 * PI).sqrt()),
            diag: cast(diag.collect()),
            sub: cast(sub.collect()),
            a: cast(a),
            b: cast(b),
            gx: cast(gx),
            gz: cast(gz),
            ln_q_max: ln_pole_maximum(lmax) + s(lmax).ln(),
        }
    }
}

/// `d_m = √((2m+1)/(2m))`, times `√2` at `m = 1` (where `ε_m` jumps from 1 to 2).
fn diag(m: usize) -> f64 {
    let base = ((2 * m + 1) as f64 / (2 * m) as f64).sqrt();
    if m == 1 { base * 2f64.sqrt() } else { base }
}

/// `a_lm = √((4l² − 1)/(l² − m²))`.
fn recursion_a(l: usize, m: usize) -> f64 {
    let (l, m) = (l as f64, m as f64);
    ((4.0 * l * l - 1.0) / (l * l - m * m)).sqrt()
}

/// `b_lm = √((2l+1)(l+m−1)(l−m−1) / ((2l−3)(l+m)(l−m)))`.
fn recursion_b(l: usize, m: usize) -> f64 {
    let (l, m) = (l as f64, m as f64);
    ((2.0 * l + 1.0) * (l + m - 1.0) * (l - m - 1.0) / ((2.0 * l - 3.0) * (l + m) * (l - m))).sqrt()
}

/// `g_lm = K_lm / K_{l−1,m+1} = √((2l+1)(l−m)(l−m−1)/(2l−1))`, divided by `√2` at `m = 0`.
fn gradient_x(l: usize, m: usize) -> f64 {
    let (lf, mf) = (l as f64, m as f64);
    let g = ((2.0 * lf + 1.0) * (lf - mf) * (lf - mf - 1.0) / (2.0 * lf - 1.0)).sqrt();
    if m == 0 { g / 2f64.sqrt() } else { g }
}

/// `h_lm = (l+m) K_lm / K_{l−1,m} = √((2l+1)(l+m)(l−m)/(2l−1))`.
fn gradient_z(l: usize, m: usize) -> f64 {
    let (l, m) = (l as f64, m as f64);
    ((2.0 * l + 1.0) * (l + m) * (l - m) / (2.0 * l - 1.0)).sqrt()
}

/// `ln max_m q_L^m(1, 1)` for the orthonormal harmonics, where
/// `q_L^m(1, 1) = √(ε_m (2L+1)/4π) √((L+m)!/(L−m)!) / (2^m m!)` (the value at the pole,
/// `Q_L^m(1) = (L+m)! / (2^m m! (L−m)!)`); it grows with `L`, so this bounds every degree.
fn ln_pole_maximum(lmax: usize) -> f64 {
    let mut ln_fact = vec![0.0; 2 * lmax + 2];
    for n in 1..ln_fact.len() {
        ln_fact[n] = ln_fact[n - 1] + (n as f64).ln();
    }
    let l = lmax;
    (0..=l)
        .map(|m| {
            let eps = if m == 0 { 1.0 } else { 2.0 };
            0.5 * (eps * (2 * l + 1) as f64 / (4.0 * PI)).ln()
                + 0.5 * (ln_fact[l + m] - ln_fact[l - m])
                - m as f64 * 2f64.ln()
                - ln_fact[m]
        })
        .fold(f64::NEG_INFINITY, f64::max)
}
