//! From `d^l(β)` to the complex and real `D^l(α, β, γ)`, both in `O(l²)`.
//!
//! Complex: `D_{m m'} = e^{−imα} d_{m m'}(β) e^{−im'γ}`.
//!
//! Real: `D_real = U D* U† = Z(α) d_real(β) Z(γ)` with `U` of [`crate::so3::real_basis`],
//! `Z(θ) = U diag(e^{imθ}) U†` the rotation `[[cos μθ, −sin μθ], [sin μθ, cos μθ]]` on each
//! pair of real indices `(μ, −μ)`, `μ > 0` (and `1` on `0`), and `d_real = U d U†`, which
//! keeps the indices `m ≥ 0` and `m < 0` apart: for `μ, ν ≥ 0`, with `s_k = (−1)^k`,
//!
//! ```text
//! E_{μν} := d_real[μ][ν]   = s_μ s_ν d_{μν} + s_μ d_{μ,−ν}           (μ, ν > 0),
//! E_{μ0} = √2 s_μ d_{μ0},   E_{0ν} = √2 s_ν d_{0ν},   E_{00} = d_{00},
//! O_{μν} := d_real[−μ][−ν] = s_μ s_ν d_{μν} − s_μ d_{μ,−ν}           (μ, ν > 0),
//! ```
//!
//! so each 2×2 block of `D_real` on rows `(μ, −μ)` and columns `(ν, −ν)` is
//! `R(μα) diag(E_{μν}, O_{μν}) R(νγ)`.

use nalgebra::DMatrix;
use num_complex::Complex64;
use std::f64::consts::SQRT_2;

/// `(cos kθ, sin kθ)` for `k = 0..=l`, each evaluated directly (no error growth in `k`).
fn harmonics(l: usize, theta: f64) -> Vec<(f64, f64)> {
    (0..=l)
        .map(|k| {
            let (s, c) = (k as f64 * theta).sin_cos();
            (c, s)
        })
        .collect()
}

/// `D^l_{m m'} = e^{−imα} d_{m m'} e^{−im'γ}` from the complete column-major `d`.
pub(super) fn complex(l: usize, d: &[f64], alpha: f64, gamma: f64) -> DMatrix<Complex64> {
    let size = 2 * l + 1;
    let phase = |theta: f64| -> Vec<Complex64> {
        (0..size)
            .map(|i| Complex64::from_polar(1.0, -((i as f64 - l as f64) * theta)))
            .collect()
    };
    let (row_phase, column_phase) = (phase(alpha), phase(gamma));
    let mut data = Vec::with_capacity(size * size);
    for (column, cp) in d.chunks_exact(size).zip(&column_phase) {
        data.extend(column.iter().zip(&row_phase).map(|(x, rp)| rp * cp * x));
    }
    DMatrix::from_vec(size, size, data)
}

/// `D_real^l(α, β, γ)` from the column-major `d` whose rows `m ≥ 0` are complete (module docs).
pub(super) fn real(l: usize, d: &[f64], alpha: f64, gamma: f64) -> DMatrix<f64> {
    let size = 2 * l + 1;
    let (rows, columns) = (harmonics(l, alpha), harmonics(l, gamma));
    let sign = |k: usize| if k.is_multiple_of(2) { 1.0 } else { -1.0 };
    let mut out = DMatrix::zeros(size, size);
    for (nu, &(cg, sg)) in columns.iter().enumerate() {
        let (plus, minus) = (&d[(l + nu) * size..][..size], &d[(l - nu) * size..][..size]);
        for (mu, &(ca, sa)) in rows.iter().enumerate() {
            let (a, b) = (sign(mu + nu) * plus[l + mu], sign(mu) * minus[l + mu]);
            // With `μ = 0` or `ν = 0`, `a` and `b` are the same stored entry (`fill_band`), so
            // `odd` is exactly zero there.
            let even = match (mu, nu) {
                (0, 0) => a,
                (0, _) | (_, 0) => SQRT_2 * a,
                _ => a + b,
            };
            let odd = a - b;
            out[(l + mu, l + nu)] = ca * cg * even - sa * sg * odd;
            if nu > 0 {
                out[(l + mu, l - nu)] = -ca * sg * even - sa * cg * odd;
            }
            if mu > 0 {
                out[(l - mu, l + nu)] = sa * cg * even + ca * sg * odd;
            }
            if mu > 0 && nu > 0 {
                out[(l - mu, l - nu)] = ca * cg * odd - sa * sg * even;
            }
        }
    }
    out
}
