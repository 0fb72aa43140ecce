//! Rotations of 3-space, stored as unit quaternions, with conversions to and from rotation
//! matrices, axis–angle pairs and ZYZ Euler angles.
//!
//! A unit quaternion `q = (w, x, y, z) = (cos θ/2, sin θ/2 · n)` is the active rotation by `θ`
//! about the unit axis `n`; `q` and `−q` are the same rotation, and we store the
//! representative with `w ≥ 0` (ties broken by the first non-zero of `x, y, z`). Its matrix is
//!
//! ```text
//! R = [[1−2(y²+z²), 2(xy−wz),   2(xz+wy)  ],
//!      [2(xy+wz),   1−2(x²+z²), 2(yz−wx)  ],
//!      [2(xz−wy),   2(yz+wx),   1−2(x²+y²)]]
//! ```
//!
//! and the quaternion product is the composition of rotations (`R(q1 q2) = R(q1) R(q2)`).
//! ZYZ Euler angles: `R = R_z(α) R_y(β) R_z(γ)`, whose quaternion is
//! `w = cos(β/2) cos((α+γ)/2)`, `x = −sin(β/2) sin((α−γ)/2)`, `y = sin(β/2) cos((α−γ)/2)`,
//! `z = cos(β/2) sin((α+γ)/2)`; inverting these through `atan2` is accurate at every `β`,
//! including the gimbal-lock angles `β = 0, π` (where we set `γ = 0`).
//! Haar measure: Shoemake's uniform unit quaternion (Graphics Gems III, 1992).
//!
//! ```
//! use equivariant::group::rotation::Rotation;
//! let r = Rotation::from_euler_zyz(0.3, 1.1, -0.4).unwrap();
//! let (a, b, c) = r.to_euler_zyz();
//! let s = Rotation::from_euler_zyz(a, b, c).unwrap();
//! assert!(r.distance(&s) < 1e-14);
//! ```

use crate::{Error, Result};
use nalgebra::{DMatrix, Matrix3, Vector3};
use rand::{Rng, RngExt};
use std::f64::consts::TAU;

/// How far from orthogonal (max-entry of `RᵀR − I`) or from unit norm an input may be and
/// still be accepted as a rotation (it is then re-normalised).
pub const ROTATION_TOLERANCE: f64 = 1e-9;

/// A rotation of `R³`, as the canonical unit quaternion `(w, x, y, z)` with `w ≥ 0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rotation {
    q: [f64; 4],
}

fn finite(what: &str, values: &[f64]) -> Result<()> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{what} must be finite, got {values:?}"
        )))
    }
}

fn angle_in_turn(a: f64) -> f64 {
    let r = a.rem_euclid(TAU);
    if r >= TAU { 0.0 } else { r }
}

impl Rotation {
    /// The identity rotation.
    pub fn identity() -> Self {
        Rotation {
            q: [1.0, 0.0, 0.0, 0.0],
        }
    }

    fn canonical(q: [f64; 4]) -> Self {
        let first = q.iter().copied().find(|v| *v != 0.0).unwrap_or(1.0);
        let q = if first < 0.0 { q.map(|v| -v) } else { q };
        Rotation { q }
    }

    fn normalised(q: [f64; 4]) -> Self {
        let norm = q.iter().map(|v| v * v).sum::<f64>().sqrt();
        Self::canonical(q.map(|v| v / norm))
    }

    /// The rotation of the unit quaternion `(w, x, y, z)`. A quaternion whose norm differs
    /// from 1 by more than [`ROTATION_TOLERANCE`] is refused (it is not a rotation).
    pub fn from_quaternion(w: f64, x: f64, y: f64, z: f64) -> Result<Self> {
        finite("a quaternion", &[w, x, y, z])?;
        let norm = (w * w + x * x + y * y + z * z).sqrt();
        if (norm - 1.0).abs() > ROTATION_TOLERANCE {
            return Err(Error::InvalidInput(format!(
                "quaternion ({w}, {x}, {y}, {z}) has norm {norm}, not 1"
            )));
        }
        Ok(Self::normalised([w, x, y, z]))
    }

    /// The canonical unit quaternion `(w, x, y, z)`, `w ≥ 0`.
    pub fn quaternion(&self) -> [f64; 4] {
        self.q
    }

