//! The unitary change of basis `U^l` from the complex basis `|l m⟩` (Condon–Shortley phase) to
//! the standard real basis, `m = −l..l`.
//!
//! With `Y_l^m` the orthonormal complex spherical harmonics (Condon–Shortley phase included),
//! the real harmonics are
//!
//! ```text
//! Y_{l m}  = √2 (−1)^m Re Y_l^{m}      (m > 0)
//! Y_{l 0}  = Y_l^0
//! Y_{l m}  = √2 (−1)^m Im Y_l^{|m|}    (m < 0)
//! ```
//!
//! so that `l = 1` is `√(3/4π) (y, z, x)`. Since `Y_l^{−m} = (−1)^m conj(Y_l^m)`, this is
//! `Y_real = U Y_complex` with, for `μ > 0`,
//!
//! ```text
//! U[ μ][ μ] = (−1)^μ / √2     U[ μ][−μ] = 1 / √2
//! U[−μ][−μ] = i / √2          U[−μ][ μ] = −i (−1)^μ / √2
//! U[ 0][ 0] = 1
//! ```
//!
//! Rows and columns are indexed by `m + l`. Reference: Wikipedia, "Spherical harmonics",
//! section "Real form"; Blanco, Flórez & Bermejo, J. Mol. Struct. (Theochem) 419 (1997) 19.

use nalgebra::DMatrix;
use num_complex::Complex64;
use std::f64::consts::FRAC_1_SQRT_2;

/// `(−1)^m`.
pub fn parity_sign(m: i64) -> f64 {
    if m.rem_euclid(2) == 0 { 1.0 } else { -1.0 }
}

/// The `(2l+1) × (2l+1)` unitary `U^l` with `Y_real = U^l Y_complex` (module docs).
pub fn complex_to_real(l: usize) -> DMatrix<Complex64> {
    let n = 2 * l + 1;
    let mut u = DMatrix::from_element(n, n, Complex64::new(0.0, 0.0));
    u[(l, l)] = Complex64::new(1.0, 0.0);
    for mu in 1..=l {
        let sign = parity_sign(mu as i64);
        let (pos, neg) = (l + mu, l - mu);
        u[(pos, pos)] = Complex64::new(sign * FRAC_1_SQRT_2, 0.0);
        u[(pos, neg)] = Complex64::new(FRAC_1_SQRT_2, 0.0);
        u[(neg, neg)] = Complex64::new(0.0, FRAC_1_SQRT_2);
        u[(neg, pos)] = Complex64::new(0.0, -sign * FRAC_1_SQRT_2);
    }
    u
}
