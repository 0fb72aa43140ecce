//! Wigner small-d and D matrices (theory/wigner-d.md): conventions, independent references,
//! group laws, symmetries, accuracy at high degree, edge cases and errors.

use equivariant::Error;
use equivariant::so3::angular_momentum::angular_momentum;
use equivariant::so3::real_basis::complex_to_real;
use equivariant::so3::wigner_d::{
    WignerPlan, wigner_d_complex, wigner_d_complex_all, wigner_d_e3nn, wigner_d_real,
    wigner_d_real_all, wigner_small_d, wigner_small_d_all,
};
use nalgebra::{DMatrix, Matrix3, Rotation3, SymmetricEigen, UnitQuaternion};
use num_complex::Complex64;
use quickcheck::{Arbitrary, Gen, QuickCheck};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::f64::consts::{FRAC_PI_2, PI};

fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

fn max_abs_c(m: &DMatrix<Complex64>) -> f64 {
    m.iter().fold(0.0, |a, z| a.max(z.norm()))
}

fn identity_error(m: &DMatrix<f64>) -> f64 {
    max_abs(&(m - DMatrix::identity(m.nrows(), m.ncols())))
}

fn identity_error_c(m: &DMatrix<Complex64>) -> f64 {
    max_abs_c(&(m - DMatrix::identity(m.nrows(), m.ncols())))
}

/// Entry `d^l_{m m'}` of a matrix indexed by `m + l`.
fn entry(d: &DMatrix<f64>, l: usize, m: i64, mp: i64) -> f64 {
    d[((m + l as i64) as usize, (mp + l as i64) as usize)]
}

/// `R_z(α) R_y(β) R_z(γ)`.
fn rotation(alpha: f64, beta: f64, gamma: f64) -> Matrix3<f64> {
    let rz = |t: f64| Matrix3::new(t.cos(), -t.sin(), 0.0, t.sin(), t.cos(), 0.0, 0.0, 0.0, 1.0);
    let ry = |t: f64| Matrix3::new(t.cos(), 0.0, t.sin(), 0.0, 1.0, 0.0, -t.sin(), 0.0, t.cos());
    rz(alpha) * ry(beta) * rz(gamma)
}

/// ZYZ angles of a rotation matrix through its unit quaternion `(w, x, y, z)` (nalgebra),
/// which for `R_z(α) R_y(β) R_z(γ)` is
/// `(cos(β/2) cos((α+γ)/2), −sin(β/2) sin((α−γ)/2), sin(β/2) cos((α−γ)/2), cos(β/2) sin((α+γ)/2))`:
/// well conditioned also at gimbal lock, where only `α ± γ` matters.
fn zyz(r: &Matrix3<f64>) -> (f64, f64, f64) {
    let q = UnitQuaternion::from_rotation_matrix(&Rotation3::from_matrix_unchecked(*r));
    let (w, x, y, z) = (q.w, q.i, q.j, q.k);
    let beta = 2.0 * x.hypot(y).atan2(w.hypot(z));
    let sum = 2.0 * z.atan2(w);
    let difference = 2.0 * (-x).atan2(y);
    ((sum + difference) / 2.0, beta, (sum - difference) / 2.0)
}

/// Wigner's closed-form sum (Wikipedia, "Wigner D-matrix"; rows `m`), in `f64`: a reference
/// at low `l` only, where its alternating terms still fit in double precision.
fn closed_form(l: i64, m: i64, mp: i64, beta: f64) -> f64 {
    let fact = |n: i64| (1..=n).map(|k| k as f64).product::<f64>();
    let prefactor = (fact(l + m) * fact(l - m) * fact(l + mp) * fact(l - mp)).sqrt();
    let (c, s) = ((beta / 2.0).cos(), (beta / 2.0).sin());
    let mut total = 0.0;
    for k in 0.max(mp - m)..=(l + mp).min(l - m) {
        let sign = if (m - mp + k) % 2 == 0 { 1.0 } else { -1.0 };
        let denominator = fact(l + mp - k) * fact(k) * fact(m - mp + k) * fact(l - m - k);
        total += sign * prefactor / denominator
            * c.powi((2 * l + mp - m - 2 * k) as i32)
            * s.powi((m - mp + 2 * k) as i32);
    }
    total
}

