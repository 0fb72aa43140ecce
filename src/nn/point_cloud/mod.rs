//! `E(3)`-equivariant layers on point clouds: tensor field networks.
//!
//! A point cloud is `N` positions `x_i ∈ R³` with features `f_i` in a representation of
//! `O(3)` given by an [`Irreps`](crate::so3::irreps::Irreps) string (flat, point-major:
//! `[N][irreps.dim()]`, each block copy-major `[u][m]` as in e3nn). The layers are
//! equivariant under rotations, reflections (`O(3)`), translations and permutations of the
//! points:
//!
//! * [`radial`]: Bessel and Gaussian radial bases with a smooth polynomial cutoff;
//! * [`neighbours`]: the radius graph by a uniform cell list, `O(N)` at bounded density;
//! * [`convolution`]: the tensor-field-network convolution
//!   `f'_i = Σ_{j ∈ N(i)} W(|r_ij|) · C(Y(r̂_ij) ⊗ f_j)`;
//! * [`self_interaction`]: per-irrep channel mixing (the `1 × 1` convolution);
//! * [`nonlinearity`]: the gated nonlinearity and the norm nonlinearity;
//! * [`readout`]: invariant readouts (sums or means of scalars or of norms);
//! * [`model`]: a seeded two-layer network, conv → gate → conv → readout.
//!
//! Reference: Thomas et al., "Tensor field networks", arXiv:1802.08219 (2018); Geiger &
//! Smidt, "e3nn: Euclidean neural networks", arXiv:2207.09453 (2022). Theory and the tests
//! that check each claim: `theory/point-clouds.md`.

pub mod convolution;
pub mod model;
pub mod neighbours;
pub mod nonlinearity;
pub mod radial;
pub mod readout;
pub mod self_interaction;

pub use convolution::TfnConvolution;
pub use model::{TensorFieldNetwork, TfnConfig};
pub use neighbours::{Edge, RadiusGraph};
pub use nonlinearity::{Activation, Gate, NormActivation};
pub use radial::{RadialBasis, RadialKind};
pub use readout::{InvariantReadout, ReadoutSource, Reduction};
pub use self_interaction::SelfInteraction;

use crate::error::human_bytes;
use crate::{Error, Result};

/// The most memory one layer may allocate for its outputs and per-edge buffers (2 GiB);
/// larger requests are refused with [`Error::TooLarge`] before allocating.
pub const MEMORY_LIMIT: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;

/// [`Error::TooLarge`] unless `count` values of `bytes_each` bytes fit in [`MEMORY_LIMIT`].
fn check_memory(what: &str, count: usize, bytes_each: usize) -> Result<()> {
    let bytes = count as f64 * bytes_each as f64;
    if bytes > MEMORY_LIMIT {
        return Err(Error::TooLarge {
            what: what.to_string(),
            needed: human_bytes(bytes),
            limit: human_bytes(MEMORY_LIMIT),
        });
    }
    Ok(())
}

/// [`Error::InvalidInput`] unless every value is finite.
fn check_finite(what: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(k) => Err(Error::InvalidInput(format!(
            "{what} must be finite, entry {k} is {}",
            values[k]
        ))),
    }
}

/// The number of points of a flat feature array of `len` values with `dim` per point:
/// [`Error::InvalidInput`] unless `len = num_points · dim`.
fn check_features(what: &str, len: usize, num_points: usize, dim: usize) -> Result<()> {
    if Some(len) != num_points.checked_mul(dim) {
        return Err(Error::InvalidInput(format!(
            "{what}: expected {num_points} points x {dim} components = {} values, got {len}",
            num_points.saturating_mul(dim)
        )));
    }
    Ok(())
}

/// The number of points of a flat array of features with `dim > 0` components per point:
/// [`Error::InvalidInput`] when `dim = 0`, the length is not a multiple of `dim`, or a value
/// is not finite.
fn points_of(what: &str, features: &[f64], dim: usize) -> Result<usize> {
    if dim == 0 || !features.len().is_multiple_of(dim) {
        return Err(Error::InvalidInput(format!(
            "{what}: {} values is not a whole number of points of {dim} components",
            features.len()
        )));
    }
    check_finite(what, features)?;
    Ok(features.len() / dim)
}
