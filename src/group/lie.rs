//! The compact Lie groups `SO(2)` and `O(2)`.
//!
//! `SO(2)` elements are angles `θ ∈ [0, 2π)` acting as `R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]`;
//! its Lie algebra `so(2)` is spanned by `X = [[0, −1], [1, 0]]`, `exp(tX) = R(t)`.
//! `O(2)` elements are `R(θ) S^e` with the reflection `S = diag(1, −1)`, `e ∈ {0, 1}`, and
//! `S R(θ) S = R(−θ)`; its identity component is `SO(2)`, its discrete generator `S`.
//! Haar measure: `θ` uniform (and `e` a fair coin for `O(2)`).

use super::{CompactLieGroup, Group};
use crate::{Error, Result};
use nalgebra::DMatrix;
use rand::{Rng, RngExt};
use std::f64::consts::TAU;

/// The rotation matrix `R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]`.
pub fn rotation(angle: f64) -> DMatrix<f64> {
    let (s, c) = angle.sin_cos();
    DMatrix::from_row_slice(2, 2, &[c, -s, s, c])
}

fn normalise(angle: f64) -> f64 {
    let a = angle.rem_euclid(TAU);
    if a >= TAU { 0.0 } else { a }
}

fn so2_generator() -> DMatrix<f64> {
    DMatrix::from_row_slice(2, 2, &[0.0, -1.0, 1.0, 0.0])
}

fn one_coordinate(coordinates: &[f64]) -> Result<f64> {
    match coordinates {
        [t] if t.is_finite() => Ok(*t),
        _ => Err(Error::InvalidInput(format!(
            "so(2) has one coordinate, got {coordinates:?}"
        ))),
    }
}

/// The rotation group of the plane.
#[derive(Clone, Copy, Debug, Default)]
pub struct SO2;

impl Group for SO2 {
    type Element = f64;

    fn name(&self) -> String {
        "SO2".into()
    }
    fn identity(&self) -> f64 {
        0.0
    }
    fn multiply(&self, a: &f64, b: &f64) -> f64 {
        normalise(a + b)
    }
    fn inverse(&self, a: &f64) -> f64 {
        normalise(-a)
    }
    fn defining_dim(&self) -> usize {
        2
    }
    fn defining_matrix(&self, g: &f64) -> DMatrix<f64> {
        rotation(*g)
    }
    fn discrete_generators(&self) -> Vec<f64> {
        Vec::new()
    }
    fn lie_algebra_basis(&self) -> Vec<DMatrix<f64>> {
        vec![so2_generator()]
    }
    fn random_element<R: Rng + ?Sized>(&self, rng: &mut R) -> Result<f64> {
        Ok(rng.random::<f64>() * TAU)
    }
    fn describe(&self, g: &f64) -> String {
        format!("R({g})")
    }
}

impl CompactLieGroup for SO2 {
    fn exp(&self, coordinates: &[f64]) -> Result<f64> {
        Ok(normalise(one_coordinate(coordinates)?))
    }
}

/// An element `R(angle) S^reflection` of `O(2)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct O2Element {
    /// Rotation angle in `[0, 2π)`.
    pub angle: f64,
    /// Whether the reflection `S = diag(1, −1)` is applied (first).
    pub reflection: bool,
}

/// The orthogonal group of the plane.
#[derive(Clone, Copy, Debug, Default)]
pub struct O2;

impl Group for O2 {
    type Element = O2Element;

    fn name(&self) -> String {
        "O2".into()
    }
    fn identity(&self) -> O2Element {
        O2Element {
            angle: 0.0,
            reflection: false,
        }
    }
    /// `R(a) S^e · R(b) S^f = R(a + (−1)^e b) S^{e+f}`.
    fn multiply(&self, a: &O2Element, b: &O2Element) -> O2Element {
        let turn = if a.reflection { -b.angle } else { b.angle };
        O2Element {
            angle: normalise(a.angle + turn),
            reflection: a.reflection ^ b.reflection,
        }
    }
    /// Rotations invert their angle; reflections `R(θ)S` are involutions.
    fn inverse(&self, a: &O2Element) -> O2Element {
        if a.reflection {
            *a
        } else {
            O2Element {
                angle: normalise(-a.angle),
                reflection: false,
            }
        }
    }
    fn defining_dim(&self) -> usize {
        2
    }
    fn defining_matrix(&self, g: &O2Element) -> DMatrix<f64> {
        let mut m = rotation(g.angle);
        if g.reflection {
            m.column_mut(1).neg_mut();
        }
        m
    }
    fn discrete_generators(&self) -> Vec<O2Element> {
        vec![O2Element {
            angle: 0.0,
            reflection: true,
        }]
    }
    fn lie_algebra_basis(&self) -> Vec<DMatrix<f64>> {
        vec![so2_generator()]
    }
    fn random_element<R: Rng + ?Sized>(&self, rng: &mut R) -> Result<O2Element> {
        Ok(O2Element {
            angle: rng.random::<f64>() * TAU,
            reflection: rng.random::<bool>(),
        })
    }
    fn describe(&self, g: &O2Element) -> String {
        if g.reflection {
            format!("R({})S", g.angle)
        } else {
            format!("R({})", g.angle)
        }
    }
}

impl CompactLieGroup for O2 {
    fn exp(&self, coordinates: &[f64]) -> Result<O2Element> {
        Ok(O2Element {
            angle: normalise(one_coordinate(coordinates)?),
            reflection: false,
        })
    }
}
