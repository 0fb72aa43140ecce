//! Real and complex spherical harmonics, and solid harmonics, on batches of points.
//!
//! The real harmonics are those of the standard real basis ([`crate::so3::real_basis`]):
//! `Y_{l,m} = √2 (−1)^m Re Y_l^m` (`m > 0`), `Y_{l,0} = Y_l^0`, `Y_{l,m} = √2 (−1)^m Im Y_l^{|m|}`
//! (`m < 0`), with `Y_l^m` orthonormal and with the Condon–Shortley phase; `l = 1` is
//! `√(3/4π) (y, z, x)`. They are evaluated by the Cartesian recursion of sphericart (Bigi,
//! Fraux, Browning & Ceriotti, J. Chem. Phys. 159, 064802 (2023)) with the normalisation
//! folded into the coefficients (see the `coefficients` submodule): homogeneous
//! polynomials in `x, y, z`, no trigonometric call, no limit on `L` other than the precision
//! caps of [`ShFloat`].
//!
//! Plan once with [`SphericalHarmonics::new`], then evaluate many points: the evaluation
//! runs in parallel over chunks of points with rayon (wrap it in a one-thread
//! `rayon::ThreadPool::install` to run it on one core).
//!
//! See `theory/spherical-harmonics.md` for the mathematics and the tests that check it.

mod batch;
mod coefficients;
mod float;
mod kernel;
mod options;
mod plan;
mod small;

pub use batch::MEMORY_LIMIT;
pub use float::ShFloat;
pub use options::{Convention, Normalization};
pub use plan::SphericalHarmonics;

/// Plans with `L ≤ SPECIALISED_LMAX` are evaluated by a kernel unrolled for their degree
/// (same recursion and coefficients as the generic one, same results to rounding; see
/// `theory/spherical-harmonics.md`, § Evaluation). Exposed so that tests can compare the two.
pub const SPECIALISED_LMAX: usize = small::SMALL_LMAX;
