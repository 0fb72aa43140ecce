//! Rotations and the groups `SO(3)`, `O(3)` (theory/so3.md, "Rotations" and "Haar measure").

use equivariant::group::{Group, O3, O3Element, Rotation, SO3};
use equivariant::rep::defining;
use equivariant::testing::{homomorphism_residual, lie_algebra_residual};
use nalgebra::{Matrix3, Vector3};
use quickcheck::{TestResult, quickcheck};
use rand::{SeedableRng, rngs::StdRng};
use std::sync::Arc;

fn rz(t: f64) -> Matrix3<f64> {
    let (s, c) = t.sin_cos();
    Matrix3::new(c, -s, 0.0, s, c, 0.0, 0.0, 0.0, 1.0)
}

fn ry(t: f64) -> Matrix3<f64> {
    let (s, c) = t.sin_cos();
    Matrix3::new(c, 0.0, s, 0.0, 1.0, 0.0, -s, 0.0, c)
}

fn random_rotations(count: usize, seed: u64) -> Vec<Rotation> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count).map(|_| Rotation::random(&mut rng)).collect()
}

fn bounded(x: f64) -> f64 {
    if x.is_finite() { x % 10.0 } else { 0.3 }
}

/// `from_euler_zyz(α, β, γ)` is the matrix `R_z(α) R_y(β) R_z(γ)`, and converting back gives
/// the same rotation (the angles may differ at gimbal lock, the rotation does not).
#[test]
fn euler_zyz_angles_are_the_product_of_axis_rotations_and_round_trip() {
    fn property(a: f64, b: f64, c: f64) -> bool {
        let (a, b, c) = (bounded(a), bounded(b), bounded(c));
        let r = Rotation::from_euler_zyz(a, b, c).unwrap();
        let expected = rz(a) * ry(b) * rz(c);
        let (a2, b2, c2) = r.to_euler_zyz();
        let back = Rotation::from_euler_zyz(a2, b2, c2).unwrap();
        (r.matrix() - expected).amax() < 1e-13
            && r.distance(&back) < 1e-12
            && (0.0..=std::f64::consts::PI).contains(&b2)
    }
    quickcheck(property as fn(f64, f64, f64) -> bool);
    for beta in [
        0.0,
        1e-12,
        std::f64::consts::PI,
        std::f64::consts::PI - 1e-12,
    ] {
        let r = Rotation::from_euler_zyz(0.7, beta, 1.9).unwrap();
        let (a, b, c) = r.to_euler_zyz();
        let back = Rotation::from_euler_zyz(a, b, c).unwrap();
        assert!((back.matrix() - r.matrix()).amax() < 1e-12, "β = {beta}");
    }
}

/// Quaternion composition is matrix multiplication, the inverse is the transpose, and the
/// matrix and axis–angle conversions round-trip.
#[test]
fn quaternion_product_is_matrix_product_and_conversions_round_trip() {
    let rotations = random_rotations(200, 1);
    for pair in rotations.chunks(2) {
        let (r, s) = (pair[0], pair[1]);
        assert!((r.compose(&s).matrix() - r.matrix() * s.matrix()).amax() < 1e-14);
        assert!((r.inverse().matrix() - r.matrix().transpose()).amax() < 1e-15);
        let from_matrix = Rotation::from_matrix(&r.matrix()).unwrap();
        assert!(r.distance(&from_matrix) < 1e-14);
        let (axis, angle) = r.to_axis_angle();
        let from_axis = Rotation::from_axis_angle(axis, angle).unwrap();
        assert!((from_axis.matrix() - r.matrix()).amax() < 1e-14);
        let v = [0.3, -1.2, 2.0];
        let rotated = r.apply(v);
        assert!((Vector3::from(rotated) - r.matrix() * Vector3::from(v)).amax() < 1e-14);
    }
    // Near the angle π (the hard case of matrix → quaternion).
    let r = Rotation::from_axis_angle([1.0, 2.0, -0.5], std::f64::consts::PI - 1e-13).unwrap();
    assert!(r.distance(&Rotation::from_matrix(&r.matrix()).unwrap()) < 1e-12);
}

