//! Real and complex spherical harmonics: orthonormality, closed forms, the addition theorem,
//! normalisations, the e3nn convention, gradients, solid harmonics, precision caps, errors.
//! Each test states the theorem it checks (see `theory/spherical-harmonics.md`).

use equivariant::Error;
use equivariant::so3::real_basis::complex_to_real;
use equivariant::so3::spherical_harmonics::{
    Convention, Normalization, SPECIALISED_LMAX, ShFloat, SphericalHarmonics,
};
use nalgebra::{DMatrix, DVector, Matrix3, UnitQuaternion, Vector3};
use num_complex::Complex64;
use quickcheck::{QuickCheck, TestResult};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::f64::consts::PI;

const STD: Convention = Convention::Standard;
const INTEGRAL: Normalization = Normalization::Integral;

fn plan<T: ShFloat>(lmax: usize, n: Normalization, c: Convention) -> SphericalHarmonics<T> {
    SphericalHarmonics::new(lmax, n, c).expect("lmax within the cap")
}

/// A point uniform on the unit sphere.
fn unit_point(rng: &mut StdRng) -> [f64; 3] {
    let z: f64 = rng.random_range(-1.0..1.0);
    let phi: f64 = rng.random_range(0.0..2.0 * PI);
    let s = (1.0 - z * z).sqrt();
    [s * phi.cos(), s * phi.sin(), z]
}

/// A point with a random direction and a norm in `[0.3, 3]`.
fn point(rng: &mut StdRng) -> [f64; 3] {
    let r: f64 = rng.random_range(0.3..3.0);
    unit_point(rng).map(|v| r * v)
}

fn points(seed: u64, n: usize, f: fn(&mut StdRng) -> [f64; 3]) -> Vec<[f64; 3]> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| f(&mut rng)).collect()
}

fn at(values: &[f64], l: usize, m: i64) -> f64 {
    values[(l as i64 * l as i64 + l as i64 + m) as usize]
}

fn max_abs_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// Legendre `P_l(t)` by Bonnet's recursion `(n+1) P_{n+1} = (2n+1) t P_n − n P_{n−1}`.
fn legendre(l: usize, t: f64) -> f64 {
    let (mut p0, mut p1) = (1.0, t);
    if l == 0 {
        return 1.0;
    }
    for n in 1..l {
        let n = n as f64;
        (p0, p1) = (p1, ((2.0 * n + 1.0) * t * p1 - n * p0) / (n + 1.0));
    }
    p1
}

/// Gauss–Legendre nodes and weights on `[−1, 1]` (Newton on `P_n`; Abramowitz & Stegun 25.4.29).
fn gauss_legendre(n: usize) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let mut t = (PI * (i as f64 + 0.75) / (n as f64 + 0.5)).cos();
            let mut dp = 1.0;
            for _ in 0..100 {
                let (p, q) = (legendre(n, t), legendre(n - 1, t));
                dp = n as f64 * (t * p - q) / (t * t - 1.0);
                let step = p / dp;
                t -= step;
                if step.abs() < 1e-16 {
                    break;
                }
            }
            (t, 2.0 / ((1.0 - t * t) * dp * dp))
        })
        .collect()
}

/// Theorem: the real harmonics are orthonormal on the sphere, `∫ Y_lm Y_l'm' dΩ = δ δ`.
/// Gauss–Legendre in `cos θ` with `L+1` nodes times `2L+1` uniform angles in `φ` integrates
/// every product of two degree-`≤ L` harmonics exactly.
#[test]
fn orthonormal_on_the_sphere_by_exact_quadrature() {
    let lmax = 24;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    let nphi = 2 * lmax + 1;
    let mut xyz = Vec::new();
    let mut weights = Vec::new();
    for (t, w) in gauss_legendre(lmax + 1) {
        for j in 0..nphi {
            let phi = 2.0 * PI * j as f64 / nphi as f64;
            let s = (1.0 - t * t).sqrt();
            xyz.push([s * phi.cos(), s * phi.sin(), t]);
            weights.push(w * 2.0 * PI / nphi as f64);
        }
    }
    let width = sh.values_per_point();
    let y = DMatrix::from_row_slice(xyz.len(), width, &sh.compute(&xyz).unwrap());
    let gram = y.transpose() * DMatrix::from_diagonal(&DVector::from_vec(weights)) * &y;
    let err = (gram - DMatrix::identity(width, width)).abs().max();
    assert!(
        err < 1e-12,
        "Gram matrix differs from the identity by {err:e}"
    );
}