    /// The rotation by `angle` (radians, right-handed) about `axis` (any non-zero length).
    pub fn from_axis_angle(axis: [f64; 3], angle: f64) -> Result<Self> {
        finite("an axis and angle", &[axis[0], axis[1], axis[2], angle])?;
        let norm = (axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]).sqrt();
        if norm == 0.0 {
            return Err(Error::InvalidInput(
                "the rotation axis must be non-zero".into(),
            ));
        }
        let (s, c) = (angle / 2.0).sin_cos();
        let k = s / norm;
        Ok(Self::normalised([c, k * axis[0], k * axis[1], k * axis[2]]))
    }

    /// `exp(t_x L_x + t_y L_y + t_z L_z)`: the rotation by `|t|` about `t/|t|`.
    pub fn from_rotation_vector(t: [f64; 3]) -> Result<Self> {
        finite("a rotation vector", &t)?;
        let angle = (t[0] * t[0] + t[1] * t[1] + t[2] * t[2]).sqrt();
        if angle == 0.0 {
            return Ok(Self::identity());
        }
        Self::from_axis_angle(t, angle)
    }

    /// The unit axis and the angle in `[0, π]` (axis `(0, 0, 1)` for the identity).
    pub fn to_axis_angle(&self) -> ([f64; 3], f64) {
        let [w, x, y, z] = self.q;
        let s = (x * x + y * y + z * z).sqrt();
        if s == 0.0 {
            return ([0.0, 0.0, 1.0], 0.0);
        }
        ([x / s, y / s, z / s], 2.0 * s.atan2(w))
    }

    /// The rotation `R_z(α) R_y(β) R_z(γ)` (active, ZYZ).
    pub fn from_euler_zyz(alpha: f64, beta: f64, gamma: f64) -> Result<Self> {
        finite("Euler angles", &[alpha, beta, gamma])?;
        let (sb, cb) = (beta / 2.0).sin_cos();
        let (ss, cs) = ((alpha + gamma) / 2.0).sin_cos();
        let (sd, cd) = ((alpha - gamma) / 2.0).sin_cos();
        Ok(Self::normalised([cb * cs, -sb * sd, sb * cd, cb * ss]))
    }

    /// ZYZ Euler angles `(α, β, γ)` with `α, γ ∈ [0, 2π)`, `β ∈ [0, π]`; `γ = 0` at the
    /// gimbal-lock angles `β = 0` and `β = π`.
    pub fn to_euler_zyz(&self) -> (f64, f64, f64) {
        let [w, x, y, z] = self.q;
        let cos_half = (w * w + z * z).sqrt();
        let sin_half = (x * x + y * y).sqrt();
        let beta = 2.0 * sin_half.atan2(cos_half);
        const LOCK: f64 = 1e-15;
        let (alpha, gamma) = if sin_half < LOCK {
            (2.0 * z.atan2(w), 0.0)
        } else if cos_half < LOCK {
            (2.0 * (-x).atan2(y), 0.0)
        } else {
            let sum = z.atan2(w);
            let difference = (-x).atan2(y);
            (sum + difference, sum - difference)
        };
        (angle_in_turn(alpha), beta, angle_in_turn(gamma))
    }

    /// The rotation with matrix `m`. Refused unless `m` is orthogonal to within
    /// [`ROTATION_TOLERANCE`] with determinant `+1` (a reflection or a scaled matrix is not
    /// silently taken as a rotation).
    pub fn from_matrix(m: &Matrix3<f64>) -> Result<Self> {
        finite("a rotation matrix", m.as_slice())?;
        let defect = (m.transpose() * m - Matrix3::identity()).amax();
        if defect > ROTATION_TOLERANCE {
            return Err(Error::InvalidInput(format!(
                "matrix is not orthogonal (max |RᵀR − I| = {defect:.3e})"
            )));
        }
        if m.determinant() < 0.0 {
            return Err(Error::InvalidInput(
                "matrix has determinant −1: a reflection, not a rotation".into(),
            ));
        }
        Ok(Self::normalised(shepperd(m)))
    }

    /// [`Rotation::from_matrix`] for a `3 × 3` `DMatrix`.
    pub fn from_dmatrix(m: &DMatrix<f64>) -> Result<Self> {
        if m.shape() != (3, 3) {
            return Err(Error::InvalidInput(format!(
                "a rotation matrix is 3×3, got {}×{}",
                m.nrows(),
                m.ncols()
            )));
        }
        Self::from_matrix(&Matrix3::from_iterator(m.iter().copied()))
    }

    /// The rotation matrix (module docs).
    pub fn matrix(&self) -> Matrix3<f64> {
        let [w, x, y, z] = self.q;
        Matrix3::new(
            1.0 - 2.0 * (y * y + z * z),
            2.0 * (x * y - w * z),
            2.0 * (x * z + w * y),
            2.0 * (x * y + w * z),
            1.0 - 2.0 * (x * x + z * z),
            2.0 * (y * z - w * x),
            2.0 * (x * z - w * y),
            2.0 * (y * z + w * x),
            1.0 - 2.0 * (x * x + y * y),
        )
    }

    /// The composition `self ∘ other` (apply `other` first): the quaternion product.
    pub fn compose(&self, other: &Rotation) -> Rotation {
        let [a1, b1, c1, d1] = self.q;
        let [a2, b2, c2, d2] = other.q;
        Self::normalised([
            a1 * a2 - b1 * b2 - c1 * c2 - d1 * d2,
            a1 * b2 + b1 * a2 + c1 * d2 - d1 * c2,
            a1 * c2 - b1 * d2 + c1 * a2 + d1 * b2,
            a1 * d2 + b1 * c2 - c1 * b2 + d1 * a2,
        ])
    }

    /// The inverse rotation (the conjugate quaternion).
    pub fn inverse(&self) -> Rotation {
        let [w, x, y, z] = self.q;
        Self::canonical([w, -x, -y, -z])
    }

    /// `R v`.
    pub fn apply(&self, v: [f64; 3]) -> [f64; 3] {
        let r = self.matrix() * Vector3::from(v);
        [r[0], r[1], r[2]]
    }

    /// The rotation angle of `self⁻¹ other`, in `[0, π]`: the bi-invariant distance.
    pub fn distance(&self, other: &Rotation) -> f64 {
        self.inverse().compose(other).to_axis_angle().1
    }

    /// A Haar-random rotation (Shoemake's uniform unit quaternion).
    pub fn random<R: Rng + ?Sized>(rng: &mut R) -> Rotation {
        let (u1, u2, u3): (f64, f64, f64) = (rng.random(), rng.random(), rng.random());
        let (a, b) = ((1.0 - u1).sqrt(), u1.sqrt());
        let (s2, c2) = (TAU * u2).sin_cos();
        let (s3, c3) = (TAU * u3).sin_cos();
        Self::normalised([b * c3, a * s2, a * c2, b * s3])
    }
}