/// `exp(Σ t_k L_k)` is the matrix exponential of the Lie-algebra element, and `V` is a
/// homomorphism whose differential is the `so(3)` basis.
#[test]
fn exponential_map_agrees_with_the_matrix_exponential() {
    let basis = SO3.lie_algebra_basis();
    for t in [
        [0.3, -0.2, 1.1],
        [0.0, 0.0, 2.5],
        [3.0, 1.0, -2.0],
        [0.0, 0.0, 0.0],
    ] {
        let x = &basis[0] * t[0] + &basis[1] * t[1] + &basis[2] * t[2];
        let expected = Matrix3::from_iterator(x.iter().copied()).exp();
        let r = equivariant::group::CompactLieGroup::exp(&SO3, &t).unwrap();
        assert!((r.matrix() - expected).amax() < 1e-13, "t = {t:?}");
    }
    assert!((&basis[0] * &basis[1] - &basis[1] * &basis[0] - &basis[2]).amax() < 1e-15);
    let so3 = Arc::new(SO3);
    let o3 = Arc::new(O3);
    assert!(homomorphism_residual(defining(&so3).as_ref(), 50, 3).unwrap() < 1e-13);
    assert!(lie_algebra_residual(defining(&so3).as_ref()).unwrap() < 1e-8);
    assert!(homomorphism_residual(defining(&o3).as_ref(), 50, 4).unwrap() < 1e-13);
    assert!(lie_algebra_residual(defining(&o3).as_ref()).unwrap() < 1e-8);
}

/// Haar measure: `E[R_ij R_kl] = δ_ik δ_jl / 3` (Schur orthogonality for the irreducible `V`)
/// and `E[R] = 0`; the sample means are within a few standard errors.
#[test]
fn haar_samples_satisfy_schur_orthogonality_of_the_defining_representation() {
    let n = 40_000;
    let rotations = random_rotations(n, 7);
    let mut mean = Matrix3::zeros();
    // E[vec(R) vec(R)ᵀ] with vec(R) the 9 entries of R.
    let mut second = nalgebra::SMatrix::<f64, 9, 9>::zeros();
    for r in &rotations {
        let m = r.matrix();
        mean += m;
        let v = nalgebra::SVector::<f64, 9>::from_iterator(m.iter().copied());
        second += v * v.transpose();
    }
    let nf = n as f64;
    // Standard error of each mean ≈ sqrt(1/3 / n) ≈ 0.003; allow 6σ.
    assert!((mean / nf).amax() < 0.02);
    let expected = nalgebra::SMatrix::<f64, 9, 9>::identity() / 3.0;
    assert!((second / nf - expected).amax() < 0.02);
}

/// A matrix that is not a rotation is refused with a reason, never silently accepted.
#[test]
fn non_rotations_are_refused() {
    let scaled = Matrix3::identity() * 1.01;
    assert!(Rotation::from_matrix(&scaled).is_err());
    let reflection = Matrix3::from_diagonal(&Vector3::new(1.0, 1.0, -1.0));
    let err = Rotation::from_matrix(&reflection).unwrap_err().to_string();
    assert!(err.contains("reflection"), "{err}");
    assert!(Rotation::from_matrix(&Matrix3::from_element(f64::NAN)).is_err());
    assert!(Rotation::from_quaternion(1.0, 1.0, 0.0, 0.0).is_err());
    assert!(Rotation::from_axis_angle([0.0, 0.0, 0.0], 1.0).is_err());
    assert!(Rotation::from_euler_zyz(f64::INFINITY, 0.0, 0.0).is_err());
    let element = O3Element::from_matrix(&-reflection).unwrap();
    assert!(!element.inversion);
    let element = O3Element::from_matrix(&reflection).unwrap();
    assert!(element.inversion);
    assert!(
        (O3.defining_matrix(&element)
            - nalgebra::DMatrix::from_iterator(3, 3, reflection.iter().copied()))
        .amax()
            < 1e-15
    );
}

/// Group axioms of `O(3)`: the inversion is central and squares to the identity.
#[test]
fn o3_inversion_is_central() {
    fn property(seed: u64) -> TestResult {
        let mut rng = StdRng::seed_from_u64(seed);
        let g = O3.random_element(&mut rng).unwrap();
        let inversion = O3.discrete_generators()[0];
        let left = O3.multiply(&inversion, &g);
        let right = O3.multiply(&g, &inversion);
        let square = O3.multiply(&inversion, &inversion);
        TestResult::from_bool(
            (O3.defining_matrix(&left) - O3.defining_matrix(&right)).amax() < 1e-15
                && O3.defining_matrix(&square) == nalgebra::DMatrix::identity(3, 3),
        )
    }
    quickcheck(property as fn(u64) -> TestResult);
}
