//! ZYZ Euler angles for the e3nn convention: the angles of `P R Pᵀ`, `P(x, y, z) = (z, x, y)`.
//!
//! `R = R_z(α) R_y(β) R_z(γ)` has `R₀₀ + R₁₁ = (1 + cos β) cos(α+γ)`,
//! `R₁₀ − R₀₁ = (1 + cos β) sin(α+γ)`, `R₁₁ − R₀₀ = (1 − cos β) cos(α−γ)`,
//! `R₁₀ + R₀₁ = −(1 − cos β) sin(α−γ)`, `(R₀₂, R₁₂) = sin β (cos α, sin α)` and
//! `(R₂₁, −R₂₀) = sin β (sin γ, cos γ)`. The extraction takes `α + γ` from the first pair when
//! `β ≤ π/2` and `α − γ` from the second otherwise, so the angles reproduce `R` to rounding
//! even at (and near) gimbal lock.

/// `R_z(α) R_y(β) R_z(γ)` as a row-major 3×3 array.
fn rotation(alpha: f64, beta: f64, gamma: f64) -> [[f64; 3]; 3] {
    let (sa, ca) = alpha.sin_cos();
    let (sb, cb) = beta.sin_cos();
    let (sg, cg) = gamma.sin_cos();
    [
        [ca * cb * cg - sa * sg, -ca * cb * sg - sa * cg, ca * sb],
        [sa * cb * cg + ca * sg, -sa * cb * sg + ca * cg, sa * sb],
        [-sb * cg, sb * sg, cb],
    ]
}

/// ZYZ angles `(α, β, γ)`, `β ∈ [0, π]`, of a rotation matrix (module docs).
fn zyz_angles(r: &[[f64; 3]; 3]) -> (f64, f64, f64) {
    let beta = r[0][2].hypot(r[1][2]).atan2(r[2][2]);
    if r[2][2] >= 0.0 {
        let sum = (r[1][0] - r[0][1]).atan2(r[0][0] + r[1][1]);
        let alpha = r[1][2].atan2(r[0][2]);
        (alpha, beta, sum - alpha)
    } else {
        let difference = (-(r[1][0] + r[0][1])).atan2(r[1][1] - r[0][0]);
        let gamma = r[2][1].atan2(-r[2][0]);
        (difference + gamma, beta, gamma)
    }
}

/// The ZYZ angles of `P R(α, β, γ) Pᵀ`, `P(x, y, z) = (z, x, y)`: since `P e_i = e_{σ(i)}`
/// with `σ = (1, 2, 0)`, `(P R Pᵀ)[a][b] = R[τ(a)][τ(b)]` with `τ = σ⁻¹ = (2, 0, 1)`.
pub(super) fn e3nn_angles(alpha: f64, beta: f64, gamma: f64) -> (f64, f64, f64) {
    const TAU: [usize; 3] = [2, 0, 1];
    let r = rotation(alpha, beta, gamma);
    let conjugated = TAU.map(|a| TAU.map(|b| r[a][b]));
    zyz_angles(&conjugated)
}