/// `exp(−iβ J_y)` by the eigendecomposition of the Hermitian `J_y` (nalgebra).
fn exponential(l: usize, beta: f64) -> DMatrix<Complex64> {
    let [_, jy, _] = angular_momentum(l);
    let eigen = SymmetricEigen::new(jy);
    let phases = eigen
        .eigenvalues
        .map(|lambda| Complex64::from_polar(1.0, -beta * lambda));
    &eigen.eigenvectors * DMatrix::from_diagonal(&phases) * eigen.eigenvectors.adjoint()
}

fn to_complex(m: &DMatrix<f64>) -> DMatrix<Complex64> {
    m.map(|x| Complex64::new(x, 0.0))
}

/// Seeded Haar-like random angles (α, γ uniform in [−π, π), β in [0, π]).
fn random_angles(rng: &mut StdRng) -> (f64, f64, f64) {
    let beta = (1.0 - 2.0 * rng.random::<f64>()).acos();
    (rng.random_range(-PI..PI), beta, rng.random_range(-PI..PI))
}

/// Random Euler angles for quickcheck, each in [−2π, 2π] (β outside [0, π] too).
#[derive(Clone, Copy, Debug)]
struct Angles(f64, f64, f64);

impl Arbitrary for Angles {
    fn arbitrary(g: &mut Gen) -> Self {
        let mut angle = || (u32::arbitrary(g) as f64 / u32::MAX as f64 - 0.5) * 4.0 * PI;
        Angles(angle(), angle(), angle())
    }
}

// ---------------------------------------------------------------------------------------
// Conventions.

/// `d^1_{1,0} = −sin β/√2`, `d^1_{1,1} = (1+cos β)/2`, `d^1_{1,−1} = (1−cos β)/2`,
/// `d^2_{2,1} = −(1+cos β) sin β/2`, `d^2_{2,0} = √(3/8) sin² β`, `d^2_{1,0} = −√(3/8) sin 2β`
/// (the textbook / sympy `Rotation.d` values).
#[test]
fn small_d_matches_the_textbook_values_at_l1_and_l2() {
    for beta in [0.3, 1.2, 2.9, -0.8] {
        let (s, c) = f64::sin_cos(beta);
        let d1 = wigner_small_d(1, beta).unwrap();
        assert!((entry(&d1, 1, 1, 0) + s / 2f64.sqrt()).abs() < 1e-15);
        assert!((entry(&d1, 1, 1, 1) - (1.0 + c) / 2.0).abs() < 1e-15);
        assert!((entry(&d1, 1, 1, -1) - (1.0 - c) / 2.0).abs() < 1e-15);
        assert!((entry(&d1, 1, 0, 0) - c).abs() < 1e-15);
        let d2 = wigner_small_d(2, beta).unwrap();
        assert!((entry(&d2, 2, 2, 1) + (1.0 + c) * s / 2.0).abs() < 1e-15);
        assert!((entry(&d2, 2, 2, 0) - (3.0f64 / 8.0).sqrt() * s * s).abs() < 1e-15);
        assert!((entry(&d2, 2, 1, 0) + (3.0f64 / 8.0).sqrt() * (2.0 * beta).sin()).abs() < 1e-15);
    }
}