/// The real table of Wikipedia, "Table of spherical harmonics", § Real spherical harmonics
/// (also Blanco, Flórez & Bermejo 1997, Table 1), `l ≤ 3`, on unit vectors.
fn real_closed_forms([x, y, z]: [f64; 3]) -> Vec<f64> {
    let s = |a: f64| a.sqrt();
    vec![
        0.5 * s(1.0 / PI),
        s(3.0 / (4.0 * PI)) * y,
        s(3.0 / (4.0 * PI)) * z,
        s(3.0 / (4.0 * PI)) * x,
        0.5 * s(15.0 / PI) * x * y,
        0.5 * s(15.0 / PI) * y * z,
        0.25 * s(5.0 / PI) * (3.0 * z * z - 1.0),
        0.5 * s(15.0 / PI) * x * z,
        0.25 * s(15.0 / PI) * (x * x - y * y),
        0.25 * s(35.0 / (2.0 * PI)) * y * (3.0 * x * x - y * y),
        0.5 * s(105.0 / PI) * x * y * z,
        0.25 * s(21.0 / (2.0 * PI)) * y * (5.0 * z * z - 1.0),
        0.25 * s(7.0 / PI) * (5.0 * z * z * z - 3.0 * z),
        0.25 * s(21.0 / (2.0 * PI)) * x * (5.0 * z * z - 1.0),
        0.25 * s(105.0 / PI) * (x * x - y * y) * z,
        0.25 * s(35.0 / (2.0 * PI)) * x * (x * x - 3.0 * y * y),
    ]
}

/// Theorem: for `l ≤ 3` the real harmonics equal the textbook polynomials.
#[test]
fn real_harmonics_match_textbook_closed_forms() {
    let sh = plan::<f64>(3, INTEGRAL, STD);
    for p in points(1, 200, unit_point) {
        let y = sh.compute(&[p.map(|v| 2.5 * v)]).unwrap();
        let err = max_abs_diff(&y, &real_closed_forms(p));
        assert!(err < 1e-14, "at {p:?}: {err:e}");
    }
}

/// The complex table (Condon–Shortley phase) of Wikipedia, "Table of spherical harmonics",
/// `Y_l^m(θ, φ)` for `l ≤ 3`, `m = −l..l`.
fn complex_closed_forms(theta: f64, phi: f64) -> Vec<Complex64> {
    let (st, ct) = theta.sin_cos();
    let e = |m: i64| Complex64::from_polar(1.0, m as f64 * phi);
    let s = |a: f64| a.sqrt();
    let table: Vec<(i64, f64)> = vec![
        (0, 0.5 * s(1.0 / PI)),
        (-1, 0.5 * s(3.0 / (2.0 * PI)) * st),
        (0, 0.5 * s(3.0 / PI) * ct),
        (1, -0.5 * s(3.0 / (2.0 * PI)) * st),
        (-2, 0.25 * s(15.0 / (2.0 * PI)) * st * st),
        (-1, 0.5 * s(15.0 / (2.0 * PI)) * st * ct),
        (0, 0.25 * s(5.0 / PI) * (3.0 * ct * ct - 1.0)),
        (1, -0.5 * s(15.0 / (2.0 * PI)) * st * ct),
        (2, 0.25 * s(15.0 / (2.0 * PI)) * st * st),
        (-3, 0.125 * s(35.0 / PI) * st.powi(3)),
        (-2, 0.25 * s(105.0 / (2.0 * PI)) * st * st * ct),
        (-1, 0.125 * s(21.0 / PI) * st * (5.0 * ct * ct - 1.0)),
        (0, 0.25 * s(7.0 / PI) * (5.0 * ct.powi(3) - 3.0 * ct)),
        (1, -0.125 * s(21.0 / PI) * st * (5.0 * ct * ct - 1.0)),
        (2, 0.25 * s(105.0 / (2.0 * PI)) * st * st * ct),
        (3, -0.125 * s(35.0 / PI) * st.powi(3)),
    ];
    table.into_iter().map(|(m, a)| e(m) * a).collect()
}

/// Theorem: for `l ≤ 3` the complex harmonics equal the textbook `Y_l^m(θ, φ)`.
#[test]
fn complex_harmonics_match_textbook_closed_forms() {
    let sh = plan::<f64>(3, INTEGRAL, STD);
    let mut rng = StdRng::seed_from_u64(2);
    for _ in 0..200 {
        let theta: f64 = rng.random_range(0.0..PI);
        let phi: f64 = rng.random_range(-PI..PI);
        let p = [
            theta.sin() * phi.cos(),
            theta.sin() * phi.sin(),
            theta.cos(),
        ];
        let y = sh.compute_complex(&[p]).unwrap();
        let expected = complex_closed_forms(theta, phi);
        let err = y
            .iter()
            .zip(&expected)
            .map(|(a, b)| (a - b).norm())
            .fold(0.0, f64::max);
        assert!(err < 1e-14, "at θ = {theta}, φ = {phi}: {err:e}");
    }
}

/// Theorem: the complex harmonics and the real ones are related by the unitary of
/// `so3::real_basis`, `Y_real = U Y_complex`, in every degree (here up to `l = 12`).
#[test]
fn complex_harmonics_are_u_dagger_of_real_ones() {
    let lmax = 12;
    let sh = plan::<f64>(lmax, Normalization::Component, STD);
    for p in points(3, 20, point) {
        let real = sh.compute(&[p]).unwrap();
        let complex = sh.compute_complex(&[p]).unwrap();
        for l in 0..=lmax {
            let range = l * l..(l + 1) * (l + 1);
            let yc = DVector::from_column_slice(&complex[range.clone()]);
            let back = complex_to_real(l) * yc;
            for (i, v) in back.iter().enumerate() {
                assert!(
                    (v - real[range.start + i]).norm() < 1e-13,
                    "l = {l}, entry {i}: {v} vs {}",
                    real[range.start + i]
                );
            }
        }
    }
}

