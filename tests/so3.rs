//! The `SO(3)` / `O(3)` family as a whole (theory/so3.md): the irreps as representations,
//! restriction to the point groups, the group form of the Clebsch–Gordan intertwining.

mod common;

use equivariant::character::character_table;
use equivariant::group::{CompactLieGroup, FiniteGroup, Group, O3, Rotation, SO3};
use equivariant::rep::{point_group_in_o3, point_group_in_so3, restrict};
use equivariant::so3::clebsch_gordan::real_clebsch_gordan;
use equivariant::so3::irreps::{Irrep, Parity};
use equivariant::so3::representations::{o3_irrep, so3_irrep};
use equivariant::so3::wigner_d::wigner_d_real;
use equivariant::testing::{homomorphism_residual, lie_algebra_residual};
use nalgebra::DMatrix;
use rand::{SeedableRng, rngs::StdRng};
use std::sync::Arc;

/// `χ_l(θ) = sin((2l+1)θ/2) / sin(θ/2)` (`2l + 1` at `θ = 0`).
fn so3_character(l: usize, theta: f64) -> f64 {
    let half = theta / 2.0;
    if half.sin().abs() < 1e-12 {
        return (2 * l + 1) as f64;
    }
    ((2 * l + 1) as f64 * half).sin() / half.sin()
}

/// Each `D_real^l` is a homomorphism, its Lie-algebra matrices are its differential, and its
/// character is `χ_l(θ)`; for `O(3)` the inversion acts by the parity.
#[test]
fn irreps_are_homomorphisms_with_the_weyl_character() {
    let so3 = Arc::new(SO3);
    let o3 = Arc::new(O3);
    let mut rng = StdRng::seed_from_u64(5);
    for l in [0, 1, 2, 3, 7, 12, 25] {
        let rep = so3_irrep(&so3, l).unwrap();
        assert!(
            homomorphism_residual(rep.as_ref(), 10, l as u64).unwrap() < 1e-11,
            "l = {l}"
        );
        // Central differences: error t²‖X‖³/6 with t = 1e-5 and ‖X‖ ≈ l, plus rounding.
        let tolerance = 1e-10 * ((l + 1) as f64).powi(3) + 1e-8;
        assert!(
            lie_algebra_residual(rep.as_ref()).unwrap() < tolerance,
            "l = {l}"
        );
        for _ in 0..5 {
            let r = Rotation::random(&mut rng);
            let theta = r.to_axis_angle().1;
            assert!((rep.character(&r) - so3_character(l, theta)).abs() < 1e-10);
        }
        for parity in [Parity::Even, Parity::Odd] {
            let irrep = Irrep::new(l, parity).unwrap();
            let rep = o3_irrep(&o3, irrep).unwrap();
            assert!(homomorphism_residual(rep.as_ref(), 10, 3).unwrap() < 1e-11);
            let inversion = o3.discrete_generators()[0];
            let expected = parity.sign() * (2 * l + 1) as f64;
            assert!((rep.character(&inversion) - expected).abs() < 1e-12);
        }
    }
}

/// `D_real^1(R)` is `R` itself with the axes relabelled `(y, z, x)`, so `V ≅ 1` (and `1o` for
/// `O(3)`).
#[test]
fn defining_representation_is_the_l1_irrep_with_axes_y_z_x() {
    let mut rng = StdRng::seed_from_u64(9);
    let perm = [1usize, 2, 0];
    for _ in 0..20 {
        let r = Rotation::random(&mut rng);
        let d = so3_irrep(&Arc::new(SO3), 1).unwrap().matrix(&r);
        let m = r.matrix();
        let relabelled = DMatrix::from_fn(3, 3, |a, b| m[(perm[a], perm[b])]);
        assert!((d - relabelled).amax() < 1e-13);
    }
}

