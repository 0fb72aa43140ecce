//! The irreducible representations of `SO(3)` and `O(3)` as [`Representation`]s.
//!
//! * `SO(3)`: `l ↦ D_real^l(R)`, the real Wigner matrix in the standard real basis
//!   ([`super::wigner_d::wigner_d_real`] of the ZYZ angles of `R`), with
//!   `dρ(L_k) = `[`super::angular_momentum::real_generators`]`(l)[k]`;
//! * `O(3)`: `lp ↦ (±R ↦ p(±) D_real^l(R))`, the parity `p` acting on the inversion.
//!
//! Their characters are `χ_l(R) = sin((2l+1)θ/2) / sin(θ/2)` for a rotation by `θ`
//! (times `±1` for the inversion), which the tests use to check them.
//!
//! [`Representation`]: crate::rep::Representation

use super::angular_momentum::real_generators;
use super::irreps::{Irrep, Parity};
use super::wigner_d::wigner_d_real;
use crate::Result;
use crate::group::{O3, O3Element, Rotation, SO3};
use crate::rep::{Rep, check_dimension, from_fn};
use nalgebra::DMatrix;
use std::sync::Arc;

/// `D_real^l(R)`. The angles of a [`Rotation`] are finite and `l` was checked when the
/// representation was built, so the Wigner matrix always exists.
fn real_wigner(l: usize, r: &Rotation) -> DMatrix<f64> {
    let (alpha, beta, gamma) = r.to_euler_zyz();
    wigner_d_real(l, alpha, beta, gamma)
        .unwrap_or_else(|_| DMatrix::from_element(2 * l + 1, 2 * l + 1, f64::NAN))
}

/// The real irrep `D^l` of `SO(3)` (dimension `2l + 1`).
pub fn so3_irrep(group: &Arc<SO3>, l: usize) -> Result<Rep<SO3>> {
    let dim = check_dimension(&format!("the SO3 irrep {l}"), 2.0 * l as f64 + 1.0)?;
    from_fn(
        group,
        dim,
        Arc::new(move |r: &Rotation| real_wigner(l, r)),
        real_generators(l),
        &l.to_string(),
    )
}

/// The real irrep `lp` of `O(3)`: `D^l` with the inversion acting as the parity `p`.
pub fn o3_irrep(group: &Arc<O3>, irrep: Irrep) -> Result<Rep<O3>> {
    let Irrep { l, parity } = irrep;
    let dim = check_dimension(&format!("the O3 irrep {irrep}"), 2.0 * l as f64 + 1.0)?;
    from_fn(
        group,
        dim,
        Arc::new(move |g: &O3Element| {
            let d = real_wigner(l, &g.rotation);
            if g.inversion && parity == Parity::Odd {
                -d
            } else {
                d
            }
        }),
        real_generators(l),
        &irrep.to_string(),
    )
}