/// `D^l_{m m'}(α, β, γ) = e^{−imα} d^l_{m m'}(β) e^{−im'γ}`, and the factorisation
/// `D(α, β, γ) = D(α, 0, 0) D(0, β, 0) D(0, 0, γ)` with `D(α, 0, 0) = exp(−iα J_z)`.
#[test]
fn complex_d_is_the_phased_small_d_and_factorises() {
    let mut rng = StdRng::seed_from_u64(1);
    for l in [0, 1, 3, 7, 20] {
        let (alpha, beta, gamma) = random_angles(&mut rng);
        let big = wigner_d_complex(l, alpha, beta, gamma).unwrap();
        let small = wigner_small_d(l, beta).unwrap();
        let li = l as i64;
        for m in -li..=li {
            for mp in -li..=li {
                let phase = Complex64::from_polar(1.0, -(m as f64 * alpha + mp as f64 * gamma));
                let expected = phase * entry(&small, l, m, mp);
                let got = big[((m + li) as usize, (mp + li) as usize)];
                assert!(
                    (got - expected).norm() < 1e-14,
                    "l = {l}, m = {m}, m' = {mp}"
                );
            }
        }
        let z_alpha = wigner_d_complex(l, alpha, 0.0, 0.0).unwrap();
        let [_, _, jz] = angular_momentum(l);
        let exp_jz = DMatrix::from_diagonal(
            &jz.diagonal()
                .map(|m| (m * Complex64::new(0.0, -alpha)).exp()),
        );
        assert!(max_abs_c(&(&z_alpha - exp_jz)) < 1e-14);
        let product = z_alpha
            * wigner_d_complex(l, 0.0, beta, 0.0).unwrap()
            * wigner_d_complex(l, 0.0, 0.0, gamma).unwrap();
        assert!(max_abs_c(&(product - big)) < 1e-13, "l = {l}");
    }
}

/// `D_real^1(R)[a][b] = R[π(a)][π(b)]` with `π = (1, 2, 0)`: the real basis of `l = 1` is
/// `(y, z, x)`.
#[test]
fn real_l1_is_the_rotation_matrix_with_axes_y_z_x() {
    let mut rng = StdRng::seed_from_u64(2);
    let perm = [1, 2, 0];
    for _ in 0..20 {
        let (alpha, beta, gamma) = random_angles(&mut rng);
        let r = rotation(alpha, beta, gamma);
        let d = wigner_d_real(1, alpha, beta, gamma).unwrap();
        let relabelled = DMatrix::from_fn(3, 3, |a, b| r[(perm[a], perm[b])]);
        assert!(max_abs(&(d - relabelled)) < 1e-15);
    }
}

/// `D_real = U D* U†` with `U` of `real_basis` (complex to real harmonics).
#[test]
fn real_and_complex_agree_through_u() {
    let mut rng = StdRng::seed_from_u64(3);
    for l in [0, 1, 2, 5, 12, 30] {
        let (alpha, beta, gamma) = random_angles(&mut rng);
        let u = complex_to_real(l);
        let complex = wigner_d_complex(l, alpha, beta, gamma).unwrap();
        let via_u = &u * complex.conjugate() * u.adjoint();
        let real = wigner_d_real(l, alpha, beta, gamma).unwrap();
        assert!(max_abs_c(&(via_u - to_complex(&real))) < 1e-13, "l = {l}");
    }
}