/// Restriction to a point group: the character of `Res D^l` at `h` is `χ_l` of the rotation
/// angle of `h` (times the parity for `O(3)`), and its multiplicities are non-negative
/// integers (e.g. `D^2` restricted to `I` is irreducible: `⟨χ, χ⟩ = 1`).
#[test]
fn restriction_to_point_groups_matches_the_rotation_angles() {
    for name in ["T", "O", "I", "C5", "D4"] {
        let h = common::finite(name);
        let embedding = point_group_in_so3(h.clone()).unwrap();
        let table = character_table(&h).unwrap();
        for l in 0..6 {
            let rep = restrict(&so3_irrep(&Arc::new(SO3), l).unwrap(), &embedding).unwrap();
            assert!(homomorphism_residual(rep.as_ref(), 10, 1).unwrap() < 1e-11);
            let chi: Vec<num_complex::Complex64> = table
                .classes
                .iter()
                .map(|c| {
                    let rotation = embedding.embed(&c.representative);
                    let theta = rotation.to_axis_angle().1;
                    let value = rep.character(&c.representative);
                    assert!((value - so3_character(l, theta)).abs() < 1e-10);
                    num_complex::Complex64::new(value, 0.0)
                })
                .collect();
            let m = table.multiplicities(&chi).unwrap();
            assert!(m.max_residual < 1e-9, "{name} l = {l}");
        }
        if name == "I" {
            let rep = restrict(&so3_irrep(&Arc::new(SO3), 2).unwrap(), &embedding).unwrap();
            let order = h.order().unwrap().to_string().parse::<f64>().unwrap();
            let norm: f64 = h
                .elements()
                .unwrap()
                .iter()
                .map(|g| rep.character(g).powi(2))
                .sum::<f64>()
                / order;
            assert!((norm - 1.0).abs() < 1e-10);
        }
    }
    // Td ⊂ O(3) but not ⊂ SO(3).
    let td = common::finite("Td");
    assert!(point_group_in_so3(td.clone()).is_err());
    let embedding = point_group_in_o3(td.clone()).unwrap();
    let rep = restrict(
        &o3_irrep(&Arc::new(O3), "1o".parse().unwrap()).unwrap(),
        &embedding,
    )
    .unwrap();
    for g in td.elements().unwrap() {
        let v = td.defining_matrix(g);
        let d = rep.matrix(g);
        let perm = [1usize, 2, 0];
        let relabelled = DMatrix::from_fn(3, 3, |a, b| v[(perm[a], perm[b])]);
        assert!((d - relabelled).amax() < 1e-12);
    }
}

/// The real Clebsch–Gordan tensor intertwines the group action:
/// `(D^{l1}(R) ⊗ D^{l2}(R)) C = C D^{l3}(R)` for random rotations.
#[test]
fn real_clebsch_gordan_intertwines_the_real_wigner_matrices() {
    let mut rng = StdRng::seed_from_u64(11);
    for (l1, l2) in [(1usize, 1usize), (2, 1), (2, 3), (4, 4), (7, 3)] {
        for l3 in l1.abs_diff(l2)..=l1 + l2 {
            let c = real_clebsch_gordan(l1, l2, l3).unwrap().matrix();
            for _ in 0..3 {
                let (a, b, g) = Rotation::random(&mut rng).to_euler_zyz();
                let d1 = wigner_d_real(l1, a, b, g).unwrap();
                let d2 = wigner_d_real(l2, a, b, g).unwrap();
                let d3 = wigner_d_real(l3, a, b, g).unwrap();
                let residual = (d1.kronecker(&d2) * &c - &c * d3).amax();
                assert!(residual < 1e-12, "({l1}, {l2}, {l3}): {residual}");
            }
        }
    }
}

/// `exp` on `so(3)` followed by `D^l` equals the matrix exponential of `dD^l`.
#[test]
fn wigner_matrices_are_exponentials_of_the_lie_algebra() {
    let so3 = Arc::new(SO3);
    for l in [1, 2, 5] {
        let rep = so3_irrep(&so3, l).unwrap();
        let x = rep.lie_algebra_matrices();
        let t = [0.4, -1.3, 0.8];
        let generator = &x[0] * t[0] + &x[1] * t[1] + &x[2] * t[2];
        let r = so3.exp(&t).unwrap();
        assert!((rep.matrix(&r) - generator.exp()).amax() < 1e-12, "l = {l}");
    }
}

