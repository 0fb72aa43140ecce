//! The floating-point types the evaluator runs in, with the largest degree each can represent.

use num_traits::Float;
use std::fmt::{Debug, Display};

/// A floating-point type the spherical harmonics can be computed in (`f32` or `f64`).
///
/// `MAX_LMAX` is the largest degree accepted in that precision. The recursion carries the
/// scaled Legendre factors `q_l^m(z, r) = Y_lm / (c_m or s_m)`, which are largest at the poles,
/// `q_l^m(1, 1) = √(2 (2l+1)/4π) √((l+m)!/(l−m)!) / (2^m m!)`; their maximum over `m` grows like
/// `10^(0.21 l)` (`10^31` at `l = 150`, `10^292` at `l = 1400`). The caps keep it, times the
/// gradient factors (`≤ 2l`) and the `component` scale `√(4π)`, at least a factor `10^4` below
/// the largest finite value (`3.4·10^38` in `f32`, `1.8·10^308` in `f64`). Measured without
/// the cap, at and near the poles in `component` normalisation, the first non-finite
/// gradient appears at `l = 175` (`f32`) and `l = 1461` (`f64`), the first non-finite value
/// at `l = 183` and `l = 1474`; the tests check that at the caps everything stays finite and
/// accurate.
pub trait ShFloat: Float + Send + Sync + Debug + Display + 'static {
    /// `"f32"` or `"f64"`.
    const NAME: &'static str;
    /// The largest degree `L` accepted in this precision.
    const MAX_LMAX: usize;
    /// Rounds an `f64` to this type.
    fn from_f64(value: f64) -> Self;
    /// Widens to `f64` (exact).
    fn to_f64_exact(self) -> f64;
}

impl ShFloat for f32 {
    const NAME: &'static str = "f32";
    const MAX_LMAX: usize = 150;
    #[inline(always)]
    fn from_f64(value: f64) -> Self {
        value as f32
    }
    #[inline(always)]
    fn to_f64_exact(self) -> f64 {
        f64::from(self)
    }
}

impl ShFloat for f64 {
    const NAME: &'static str = "f64";
    const MAX_LMAX: usize = 1400;
    #[inline(always)]
    fn from_f64(value: f64) -> Self {
        value
    }
    #[inline(always)]
    fn to_f64_exact(self) -> f64 {
        self
    }
}