/// Theorem (addition theorem): `Σ_m Y_lm(x) Y_lm(y) = (2l+1)/(4π) P_l(x · y)` for unit `x, y`.
#[test]
fn addition_theorem_up_to_l_100() {
    let lmax = 100;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    let mut rng = StdRng::seed_from_u64(4);
    for _ in 0..20 {
        let (x, y) = (unit_point(&mut rng), unit_point(&mut rng));
        let (yx, yy) = (sh.compute(&[x]).unwrap(), sh.compute(&[y]).unwrap());
        let dot = x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
        for l in 0..=lmax {
            let r = l * l..(l + 1) * (l + 1);
            let sum: f64 = yx[r.clone()].iter().zip(&yy[r]).map(|(a, b)| a * b).sum();
            let expected = (2 * l + 1) as f64 / (4.0 * PI) * legendre(l, dot);
            assert!(
                (sum - expected).abs() < 1e-12 * (2 * l + 1) as f64,
                "l = {l}: {sum} vs {expected}"
            );
        }
    }
}

/// Theorem: `component` is `integral × √(4π)` with `Σ_m Y_lm² = 2l+1`, and `norm` is
/// `integral × √(4π/(2l+1))` with `Σ_m Y_lm² = 1`, on the unit sphere.
#[test]
fn normalisations_scale_and_sum_rules() {
    let lmax = 30;
    let xyz = points(5, 50, point);
    let [integral, component, norm] = [
        Normalization::Integral,
        Normalization::Component,
        Normalization::Norm,
    ]
    .map(|n| plan::<f64>(lmax, n, STD).compute(&xyz).unwrap());
    let width = (lmax + 1) * (lmax + 1);
    for i in 0..xyz.len() {
        for l in 0..=lmax {
            let r = i * width + l * l..i * width + (l + 1) * (l + 1);
            let s_c = (4.0 * PI).sqrt();
            let s_n = (4.0 * PI / (2 * l + 1) as f64).sqrt();
            for j in r.clone() {
                assert!((component[j] - s_c * integral[j]).abs() < 1e-13 * (2 * l + 1) as f64);
                assert!((norm[j] - s_n * integral[j]).abs() < 1e-14 * (2 * l + 1) as f64);
            }
            let sq = |v: &[f64]| v.iter().map(|a| a * a).sum::<f64>();
            assert!(
                (sq(&component[r.clone()]) - (2 * l + 1) as f64).abs() < 1e-12 * (2 * l + 1) as f64
            );
            assert!((sq(&norm[r]) - 1.0).abs() < 1e-12);
        }
    }
}

/// Theorem (definition of the e3nn convention): `Y_e3nn(v) = Y_std(P v)`, `P(x,y,z) = (z,x,y)`.
#[test]
fn e3nn_convention_is_standard_at_permuted_point() {
    let lmax = 10;
    for n in [
        Normalization::Integral,
        Normalization::Component,
        Normalization::Norm,
    ] {
        let (e3nn, std) = (
            plan::<f64>(lmax, n, Convention::E3nn),
            plan::<f64>(lmax, n, STD),
        );
        for v in points(6, 30, point) {
            let a = e3nn.compute(&[v]).unwrap();
            let b = std.compute(&[[v[2], v[0], v[1]]]).unwrap();
            assert!(max_abs_diff(&a, &b) < 1e-15 * 100.0);
        }
    }
}

/// Theorem: e3nn's `component` harmonics are `√3 (x, y, z)` at `l = 1` and
/// `[√15 xz, √15 xy, √5 (y² − (x²+z²)/2), √15 yz, √15/2 (z² − x²)]` at `l = 2` on unit vectors
/// (e3nn `o3.spherical_harmonics`, `normalize=True, normalization='component'`).
#[test]
fn e3nn_closed_forms_l1_l2() {
    let sh = plan::<f64>(2, Normalization::Component, Convention::E3nn);
    let (s3, s5, s15) = (3f64.sqrt(), 5f64.sqrt(), 15f64.sqrt());
    for [x, y, z] in points(7, 100, unit_point) {
        let v = sh.compute(&[[x, y, z].map(|c| 0.7 * c)]).unwrap();
        let expected = [
            1.0,
            s3 * x,
            s3 * y,
            s3 * z,
            s15 * x * z,
            s15 * x * y,
            s5 * (y * y - 0.5 * (x * x + z * z)),
            s15 * y * z,
            s15 / 2.0 * (z * z - x * x),
        ];
        assert!(max_abs_diff(&v, &expected) < 1e-12, "{v:?} vs {expected:?}");
    }
}