/// e3nn: `D_e3nn^1(R) = R`, and `D_e3nn(R) = D_real(P) D_real(R) D_real(P)ᵀ` with
/// `P(x, y, z) = (z, x, y) = R_zyz(0, π/2, π/2)`, also at gimbal lock.
#[test]
fn e3nn_is_the_real_d_conjugated_by_p() {
    let p = Matrix3::new(0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
    assert!((rotation(0.0, FRAC_PI_2, FRAC_PI_2) - p).abs().max() < 1e-15);
    let mut rng = StdRng::seed_from_u64(4);
    let mut cases: Vec<_> = (0..10).map(|_| random_angles(&mut rng)).collect();
    cases.extend([
        (0.3, 0.0, 0.5),
        (0.3, PI, -1.1),
        (1.0, 1e-9, 2.0),
        (FRAC_PI_2, FRAC_PI_2, 0.0),
    ]);
    for (alpha, beta, gamma) in cases {
        let r = rotation(alpha, beta, gamma);
        let d1 = wigner_d_e3nn(1, alpha, beta, gamma).unwrap();
        assert!(max_abs(&(d1 - DMatrix::from_fn(3, 3, |a, b| r[(a, b)]))) < 1e-14);
        for l in [2, 5, 9] {
            let dp = wigner_d_real(l, 0.0, FRAC_PI_2, FRAC_PI_2).unwrap();
            let expected = &dp * wigner_d_real(l, alpha, beta, gamma).unwrap() * dp.transpose();
            let got = wigner_d_e3nn(l, alpha, beta, gamma).unwrap();
            assert!(
                max_abs(&(got - expected)) < 1e-13,
                "l = {l}, angles {alpha} {beta} {gamma}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Independent references.

/// The recursion agrees with Wigner's closed-form sum for `l ≤ 12`, every `m, m'`.
#[test]
fn small_d_agrees_with_the_closed_form_sum_at_low_l() {
    for l in 0..=12usize {
        for beta in [0.0, 1e-3, 0.4, 1.3, FRAC_PI_2, 2.2, 3.1, PI, 4.0, -0.9] {
            let d = wigner_small_d(l, beta).unwrap();
            let li = l as i64;
            for m in -li..=li {
                for mp in -li..=li {
                    let reference = closed_form(li, m, mp, beta);
                    let error = (entry(&d, l, m, mp) - reference).abs();
                    assert!(
                        error < 1e-12,
                        "l = {l}, m = {m}, m' = {mp}, β = {beta}: {error:e}"
                    );
                }
            }
        }
    }
}

/// The recursion agrees with `exp(−iβ J_y)` (eigendecomposition of `J_y`) at `l` up to 60.
#[test]
fn small_d_agrees_with_the_matrix_exponential_at_moderate_l() {
    let mut rng = StdRng::seed_from_u64(5);
    for l in [13, 25, 40, 60] {
        for _ in 0..3 {
            let beta = rng.random_range(-4.0..4.0);
            let reference = exponential(l, beta);
            let d = to_complex(&wigner_small_d(l, beta).unwrap());
            let error = max_abs_c(&(d - reference));
            assert!(error < 1e-11, "l = {l}, β = {beta}: {error:e}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Group laws.

/// `D(R₁ R₂) = D(R₁) D(R₂)` for the complex and the real `D`, with the angles of `R₁ R₂`
/// extracted from the product of the 3×3 matrices.
#[test]
fn d_is_a_homomorphism() {
    fn property(a: Angles, b: Angles, l: u8) -> bool {
        let l = (l % 25) as usize;
        let product = rotation(a.0, a.1, a.2) * rotation(b.0, b.1, b.2);
        let (alpha, beta, gamma) = zyz(&product);
        let complex = |x: Angles| wigner_d_complex(l, x.0, x.1, x.2).unwrap();
        let real = |x: Angles| wigner_d_real(l, x.0, x.1, x.2).unwrap();
        let c = wigner_d_complex(l, alpha, beta, gamma).unwrap();
        let r = wigner_d_real(l, alpha, beta, gamma).unwrap();
        max_abs_c(&(complex(a) * complex(b) - c)) < 1e-11
            && max_abs(&(real(a) * real(b) - r)) < 1e-11
    }
    QuickCheck::new()
        .tests(60)
        .quickcheck(property as fn(Angles, Angles, u8) -> bool);
}

/// The homomorphism through gimbal lock: `R(α, β, γ) R(−γ, −β, δ) = R_z(α + δ)`.
#[test]
fn d_is_a_homomorphism_at_gimbal_lock() {
    let (alpha, beta, gamma, delta) = (0.7, 1.1, -0.4, 0.25);
    for l in [1, 6, 30] {
        let left = wigner_d_real(l, alpha, beta, gamma).unwrap();
        let right = wigner_d_real(l, -gamma, -beta, delta).unwrap();
        let product = wigner_d_real(l, alpha + delta, 0.0, 0.0).unwrap();
        assert!(max_abs(&(left * right - product)) < 1e-12, "l = {l}");
    }
}

/// `d(β₁) d(β₂) = d(β₁ + β₂)` (one-parameter subgroup), `β` anywhere on the real line.
#[test]
fn small_d_adds_angles() {
    fn property(a: Angles, l: u8) -> bool {
        let l = (l % 60) as usize;
        let d = |beta| wigner_small_d(l, beta).unwrap();
        max_abs(&(d(a.0) * d(a.1) - d(a.0 + a.1))) < 1e-12
    }
    QuickCheck::new()
        .tests(60)
        .quickcheck(property as fn(Angles, u8) -> bool);
}

/// Unitarity to `l = 100`: `max |D D† − I| < 1e−12` (complex) and `max |D Dᵀ − I| < 1e−12`
/// (real), for seeded random rotations, every `l ≤ 100` through the `_all` forms.
#[test]
fn d_is_unitary_up_to_l100() {
    let mut rng = StdRng::seed_from_u64(6);
    for _ in 0..3 {
        let (alpha, beta, gamma) = random_angles(&mut rng);
        let complex = wigner_d_complex_all(100, alpha, beta, gamma).unwrap();
        let real = wigner_d_real_all(100, alpha, beta, gamma).unwrap();
        for (l, (c, r)) in complex.iter().zip(&real).enumerate() {
            assert!(identity_error_c(&(c * c.adjoint())) < 1e-12, "l = {l}");
            assert!(identity_error(&(r * r.transpose())) < 1e-12, "l = {l}");
        }
    }
}

/// The real `D` is orthogonal with determinant `+1` (a rotation of `R^{2l+1}`).
#[test]
fn real_d_is_a_rotation() {
    let mut rng = StdRng::seed_from_u64(7);
    for l in [1, 2, 4, 9, 16] {
        let (alpha, beta, gamma) = random_angles(&mut rng);
        let r = wigner_d_real(l, alpha, beta, gamma).unwrap();
        assert!(identity_error(&(r.transpose() * &r)) < 1e-13);
        assert!((r.determinant() - 1.0).abs() < 1e-10, "l = {l}");
    }
}

/// High degree: at `l = 200` and `l = 400` the matrices stay orthogonal and
/// `d(β₁) d(β₂) = d(β₁ + β₂)`, also near `β = 0` and `β = π`.
#[test]
fn high_degree_stays_orthogonal_and_adds_angles() {
    for l in [200, 400] {
        for (b1, b2) in [
            (0.7, 1.1),
            (1e-9, 2e-9),
            (0.004, 0.006),
            (3.0, 0.14),
            (PI - 1e-7, 2e-7),
        ] {
            let d1 = wigner_small_d(l, b1).unwrap();
            let d2 = wigner_small_d(l, b2).unwrap();
            let d12 = wigner_small_d(l, b1 + b2).unwrap();
            let orthogonality = identity_error(&(&d1 * d1.transpose()));
            let addition = max_abs(&(&d1 * &d2 - &d12));
            assert!(
                orthogonality < 1e-12,
                "l = {l}, β = {b1}: {orthogonality:e}"
            );
            assert!(addition < 5e-12, "l = {l}, β = {b1} + {b2}: {addition:e}");
        }
        let r = wigner_d_real(l, 0.3, 2.0, -1.2).unwrap();
        assert!(identity_error(&(&r * r.transpose())) < 1e-12, "l = {l}");
    }
}

// ---------------------------------------------------------------------------------------
// Symmetries.

/// `d_{m m'}(β) = (−1)^{m−m'} d_{m' m}(β) = d_{−m', −m}(β)`, `d(−β) = d(β)ᵀ`,
/// `d(β + 2π) = d(β)` and `d(π − β)_{m m'} = (−1)^{l+m} d(β)_{m, −m'}`.
#[test]
fn small_d_symmetries_hold() {
    fn property(a: Angles, l: u8) -> bool {
        let l = (l % 40) as usize;
        let beta = a.1;
        let d = wigner_small_d(l, beta).unwrap();
        let li = l as i64;
        let sign = |k: i64| if k.rem_euclid(2) == 0 { 1.0 } else { -1.0 };
        let mut ok = true;
        let (minus, shifted, reflected) = (
            wigner_small_d(l, -beta).unwrap(),
            wigner_small_d(l, beta + 2.0 * PI).unwrap(),
            wigner_small_d(l, PI - beta).unwrap(),
        );
        for m in -li..=li {
            for mp in -li..=li {
                let x = entry(&d, l, m, mp);
                ok &= (x - sign(m - mp) * entry(&d, l, mp, m)).abs() < 1e-14;
                ok &= (x - entry(&d, l, -mp, -m)).abs() < 1e-14;
                ok &= (entry(&minus, l, m, mp) - entry(&d, l, mp, m)).abs() < 1e-12;
                ok &= (entry(&shifted, l, m, mp) - x).abs() < 1e-11;
                ok &= (entry(&reflected, l, m, mp) - sign(li + m) * entry(&d, l, m, -mp)).abs()
                    < 1e-11;
            }
        }
        ok
    }
    QuickCheck::new()
        .tests(40)
        .quickcheck(property as fn(Angles, u8) -> bool);
}

/// `D(α, β, γ)ᵀ = D(γ, −β, α)` and `D(α, β, γ)† = D(−γ, −β, −α) = D(R⁻¹)`;
/// for the real `D`, `D_real(α, β, γ)ᵀ = D_real(−γ, −β, −α)`.
#[test]
fn transpose_and_inverse_relations_hold() {
    fn property(a: Angles, l: u8) -> bool {
        let l = (l % 30) as usize;
        let Angles(alpha, beta, gamma) = a;
        let d = wigner_d_complex(l, alpha, beta, gamma).unwrap();
        let transpose = wigner_d_complex(l, gamma, -beta, alpha).unwrap();
        let inverse = wigner_d_complex(l, -gamma, -beta, -alpha).unwrap();
        let r = wigner_d_real(l, alpha, beta, gamma).unwrap();
        let r_inverse = wigner_d_real(l, -gamma, -beta, -alpha).unwrap();
        max_abs_c(&(d.transpose() - transpose)) < 1e-12
            && max_abs_c(&(d.adjoint() - inverse)) < 1e-12
            && max_abs(&(r.transpose() - r_inverse)) < 1e-12
    }
    QuickCheck::new()
        .tests(60)
        .quickcheck(property as fn(Angles, u8) -> bool);
}

// ---------------------------------------------------------------------------------------
// Edge cases, shared work, plans and errors.

/// `d(0) = I`, `d(π)_{m m'} = (−1)^{l+m} δ_{m,−m'}`, `d^0 = 1`, and for tiny `β` the first
/// order `d(β) = I − iβ J_y + O(β²)`.
#[test]
fn edge_cases_beta_zero_pi_tiny_and_l_zero() {
    for l in [0, 1, 5, 50, 200] {
        let n = 2 * l + 1;
        assert!(
            identity_error(&wigner_small_d(l, 0.0).unwrap()) < 1e-14,
            "l = {l}"
        );
        let at_pi = wigner_small_d(l, PI).unwrap();
        let li = l as i64;
        let expected = DMatrix::from_fn(n, n, |r, c| {
            let (m, mp) = (r as i64 - li, c as i64 - li);
            if m == -mp {
                if (li + m) % 2 == 0 { 1.0 } else { -1.0 }
            } else {
                0.0
            }
        });
        assert!(max_abs(&(at_pi - expected)) < 1e-13, "l = {l}");
        let beta = 1e-9;
        let [_, jy, _] = angular_momentum(l);
        let first_order = DMatrix::identity(n, n) - jy.map(|z| z * Complex64::new(0.0, beta));
        let tiny = to_complex(&wigner_small_d(l, beta).unwrap());
        assert!(max_abs_c(&(tiny - first_order)) < 1e-13, "l = {l}");
    }
    let one = wigner_d_complex(0, 0.4, 1.0, 2.0).unwrap();
    assert_eq!(one, DMatrix::from_element(1, 1, Complex64::new(1.0, 0.0)));
    assert_eq!(
        wigner_d_real(0, 0.4, 1.0, 2.0).unwrap(),
        DMatrix::from_element(1, 1, 1.0)
    );
}

/// The `_all` forms and a `WignerPlan` give the same matrices as the one-degree functions.
#[test]
fn all_degrees_and_plans_match_single_degrees() {
    let (alpha, beta, gamma) = (0.3, 2.4, -1.7);
    let small = wigner_small_d_all(20, beta).unwrap();
    let complex = wigner_d_complex_all(20, alpha, beta, gamma).unwrap();
    let real = wigner_d_real_all(20, alpha, beta, gamma).unwrap();
    let plan = WignerPlan::new(20).unwrap();
    assert_eq!(plan.lmax(), 20);
    for l in 0..=20 {
        assert_eq!(small[l], wigner_small_d(l, beta).unwrap());
        assert_eq!(complex[l], wigner_d_complex(l, alpha, beta, gamma).unwrap());
        assert_eq!(real[l], wigner_d_real(l, alpha, beta, gamma).unwrap());
        assert_eq!(plan.small_d(l, beta).unwrap(), small[l]);
        assert_eq!(plan.complex(l, alpha, beta, gamma).unwrap(), complex[l]);
        assert_eq!(plan.real(l, alpha, beta, gamma).unwrap(), real[l]);
        assert_eq!(
            plan.e3nn(l, alpha, beta, gamma).unwrap(),
            wigner_d_e3nn(l, alpha, beta, gamma).unwrap()
        );
    }
}

/// Non-finite angles are `InvalidInput` naming the angle; a matrix above 2 GiB is `TooLarge`
/// (refused before allocating); a degree above a plan's `lmax` is `InvalidInput`.
#[test]
fn bad_input_is_an_error() {
    let names = |e: Error| match e {
        Error::InvalidInput(message) => message,
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    assert!(names(wigner_small_d(3, f64::NAN).unwrap_err()).contains("beta"));
    assert!(names(wigner_d_complex(3, f64::INFINITY, 0.0, 0.0).unwrap_err()).contains("alpha"));
    assert!(names(wigner_d_real(3, 0.0, 0.0, f64::NEG_INFINITY).unwrap_err()).contains("gamma"));
    assert!(names(wigner_d_e3nn(3, 0.0, f64::NAN, 0.0).unwrap_err()).contains("beta"));
    assert!(names(wigner_d_real_all(3, f64::NAN, 0.0, 0.0).unwrap_err()).contains("alpha"));
    assert!(names(WignerPlan::new(4).unwrap().small_d(5, 0.1).unwrap_err()).contains("lmax"));
    for result in [
        wigner_small_d(usize::MAX, 0.1).map(|_| ()),
        wigner_small_d(10_000, 0.1).map(|_| ()),
        wigner_d_complex(6_000, 0.1, 0.2, 0.3).map(|_| ()),
        wigner_d_real_all(5_000, 0.1, 0.2, 0.3).map(|_| ()),
    ] {
        match result {
            Err(Error::TooLarge { needed, limit, .. }) => {
                assert!(limit.contains("2.0 GiB"), "{limit}");
                assert!(!needed.is_empty());
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
}
