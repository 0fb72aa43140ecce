//! Angular-momentum matrices and the Lie algebra `so(3)` in every irrep.
//!
//! The Lie-algebra basis of `SO(3)` is `L_x, L_y, L_z` (in this order), the generators of the
//! rotations about the coordinate axes in the defining representation, `exp(θ L_z) = R_z(θ)`:
//!
//! ```text
//! L_x = [[0,0,0],[0,0,−1],[0,1,0]]   L_y = [[0,0,1],[0,0,0],[−1,0,0]]   L_z = [[0,−1,0],[1,0,0],[0,0,0]]
//! ```
//!
//! with `[L_x, L_y] = L_z` (cyclically). In the complex basis `|l m⟩` the Hermitian
//! angular-momentum matrices are `J_z |m⟩ = m |m⟩`,
//! `J_± |m⟩ = √(l(l+1) − m(m±1)) |m±1⟩`, `J_x = (J_+ + J_−)/2`, `J_y = (J_+ − J_−)/(2i)`,
//! and a rotation by `θ` about the unit axis `n` is `D(R) = exp(−iθ n·J)`; hence
//! `dD(L_k) = −i J_k`. In the real basis `D_real = U D* U†` ([`super::real_basis`]), hence
//! `dD_real(L_k) = U (i J_k*) U†`, a real antisymmetric matrix.
//!
//! Reference: Sakurai & Napolitano, *Modern Quantum Mechanics*, §3.5.

use super::real_basis::complex_to_real;
pub use crate::group::spatial::so3_basis;
use nalgebra::DMatrix;
use num_complex::Complex64;

/// The Hermitian matrices `[J_x, J_y, J_z]` of spin `l` in the basis `|l m⟩`, `m = −l..l`
/// (index `m + l`), Condon–Shortley phase (`J_±` have non-negative entries).
pub fn angular_momentum(l: usize) -> [DMatrix<Complex64>; 3] {
    let n = 2 * l + 1;
    let zero = Complex64::new(0.0, 0.0);
    let mut jx = DMatrix::from_element(n, n, zero);
    let mut jy = DMatrix::from_element(n, n, zero);
    let mut jz = DMatrix::from_element(n, n, zero);
    let lf = l as f64;
    for i in 0..n {
        let m = i as f64 - lf;
        jz[(i, i)] = Complex64::new(m, 0.0);
        if i + 1 < n {
            // ⟨m+1| J_+ |m⟩ = √(l(l+1) − m(m+1)).
            let up = (lf * (lf + 1.0) - m * (m + 1.0)).sqrt();
            jx[(i + 1, i)] = Complex64::new(up / 2.0, 0.0);
            jx[(i, i + 1)] = Complex64::new(up / 2.0, 0.0);
            // J_y = (J_+ − J_−)/(2i): ⟨m+1|J_y|m⟩ = −i up/2, ⟨m|J_y|m+1⟩ = +i up/2.
            jy[(i + 1, i)] = Complex64::new(0.0, -up / 2.0);
            jy[(i, i + 1)] = Complex64::new(0.0, up / 2.0);
        }
    }
    [jx, jy, jz]
}

/// `dD_real^l(L_k) = U (i J_k*) U†` for `k = x, y, z`: the real antisymmetric matrices of
/// `so(3)` in the real irrep `l`, ordered as [`so3_basis`].
pub fn real_generators(l: usize) -> Vec<DMatrix<f64>> {
    let u = complex_to_real(l);
    let u_dagger = u.adjoint();
    let i = Complex64::new(0.0, 1.0);
    angular_momentum(l)
        .iter()
        .map(|j| {
            let m = &u * j.map(|z| i * z.conj()) * &u_dagger;
            m.map(|z| z.re)
        })
        .collect()
}