/// Theorem: `compute_with_gradients` returns `∂_k Y_lm(x/|x|)`, equal to central finite
/// differences `(Y(x + h e_k) − Y(x − h e_k)) / 2h` up to `O(h²)`.
#[test]
fn gradients_match_central_differences() {
    let lmax = 10;
    let h = 1e-5;
    for conv in [STD, Convention::E3nn] {
        for n in [Normalization::Integral, Normalization::Norm] {
            let sh = plan::<f64>(lmax, n, conv);
            let xyz = points(8, 30, point);
            let (values, grads) = sh.compute_with_gradients(&xyz).unwrap();
            assert!(max_abs_diff(&values, &sh.compute(&xyz).unwrap()) < 1e-15);
            let width = sh.values_per_point();
            for (i, p) in xyz.iter().enumerate() {
                for k in 0..3 {
                    let (mut plus, mut minus) = (*p, *p);
                    plus[k] += h;
                    minus[k] -= h;
                    let (yp, ym) = (sh.compute(&[plus]).unwrap(), sh.compute(&[minus]).unwrap());
                    for j in 0..width {
                        let fd = (yp[j] - ym[j]) / (2.0 * h);
                        let g = grads[3 * (i * width + j) + k];
                        assert!(
                            (fd - g).abs() < 1e-6 * (1.0 + g.abs()),
                            "{conv} {n}: point {i}, entry {j}, axis {k}: {g} vs {fd}"
                        );
                    }
                }
            }
        }
    }
}

/// Points for comparing two evaluations: random directions with norms in `[0.3, 3]`, the
/// poles and axes, and points within `10⁻⁴ … 10⁻¹²` of the poles (where the recursion's
/// intermediates are largest and `|x̂|²` rounds to `1 ± ε`); with `extreme`, also points
/// whose `|x|²` underflows or overflows (the rescaled normalisation path). 157 points, so
/// that full and partial blocks and groups are all exercised.
fn comparison_points(extreme: bool) -> Vec<[f64; 3]> {
    let mut xyz = points(31, 120, point);
    for s in [1.0, -1.0] {
        xyz.extend([
            [0.0, 0.0, s],
            [s, 0.0, 0.0],
            [0.0, s, 0.0],
            [0.0, 0.0, 2.5 * s],
        ]);
        for e in [1e-4, 1e-6, 1e-9, 1e-12] {
            xyz.extend([[e, -2.0 * e, s], [-e, e, 0.7 * s], [e, 0.0, s], [0.0, e, s]]);
        }
    }
    let (tiny, huge) = if extreme { (1e-30, 1e30) } else { (0.5, 2.0) };
    xyz.extend([
        [tiny, -tiny, 2.0 * tiny],
        [huge, 0.5 * huge, -huge],
        [0.0, 0.0, tiny],
    ]);
    xyz.truncate(157);
    xyz
}

/// Theorem: for `L ≤ SPECIALISED_LMAX` the unrolled kernel computes what the generic
/// recursion computes, to rounding: values, gradients, regular and irregular solid
/// harmonics, in `f32` and `f64`, every normalisation and convention, near the poles too.
/// The generic recursion is a plan of degree `SPECIALISED_LMAX + 1`, whose first `(L+1)²`
/// entries (coefficients independent of `L`) are the degree-`L` ones. (The implementation
/// performs the same operations in the same order, so in fact the values agree bit for bit.)
#[test]
fn specialised_kernel_equals_generic_recursion() {
    fn check<T: ShFloat>(tol: f64) {
        let close = |a: &[T], b: &[T], w: usize, wr: usize, what: &str| {
            let (rows_a, rows_b) = (a.chunks_exact(w), b.chunks_exact(wr));
            assert_eq!(rows_a.len(), rows_b.len(), "{what}");
            for (i, (ra, rb)) in rows_a.zip(rows_b).enumerate() {
                for (j, (&x, &y)) in ra.iter().zip(&rb[..w]).enumerate() {
                    let (x, y) = (x.to_f64_exact(), y.to_f64_exact());
                    assert!(
                        (x - y).abs() <= tol * y.abs().max(1.0),
                        "{what}: point {i}, entry {j}: {x:e} vs generic {y:e}"
                    );
                }
            }
        };
        let cast = |v: Vec<[f64; 3]>| -> Vec<[T; 3]> {
            v.into_iter().map(|p| p.map(T::from_f64)).collect()
        };
        let (directions, solid) = (
            cast(comparison_points(true)),
            cast(comparison_points(false)),
        );
        for norm in [
            Normalization::Integral,
            Normalization::Component,
            Normalization::Norm,
        ] {
            for conv in [STD, Convention::E3nn] {
                let generic = plan::<T>(SPECIALISED_LMAX + 1, norm, conv);
                let wr = generic.values_per_point();
                let (gv, gg) = generic.compute_with_gradients(&directions).unwrap();
                let gr = generic.regular_solid(&solid).unwrap();
                let gi = generic.irregular_solid(&solid).unwrap();
                for lmax in 0..=SPECIALISED_LMAX {
                    let sh = plan::<T>(lmax, norm, conv);
                    let w = sh.values_per_point();
                    let what = |k: &str| format!("{} L = {lmax} {norm} {conv} {k}", T::NAME);
                    close(
                        &sh.compute(&directions).unwrap(),
                        &gv,
                        w,
                        wr,
                        &what("values"),
                    );
                    let (v, g) = sh.compute_with_gradients(&directions).unwrap();
                    close(&v, &gv, w, wr, &what("values (with gradients)"));
                    close(&g, &gg, 3 * w, 3 * wr, &what("gradients"));
                    close(
                        &sh.regular_solid(&solid).unwrap(),
                        &gr,
                        w,
                        wr,
                        &what("regular"),
                    );
                    close(
                        &sh.irregular_solid(&solid).unwrap(),
                        &gi,
                        w,
                        wr,
                        &what("irregular"),
                    );
                }
            }
        }
    }
    check::<f64>(4.0 * f64::EPSILON);
    check::<f32>(4.0 * f64::from(f32::EPSILON));
}

