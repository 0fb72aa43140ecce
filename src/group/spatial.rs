//! The compact Lie groups `SO(3)` and `O(3) = SO(3) × {±I}`.
//!
//! `SO(3)` elements are [`Rotation`]s; the Lie algebra `so(3)` has the basis `L_x, L_y, L_z`
//! (`exp(θ L_z) = R_z(θ)`, `[L_x, L_y] = L_z` cyclically) and `exp(Σ t_k L_k)` is the rotation
//! by `|t|` about `t/|t|`. `O(3)` elements are `±R`; the inversion `−I` is central, it is the
//! discrete generator, and parity is `det = ±1` (so `sign` of `O3` is the irrep `0o`).
//! Haar measure: a uniform unit quaternion (and a fair coin for the inversion).
//!
//! Reference: Hall, *Lie Groups, Lie Algebras, and Representations*, §1.2, §2.

use super::rotation::Rotation;
use super::{CompactLieGroup, Group};
use crate::Result;
use nalgebra::DMatrix;
use rand::{Rng, RngExt};

/// The Lie-algebra basis `L_x, L_y, L_z` of `so(3)` in the defining representation.
pub fn so3_basis() -> Vec<DMatrix<f64>> {
    vec![
        DMatrix::from_row_slice(3, 3, &[0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, 1.0, 0.0]),
        DMatrix::from_row_slice(3, 3, &[0.0, 0.0, 1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0]),
        DMatrix::from_row_slice(3, 3, &[0.0, -1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
    ]
}

fn matrix_of(r: &Rotation) -> DMatrix<f64> {
    let m = r.matrix();
    DMatrix::from_iterator(3, 3, m.iter().copied())
}

/// The rotation group of 3-space.
#[derive(Clone, Copy, Debug, Default)]
pub struct SO3;

impl Group for SO3 {
    type Element = Rotation;

    fn name(&self) -> String {
        "SO3".into()
    }
    fn identity(&self) -> Rotation {
        Rotation::identity()
    }
    fn multiply(&self, a: &Rotation, b: &Rotation) -> Rotation {
        a.compose(b)
    }
    fn inverse(&self, a: &Rotation) -> Rotation {
        a.inverse()
    }
    fn defining_dim(&self) -> usize {
        3
    }
    fn defining_matrix(&self, g: &Rotation) -> DMatrix<f64> {
        matrix_of(g)
    }
    fn discrete_generators(&self) -> Vec<Rotation> {
        Vec::new()
    }
    fn lie_algebra_basis(&self) -> Vec<DMatrix<f64>> {
        so3_basis()
    }
    fn random_element<R: Rng + ?Sized>(&self, rng: &mut R) -> Result<Rotation> {
        Ok(Rotation::random(rng))
    }
    fn describe(&self, g: &Rotation) -> String {
        let (a, b, c) = g.to_euler_zyz();
        format!("R_z({a}) R_y({b}) R_z({c})")
    }
}

impl CompactLieGroup for SO3 {
    fn exp(&self, coordinates: &[f64]) -> Result<Rotation> {
        match coordinates {
            [x, y, z] => Rotation::from_rotation_vector([*x, *y, *z]),
            _ => Err(crate::Error::InvalidInput(format!(
                "so(3) has three coordinates, got {coordinates:?}"
            ))),
        }
    }
}

/// An element `±R` of `O(3)`: the rotation `R`, times `−I` when `inversion` is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct O3Element {
    /// The rotation part `R`.
    pub rotation: Rotation,
    /// Whether the element is `−R` (determinant −1).
    pub inversion: bool,
}

impl O3Element {
    /// The element with matrix `m` (orthogonal to within the rotation tolerance).
    pub fn from_matrix(m: &nalgebra::Matrix3<f64>) -> Result<Self> {
        let inversion = m.determinant() < 0.0;
        let rotation = Rotation::from_matrix(&if inversion { -m } else { *m })?;
        Ok(O3Element {
            rotation,
            inversion,
        })
    }
}

/// The orthogonal group of 3-space, `SO(3) × {±I}`.
#[derive(Clone, Copy, Debug, Default)]
pub struct O3;

impl Group for O3 {
    type Element = O3Element;

    fn name(&self) -> String {
        "O3".into()
    }
    fn identity(&self) -> O3Element {
        O3Element {
            rotation: Rotation::identity(),
            inversion: false,
        }
    }
    fn multiply(&self, a: &O3Element, b: &O3Element) -> O3Element {
        O3Element {
            rotation: a.rotation.compose(&b.rotation),
            inversion: a.inversion ^ b.inversion,
        }
    }
    fn inverse(&self, a: &O3Element) -> O3Element {
        O3Element {
            rotation: a.rotation.inverse(),
            inversion: a.inversion,
        }
    }
    fn defining_dim(&self) -> usize {
        3
    }
    fn defining_matrix(&self, g: &O3Element) -> DMatrix<f64> {
        let m = matrix_of(&g.rotation);
        if g.inversion { -m } else { m }
    }
    fn discrete_generators(&self) -> Vec<O3Element> {
        vec![O3Element {
            rotation: Rotation::identity(),
            inversion: true,
        }]
    }
    fn lie_algebra_basis(&self) -> Vec<DMatrix<f64>> {
        so3_basis()
    }
    fn random_element<R: Rng + ?Sized>(&self, rng: &mut R) -> Result<O3Element> {
        Ok(O3Element {
            rotation: Rotation::random(rng),
            inversion: rng.random::<bool>(),
        })
    }
    fn describe(&self, g: &O3Element) -> String {
        let rotation = SO3.describe(&g.rotation);
        if g.inversion {
            format!("−{rotation}")
        } else {
            rotation
        }
    }
}

impl CompactLieGroup for O3 {
    fn exp(&self, coordinates: &[f64]) -> Result<O3Element> {
        Ok(O3Element {
            rotation: SO3.exp(coordinates)?,
            inversion: false,
        })
    }
}
