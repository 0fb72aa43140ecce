//! Wigner small-`d` and `D` matrices of `SO(3)`, complex and real, accurate to high degree.
//!
//! Conventions (DESIGN.md, theory/wigner-d.md): active rotations, ZYZ Euler angles
//! `R = R_z(α) R_y(β) R_z(γ)`, Condon–Shortley phase, rows `m` and columns `m'` indexed by
//! `m + l`:
//!
//! ```text
//! d^l_{m m'}(β)       = ⟨l m| exp(−iβ J_y) |l m'⟩            (d^1_{1,0} = −sin β/√2)
//! D^l_{m m'}(α, β, γ) = e^{−imα} d^l_{m m'}(β) e^{−im'γ}      (= exp(−iαJ_z) exp(−iβJ_y) exp(−iγJ_z))
//! D_real^l            = U D* U†                               (U of `real_basis`; real orthogonal)
//! D_e3nn^l(R)         = D_real^l(P R Pᵀ),  P(x, y, z) = (z, x, y)
//! ```
//!
//! so `D_real^1(R)` is `R` with the axes relabelled `(y, z, x)` and `D_e3nn^1(R) = R`.
//!
//! Algorithm, `O(l²)` per degree: the Legendre column `d^l_{m0}` by the forward column
//! recursion in the degree (`legendre.rs`), the two neighbouring columns and then the wedge
//! `m ≥ |m'|` by the Gumerov–Duraiswami recursion (`wedge.rs`; Gumerov & Duraiswami 2015,
//! arXiv:1403.7698), the rest by symmetry (`symmetry.rs`), and the `z` rotations as phases
//! (complex) or as 2×2 blocks on the real pairs `(μ, −μ)` (`assemble.rs`). No closed-form
//! Wigner sum is used (it cancels catastrophically at high `l`). The `*_all` forms share
//! the Legendre recursion across degrees.
//!
//! Every function refuses non-finite angles (`Error::InvalidInput`, naming the angle) and
//! outputs above 2 GiB (`Error::TooLarge`, before allocating).

mod assemble;
mod euler;
mod legendre;
mod plan;
mod symmetry;
mod wedge;

pub use plan::WignerPlan;

use crate::Result;
use nalgebra::DMatrix;
use num_complex::Complex64;

/// The real `(2l+1)²` matrix `d^l_{m m'}(β) = ⟨l m| exp(−iβ J_y) |l m'⟩`, entry
/// `(m + l, m' + l)`, for any real `β` (Condon–Shortley; sympy's `Rotation.d`).
///
/// ```
/// use equivariant::so3::wigner_d::wigner_small_d;
/// let beta = 0.3_f64;
/// let d = wigner_small_d(1, beta).unwrap();
/// assert!((d[(2, 1)] + beta.sin() / 2f64.sqrt()).abs() < 1e-15); // d^1_{1,0} = −sin β/√2
/// ```
pub fn wigner_small_d(l: usize, beta: f64) -> Result<DMatrix<f64>> {
    WignerPlan::new(l)?.small_d(l, beta)
}

/// `d^l(β)` for `l = 0..=lmax` (see [`wigner_small_d`]), sharing the recursion.
pub fn wigner_small_d_all(lmax: usize, beta: f64) -> Result<Vec<DMatrix<f64>>> {
    WignerPlan::new(lmax)?.small_d_all(beta)
}

/// The complex `D^l_{m m'}(α, β, γ) = e^{−imα} d^l_{m m'}(β) e^{−im'γ}` of the rotation
/// `R_z(α) R_y(β) R_z(γ)`, entry `(m + l, m' + l)`.
pub fn wigner_d_complex(l: usize, alpha: f64, beta: f64, gamma: f64) -> Result<DMatrix<Complex64>> {
    WignerPlan::new(l)?.complex(l, alpha, beta, gamma)
}

/// `D^l(α, β, γ)` for `l = 0..=lmax` (see [`wigner_d_complex`]).
pub fn wigner_d_complex_all(
    lmax: usize,
    alpha: f64,
    beta: f64,
    gamma: f64,
) -> Result<Vec<DMatrix<Complex64>>> {
    WignerPlan::new(lmax)?.complex_all(alpha, beta, gamma)
}

/// The real orthogonal `D_real^l = U D* U† = Z(α) d_real(β) Z(γ)` in the standard real basis
/// (`l = 1` is `(y, z, x)`), computed in real arithmetic: `d_real = U d U†` from `d`, and the
/// `z` rotations `Z(θ)` as 2×2 rotations by `μθ` on the index pairs `(μ, −μ)`.
pub fn wigner_d_real(l: usize, alpha: f64, beta: f64, gamma: f64) -> Result<DMatrix<f64>> {
    WignerPlan::new(l)?.real(l, alpha, beta, gamma)
}

/// `D_real^l(α, β, γ)` for `l = 0..=lmax` (see [`wigner_d_real`]).
pub fn wigner_d_real_all(
    lmax: usize,
    alpha: f64,
    beta: f64,
    gamma: f64,
) -> Result<Vec<DMatrix<f64>>> {
    WignerPlan::new(lmax)?.real_all(alpha, beta, gamma)
}

/// e3nn's real `D`: `D_e3nn^l(R) = D_real^l(P R Pᵀ)` with `P(x, y, z) = (z, x, y)` and
/// `R = R_z(α) R_y(β) R_z(γ)`; its `l = 1` block is `R` itself. The ZYZ angles of `P R Pᵀ`
/// are extracted robustly (also at gimbal lock), so this is one `O(l²)` evaluation.
pub fn wigner_d_e3nn(l: usize, alpha: f64, beta: f64, gamma: f64) -> Result<DMatrix<f64>> {
    WignerPlan::new(l)?.e3nn(l, alpha, beta, gamma)
}