/// Theorem: `R_lm(t x) = t^l R_lm(x)` (homogeneous of degree `l`), `R_lm(x) = |x|^l Y_lm(x̂)`,
/// and `I_lm(t x) = t^{−l−1} I_lm(x)`, `I_lm(x) = R_lm(x) / |x|^{2l+1}` (Kelvin transform).
#[test]
fn solid_harmonics_are_homogeneous() {
    let lmax = 12;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    let mut rng = StdRng::seed_from_u64(9);
    for p in points(10, 40, point) {
        let t: f64 = rng.random_range(0.2..4.0);
        let r = (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).sqrt();
        let (reg, reg_t) = (
            sh.regular_solid(&[p]).unwrap(),
            sh.regular_solid(&[p.map(|v| t * v)]).unwrap(),
        );
        let (irr, irr_t) = (
            sh.irregular_solid(&[p]).unwrap(),
            sh.irregular_solid(&[p.map(|v| t * v)]).unwrap(),
        );
        let y = sh.compute(&[p]).unwrap();
        for l in 0..=lmax {
            for j in l * l..(l + 1) * (l + 1) {
                let scale = r.powi(l as i32).max(1.0);
                assert!(
                    (reg_t[j] - t.powi(l as i32) * reg[j]).abs()
                        < 1e-12 * scale * t.powi(l as i32).max(1.0)
                );
                assert!((reg[j] - r.powi(l as i32) * y[j]).abs() < 1e-12 * scale);
                let it = t.powi(-(l as i32) - 1);
                assert!(
                    (irr_t[j] - it * irr[j]).abs()
                        < 1e-12 * (it * irr[j].abs()).max(1e-300) + 1e-12 * irr_t[j].abs().max(1.0)
                );
                assert!(
                    (irr[j] - reg[j] / r.powi(2 * l as i32 + 1)).abs()
                        < 1e-12 * irr[j].abs().max(1.0)
                );
            }
        }
    }
}

/// The 7-point finite-difference Laplacian of entry `j` of `f` at `p`.
fn laplacian(f: &dyn Fn([f64; 3]) -> Vec<f64>, p: [f64; 3], h: f64) -> Vec<f64> {
    let centre = f(p);
    let mut lap: Vec<f64> = centre.iter().map(|c| -6.0 * c).collect();
    for k in 0..3 {
        for sign in [-1.0, 1.0] {
            let mut q = p;
            q[k] += sign * h;
            lap.iter_mut().zip(f(q)).for_each(|(a, b)| *a += b);
        }
    }
    lap.iter().map(|a| a / (h * h)).collect()
}

/// Theorem: solid harmonics are harmonic, `ΔR_lm = 0` everywhere and `ΔI_lm = 0` away from 0
/// (7-point stencil, exact for polynomials of degree ≤ 3, `O(h²)` otherwise).
#[test]
fn solid_harmonics_are_harmonic() {
    let lmax = 5;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    let regular = |p: [f64; 3]| sh.regular_solid(&[p]).unwrap();
    let irregular = |p: [f64; 3]| sh.irregular_solid(&[p]).unwrap();
    for p in points(11, 20, unit_point) {
        let p = p.map(|v| 1.3 * v);
        let lap_r = laplacian(&regular, p, 1e-3);
        let lap_i = laplacian(&irregular, p, 1e-3);
        assert!(lap_r.iter().all(|v| v.abs() < 1e-4), "ΔR = {lap_r:?}");
        assert!(lap_i.iter().all(|v| v.abs() < 1e-4), "ΔI = {lap_i:?}");
        // and the Laplacian of a non-harmonic control (|x|^2 Y_1) is not small:
        let control = |q: [f64; 3]| vec![(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]) * regular(q)[2]];
        assert!(laplacian(&control, p, 1e-3)[0].abs() > 1e-3 * p[2].abs());
    }
}