/// The quaternion of a rotation matrix by Shepperd's method (J. Guidance Control 1, 1978):
/// take the largest of `4w², 4x², 4y², 4z²` (read off the trace and diagonal) and divide the
/// off-diagonal sums by it, which is accurate for every rotation.
fn shepperd(m: &Matrix3<f64>) -> [f64; 4] {
    let trace = m[(0, 0)] + m[(1, 1)] + m[(2, 2)];
    let candidates = [
        trace,
        2.0 * m[(0, 0)] - trace,
        2.0 * m[(1, 1)] - trace,
        2.0 * m[(2, 2)] - trace,
    ];
    let best = (0..4)
        .max_by(|&a, &b| candidates[a].total_cmp(&candidates[b]))
        .unwrap_or(0);
    let s = (1.0 + candidates[best]).max(0.0).sqrt() * 2.0;
    let (zy, xz, yx) = (
        m[(2, 1)] - m[(1, 2)],
        m[(0, 2)] - m[(2, 0)],
        m[(1, 0)] - m[(0, 1)],
    );
    let (xy, xz_sum, yz) = (
        m[(0, 1)] + m[(1, 0)],
        m[(0, 2)] + m[(2, 0)],
        m[(1, 2)] + m[(2, 1)],
    );
    match best {
        0 => [s / 4.0, zy / s, xz / s, yx / s],
        1 => [zy / s, s / 4.0, xy / s, xz_sum / s],
        2 => [xz / s, xy / s, s / 4.0, yz / s],
        _ => [yx / s, xz_sum / s, yz / s, s / 4.0],
    }
}