/// Spherical harmonics transform by the Wigner matrices: `Y_real(Rx) = D_real(R) Y_real(x)`
/// and, in the complex basis, `Y(Rx) = D(R)* Y(x)`, up to high degree.
#[test]
fn spherical_harmonics_transform_by_the_wigner_matrices() {
    use equivariant::so3::spherical_harmonics::{Convention, Normalization, SphericalHarmonics};
    use equivariant::so3::wigner_d::wigner_d_complex;
    let lmax = 40;
    let plan = SphericalHarmonics::<f64>::new(lmax, Normalization::Integral, Convention::Standard)
        .unwrap();
    let mut rng = StdRng::seed_from_u64(21);
    for _ in 0..5 {
        let r = Rotation::random(&mut rng);
        let x = Rotation::random(&mut rng).apply([0.0, 0.0, 1.0]);
        let rx = r.apply(x);
        let y = plan.compute(&[x]).unwrap();
        let y_rot = plan.compute(&[rx]).unwrap();
        let yc = plan.compute_complex(&[x]).unwrap();
        let yc_rot = plan.compute_complex(&[rx]).unwrap();
        let (a, b, g) = r.to_euler_zyz();
        for l in 0..=lmax {
            let range = l * l..(l + 1) * (l + 1);
            let d = wigner_d_real(l, a, b, g).unwrap();
            let v = nalgebra::DVector::from_column_slice(&y[range.clone()]);
            let expected = nalgebra::DVector::from_column_slice(&y_rot[range.clone()]);
            assert!((d * v - expected).amax() < 1e-11, "real, l = {l}");
            let dc = wigner_d_complex(l, a, b, g).unwrap().conjugate();
            let vc = nalgebra::DVector::from_column_slice(&yc[range.clone()]);
            let expected = nalgebra::DVector::from_column_slice(&yc_rot[range]);
            let residual = (dc * vc - expected)
                .iter()
                .map(|z| z.norm())
                .fold(0.0, f64::max);
            assert!(residual < 1e-11, "complex, l = {l}");
        }
    }
}

/// `D_irreps(g)` of an irreps string: block-diagonal `p(g) D_real^l(R)` over the copies.
fn irreps_matrix(
    irreps: &equivariant::so3::irreps::Irreps,
    r: &Rotation,
    inversion: bool,
) -> DMatrix<f64> {
    let (a, b, g) = r.to_euler_zyz();
    let blocks: Vec<DMatrix<f64>> = irreps
        .copies()
        .map(|irrep| {
            let d = wigner_d_real(irrep.l, a, b, g).unwrap();
            if inversion && irrep.parity == Parity::Odd {
                -d
            } else {
                d
            }
        })
        .collect();
    equivariant::linalg::direct_sum(&blocks)
}

/// The fully connected tensor product and the linear layer commute with the group:
/// `TP(D1(g) x1, D2(g) x2) = D_out(g) TP(x1, x2)` for random elements of `O(3)`.
#[test]
fn tensor_product_and_linear_are_o3_equivariant() {
    use equivariant::so3::linear::Linear;
    use equivariant::so3::tensor_product::FullyConnectedTensorProduct;
    use rand::RngExt;
    let mut rng = StdRng::seed_from_u64(31);
    let in1: equivariant::so3::irreps::Irreps = "3x0e+2x1o+1x2e+1x3o".parse().unwrap();
    let in2: equivariant::so3::irreps::Irreps = "0e+1o+2e".parse().unwrap();
    let out: equivariant::so3::irreps::Irreps = "2x0e+2x1o+2x1e+1x2e+1x3o".parse().unwrap();
    let tp = FullyConnectedTensorProduct::new(&in1, &in2, &out).unwrap();
    let linear = Linear::new(&in1, &out, true).unwrap();
    let mut random = |n: usize| -> Vec<f64> { (0..n).map(|_| rng.random::<f64>() - 0.5).collect() };
    let weights = random(tp.weight_numel());
    let linear_weights = random(linear.weight_numel());
    let biases = random(linear.bias_numel());
    let x1 = random(in1.dim());
    let x2 = random(in2.dim());
    let y = nalgebra::DVector::from_vec(tp.forward(&x1, &x2, &weights, 1).unwrap());
    let z = nalgebra::DVector::from_vec(linear.forward(&x1, &linear_weights, &biases, 1).unwrap());
    let mut rng = StdRng::seed_from_u64(32);
    for _ in 0..4 {
        let g = O3.random_element(&mut rng).unwrap();
        let d1 = irreps_matrix(&in1, &g.rotation, g.inversion);
        let d2 = irreps_matrix(&in2, &g.rotation, g.inversion);
        let d_out = irreps_matrix(&out, &g.rotation, g.inversion);
        let gx1 = (&d1 * nalgebra::DVector::from_column_slice(&x1))
            .as_slice()
            .to_vec();
        let gx2 = (&d2 * nalgebra::DVector::from_column_slice(&x2))
            .as_slice()
            .to_vec();
        let gy = nalgebra::DVector::from_vec(tp.forward(&gx1, &gx2, &weights, 1).unwrap());
        assert!((gy - &d_out * &y).amax() < 1e-12);
        let gz =
            nalgebra::DVector::from_vec(linear.forward(&gx1, &linear_weights, &biases, 1).unwrap());
        assert!((gz - &d_out * &z).amax() < 1e-12);
    }
}