/// Theorem (parity): `Y_lm(−x) = (−1)^l Y_lm(x)`.
#[test]
fn parity_is_minus_one_to_the_l() {
    let lmax = 40;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    for p in points(12, 30, point) {
        let (a, b) = (
            sh.compute(&[p]).unwrap(),
            sh.compute(&[p.map(|v| -v)]).unwrap(),
        );
        for l in 0..=lmax {
            let sign = if l % 2 == 0 { 1.0 } else { -1.0 };
            for j in l * l..(l + 1) * (l + 1) {
                assert!((b[j] - sign * a[j]).abs() < 1e-13 * (2 * l + 1) as f64);
            }
        }
    }
}

/// Theorem: `Y(R x) = D_real(R) Y(x)`; at `l = 1`, `D_real^1(R)` is `R` with the axes in the
/// order `(y, z, x)`; for `R = R_z(α)` the real-basis action rotates each pair
/// `(Y_{l,m}, Y_{l,−m})` by `mα`: `Y_{l,m} ↦ cos(mα) Y_{l,m} − sin(mα) Y_{l,−m}`.
#[test]
fn equivariance_at_l1_and_about_z() {
    let lmax = 15;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    let mut rng = StdRng::seed_from_u64(13);
    let perm = Matrix3::new(0., 1., 0., 0., 0., 1., 1., 0., 0.);
    for p in points(14, 30, point) {
        let q = UnitQuaternion::from_quaternion(nalgebra::Quaternion::new(
            rng.random_range(-1.0..1.0),
            rng.random_range(-1.0..1.0),
            rng.random_range(-1.0..1.0),
            rng.random_range(-1.0..1.0),
        ));
        let rot = q.to_rotation_matrix().into_inner();
        let rp = rot * Vector3::from(p);
        let (y, yr) = (
            sh.compute(&[p]).unwrap(),
            sh.compute(&[[rp.x, rp.y, rp.z]]).unwrap(),
        );
        let d1 = perm * rot * perm.transpose();
        let expected = d1 * Vector3::new(y[1], y[2], y[3]);
        assert!((expected - Vector3::new(yr[1], yr[2], yr[3])).norm() < 1e-14);

        let alpha: f64 = rng.random_range(-PI..PI);
        let (sa, ca) = alpha.sin_cos();
        let yz = sh
            .compute(&[[ca * p[0] - sa * p[1], sa * p[0] + ca * p[1], p[2]]])
            .unwrap();
        for l in 0..=lmax {
            assert!((at(&yz, l, 0) - at(&y, l, 0)).abs() < 1e-13);
            for m in 1..=l as i64 {
                let (s, c) = (m as f64 * alpha).sin_cos();
                let plus = c * at(&y, l, m) - s * at(&y, l, -m);
                let minus = s * at(&y, l, m) + c * at(&y, l, -m);
                assert!(
                    (at(&yz, l, m) - plus).abs() < 1e-12 && (at(&yz, l, -m) - minus).abs() < 1e-12,
                    "l = {l}, m = {m}"
                );
            }
        }
    }
}

/// Theorem: `f32` evaluation agrees with `f64` to `f32` accuracy at every degree up to the
/// `f32` cap. With `B_l = √((2l+1)/4π)` the bound on `|Y_lm|`: `|Y_f32 − Y_f64| ≤ 4 (l+1) ε B_l`
/// at random points (rounding growing linearly with the recursion depth), and
/// `≤ (l+1)² ε B_l` near the poles, where rounding `|x̂|²` to `1 ± ε` moves `P_l` by `~ l² ε / 4`
/// (`∂_{r²} q_l^0 ≈ −l²/4` at the pole).
#[test]
fn f32_agrees_with_f64_up_to_the_cap() {
    fn worst(xyz: &[[f64; 3]], power: i32) -> f64 {
        let lmax = <f32 as ShFloat>::MAX_LMAX;
        let (s32, s64) = (
            plan::<f32>(lmax, INTEGRAL, STD),
            plan::<f64>(lmax, INTEGRAL, STD),
        );
        let xyz32: Vec<[f32; 3]> = xyz.iter().map(|p| p.map(|v| v as f32)).collect();
        let xyz64: Vec<[f64; 3]> = xyz32.iter().map(|p| p.map(f64::from)).collect();
        let (y32, y64) = (s32.compute(&xyz32).unwrap(), s64.compute(&xyz64).unwrap());
        let width = s64.values_per_point();
        let mut worst = 0f64;
        for (i, (a, b)) in y32.iter().zip(&y64).enumerate() {
            let l = ((i % width) as f64).sqrt() as usize;
            let bound = ((2 * l + 1) as f64 / (4.0 * PI)).sqrt();
            let scale = ((l + 1) as f64).powi(power) * f32::EPSILON as f64 * bound;
            assert!(a.is_finite(), "point {}, entry {}", i / width, i % width);
            worst = worst.max((f64::from(*a) - b).abs() / scale);
        }
        worst
    }
    let random = worst(&points(15, 200, point), 1);
    assert!(
        random > 0.0 && random < 4.0,
        "random points: {random} (l+1) ε B_l"
    );
    let poles = [
        [0.0, 0.0, 1.0],
        [1e-3, 0.0, -1.0],
        [1e-20, 2e-20, 1.0],
        [0.01, -0.02, 0.9],
        [0.6, 0.8, 1e-7],
    ];
    let near_poles = worst(&poles, 2);
    assert!(
        near_poles < 1.0,
        "near the poles: {near_poles} (l+1)² ε B_l"
    );
}

/// Theorem: at the precision caps the values stay finite, and at the poles and near them,
/// where the recursion's intermediate `q_l^m` are largest, the sum rule
/// `Σ_m Y_lm(x)² = (2l+1)/4π` (addition theorem at `x = y`) holds to the precision.
#[test]
fn values_stay_accurate_at_the_precision_caps() {
    fn check<T: ShFloat>(xyz: &[[T; 3]], tol: f64) {
        let lmax = T::MAX_LMAX;
        let sh = plan::<T>(lmax, Normalization::Component, STD);
        let y = sh.compute(xyz).unwrap();
        for point in y.chunks_exact(sh.values_per_point()) {
            assert!(point.iter().all(|v| v.is_finite()));
            for l in (0..=lmax).step_by(7).chain([lmax]) {
                let sum: f64 = point[l * l..(l + 1) * (l + 1)]
                    .iter()
                    .map(|v| v.to_f64_exact().powi(2))
                    .sum();
                let rel = (sum / (2 * l + 1) as f64 - 1.0).abs();
                assert!(
                    rel < tol,
                    "{}: l = {l}, Σ Y² / (2l+1) − 1 = {rel:e}",
                    T::NAME
                );
            }
        }
    }
    let raw = [
        [0.0, 0.0, 1.0],
        [0.0, 0.0, -3.0],
        [1e-4, -2e-4, 1.0],
        [0.3, 0.1, -0.9],
        [0.6, 0.8, 0.0],
        [1e-30, 0.0, 1.0],
    ];
    check::<f64>(&raw, 1401.0 * 1401.0 * f64::EPSILON);
    check::<f32>(
        &raw.map(|p| p.map(|v| v as f32)),
        151.0 * 151.0 * f32::EPSILON as f64,
    );
}

/// Theorem: at high degree (`L = 200`, `f64`) the values are finite and satisfy the addition
/// theorem `Σ_m Y_lm(x) Y_lm(y) = (2l+1)/4π P_l(x·y)`.
#[test]
fn high_degree_addition_theorem() {
    let lmax = 200;
    let sh = plan::<f64>(lmax, INTEGRAL, STD);
    let mut rng = StdRng::seed_from_u64(16);
    for _ in 0..10 {
        let (x, y) = (unit_point(&mut rng), unit_point(&mut rng));
        let (yx, yy) = (sh.compute(&[x]).unwrap(), sh.compute(&[y]).unwrap());
        assert!(yx.iter().all(|v| v.is_finite()));
        let dot = x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
        for l in (0..=lmax).step_by(5) {
            let r = l * l..(l + 1) * (l + 1);
            let sum: f64 = yx[r.clone()].iter().zip(&yy[r]).map(|(a, b)| a * b).sum();
            let expected = (2 * l + 1) as f64 / (4.0 * PI) * legendre(l, dot);
            assert!(
                (sum - expected).abs() < 1e-11 * (2 * l + 1) as f64,
                "l = {l}: {sum} vs {expected}"
            );
        }
    }
}

/// Theorem: the batch is evaluated point by point: a large (parallel) batch equals the
/// concatenation of single-point evaluations, for values and gradients, in both precisions.
#[test]
fn batches_equal_single_points() {
    let sh = plan::<f64>(6, Normalization::Norm, Convention::E3nn);
    let xyz = points(17, 3000, point);
    let (values, grads) = sh.compute_with_gradients(&xyz).unwrap();
    assert_eq!(values, sh.compute(&xyz).unwrap());
    let w = sh.values_per_point();
    for i in (0..xyz.len()).step_by(97) {
        let (v, g) = sh.compute_with_gradients(&xyz[i..=i]).unwrap();
        assert_eq!(&values[i * w..(i + 1) * w], &v[..]);
        assert_eq!(&grads[3 * i * w..3 * (i + 1) * w], &g[..]);
    }
    let sh32 = plan::<f32>(9, INTEGRAL, STD);
    let xyz32: Vec<[f32; 3]> = xyz.iter().map(|p| p.map(|v| v as f32)).collect();
    let all = sh32.compute(&xyz32).unwrap();
    let w = sh32.values_per_point();
    for i in (0..xyz.len()).step_by(101) {
        assert_eq!(
            &all[i * w..(i + 1) * w],
            &sh32.compute(&xyz32[i..=i]).unwrap()[..]
        );
    }
}

/// Theorem: the direction harmonics depend only on `x/|x|`, also for inputs whose `|x|²`
/// overflows or underflows (quickcheck over arbitrary `f64` triples, including huge, tiny
/// and non-finite ones, which must be refused): the sum rule `Σ_m Y_lm² = 2l+1` holds.
#[test]
fn quickcheck_sum_rule_on_arbitrary_inputs() {
    fn prop(x: f64, y: f64, z: f64) -> TestResult {
        let sh = plan::<f64>(8, Normalization::Component, STD);
        let result = sh.compute(&[[x, y, z]]);
        let valid = [x, y, z].iter().all(|v| v.is_finite()) && [x, y, z].iter().any(|v| *v != 0.0);
        match result {
            Err(_) => TestResult::from_bool(!valid),
            Ok(v) => TestResult::from_bool(
                valid
                    && (0..=8).all(|l| {
                        let s: f64 = v[l * l..(l + 1) * (l + 1)].iter().map(|a| a * a).sum();
                        (s - (2 * l + 1) as f64).abs() < 1e-12 * (2 * l + 1) as f64
                    }),
            ),
        }
    }
    QuickCheck::new()
        .tests(500)
        .quickcheck(prop as fn(f64, f64, f64) -> TestResult);
    for p in [
        [1e300, 1e300, -1e300],
        [1e-310, 0.0, 3e-310],
        [f64::MAX, 0.0, 0.0],
    ] {
        assert!(!prop(p[0], p[1], p[2]).is_failure(), "{p:?}");
    }
}

/// Bad input is an error naming what is wrong, never a panic.
#[test]
fn bad_input_is_an_error() {
    let sh = plan::<f64>(4, INTEGRAL, STD);
    let msg = |e: Error| e.to_string();
    let zero = msg(sh.compute(&[[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]).unwrap_err());
    assert!(zero.contains("point 1") && zero.contains("zero"), "{zero}");
    let nan = msg(sh
        .compute_with_gradients(&[[f64::NAN, 0.0, 1.0]])
        .unwrap_err());
    assert!(
        nan.contains("point 0") && nan.contains("not finite"),
        "{nan}"
    );
    assert!(sh.regular_solid(&[[f64::INFINITY, 0.0, 0.0]]).is_err());
    assert!(sh.irregular_solid(&[[0.0, 0.0, 0.0]]).is_err());
    assert_eq!(sh.regular_solid(&[[0.0; 3]]).unwrap()[0], 0.5 / PI.sqrt());
    let mut short = vec![0.0; 10];
    assert!(matches!(
        sh.compute_into(&[[1.0, 0.0, 0.0]], &mut short),
        Err(Error::InvalidInput(_))
    ));
    // Overflowing solid harmonics are refused instead of returning infinities.
    let s32 = plan::<f32>(20, INTEGRAL, STD);
    assert!(matches!(
        s32.regular_solid(&[[1e3, 0.0, 0.0]]),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        s32.irregular_solid(&[[1e-3, 0.0, 0.0]]),
        Err(Error::InvalidInput(_))
    ));
    assert!(
        s32.regular_solid(&[[10.0, 0.0, 0.0]])
            .unwrap()
            .iter()
            .all(|v| v.is_finite())
    );
    // Degrees above the precision caps are refused.
    for (result, cap) in [
        (
            SphericalHarmonics::<f32>::new(151, INTEGRAL, STD).map(|_| ()),
            "150",
        ),
        (
            SphericalHarmonics::<f64>::new(1401, INTEGRAL, STD).map(|_| ()),
            "1400",
        ),
    ] {
        match result {
            Err(Error::TooLarge { limit, .. }) => assert!(limit.contains(cap), "{limit}"),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
    // Requests too large for memory are refused before allocating.
    let big = plan::<f64>(1000, INTEGRAL, STD);
    let xyz = vec![[1.0, 0.0, 0.0]; 1000];
    match big.compute(&xyz) {
        Err(Error::TooLarge { needed, limit, .. }) => {
            assert!(needed.contains("GiB") && limit.contains("4.0 GiB"))
        }
        other => panic!("expected TooLarge, got {:?}", other.map(|v| v.len())),
    }
}

/// `Display` and `FromStr` round-trip, and a bad name lists the allowed ones.
#[test]
fn options_parse_and_print() {
    for n in [
        Normalization::Integral,
        Normalization::Component,
        Normalization::Norm,
    ] {
        assert_eq!(n.to_string().parse::<Normalization>().unwrap(), n);
    }
    for c in [Convention::Standard, Convention::E3nn] {
        assert_eq!(c.to_string().parse::<Convention>().unwrap(), c);
    }
    assert_eq!(Normalization::Component.to_string(), "component");
    assert_eq!(Convention::E3nn.to_string(), "e3nn");
    let err = "unit".parse::<Normalization>().unwrap_err().to_string();
    assert!(
        err.contains("'unit'") && err.contains("integral, component, norm"),
        "{err}"
    );
    let err = "zyx".parse::<Convention>().unwrap_err().to_string();
    assert!(
        err.contains("'zyx'") && err.contains("standard, e3nn"),
        "{err}"
    );
}
