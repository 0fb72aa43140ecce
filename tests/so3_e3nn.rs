//! Agreement with e3nn 0.6.0, the reference implementation of the e3nn conventions
//! (theory/conventions.md, "SO(3)"). The reference values in `tests/data/e3nn_reference.json`
//! were produced by e3nn itself with `tests/data/generate_e3nn_reference.py`.

use equivariant::group::Rotation;
use equivariant::so3::clebsch_gordan::real_clebsch_gordan;
use equivariant::so3::spherical_harmonics::{Convention, Normalization, SphericalHarmonics};
use equivariant::so3::wigner_d::{wigner_d_e3nn, wigner_d_real};
use nalgebra::{DMatrix, Matrix3};
use serde_json::Value;

fn reference() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/e3nn_reference.json"
    ))
    .expect("reference file");
    serde_json::from_str(&text).expect("valid JSON")
}

fn floats(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(items) => items.iter().flat_map(floats).collect(),
        Value::Number(n) => vec![n.as_f64().expect("number")],
        _ => panic!("unexpected JSON value {v}"),
    }
}

/// The axis relabelling `P(x, y, z) = (z, x, y)` as a rotation.
fn p_rotation() -> Rotation {
    Rotation::from_matrix(&Matrix3::new(0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0)).unwrap()
}

/// `Y_e3nn(v) = Y_std(P v)`: our harmonics with `--convention e3nn` reproduce e3nn's
/// `spherical_harmonics(…, normalize=True)` in all three normalisations to 1e-12.
#[test]
fn e3nn_convention_reproduces_e3nn_spherical_harmonics() {
    let data = reference();
    let points: Vec<[f64; 3]> = data["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let v = floats(p);
            [v[0], v[1], v[2]]
        })
        .collect();
    for (name, normalization) in [
        ("integral", Normalization::Integral),
        ("component", Normalization::Component),
        ("norm", Normalization::Norm),
    ] {
        let expected = floats(&data["sh"][name]);
        let plan = SphericalHarmonics::<f64>::new(8, normalization, Convention::E3nn).unwrap();
        let ours = plan.compute(&points).unwrap();
        assert_eq!(ours.len(), expected.len());
        let worst = ours
            .iter()
            .zip(&expected)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-12, "{name}: {worst:e}");
    }
}

/// `D_e3nn(R) = D_real(P R Pᵀ)` reproduces e3nn's `wigner_D` for the same rotation matrix.
#[test]
fn e3nn_convention_reproduces_e3nn_wigner_matrices() {
    let data = reference();
    for item in data["wigner_D"].as_array().unwrap() {
        let l = item["l"].as_u64().unwrap() as usize;
        let r = Matrix3::from_row_slice(&floats(&item["matrix"]));
        let (a, b, c) = Rotation::from_matrix(&r).unwrap().to_euler_zyz();
        let ours = wigner_d_e3nn(l, a, b, c).unwrap();
        let n = 2 * l + 1;
        let expected = DMatrix::from_row_slice(n, n, &floats(&item["D"]));
        assert!((ours - expected).amax() < 1e-12, "l = {l}");
    }
}

/// e3nn's `wigner_3j(l1, l2, l3)` is our real Clebsch–Gordan tensor in e3nn's basis,
/// `(A1 ⊗ A2) C A3ᵀ / √(2l3+1)` with `A_l = D_real^l(P)`, up to one sign per triple.
#[test]
fn e3nn_wigner_3j_is_our_real_tensor_in_e3nn_axes_up_to_sign() {
    let data = reference();
    let (a, b, c) = p_rotation().to_euler_zyz();
    for item in data["w3j"].as_array().unwrap() {
        let ls: Vec<usize> = item["l"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let (l1, l2, l3) = (ls[0], ls[1], ls[2]);
        let coupling = real_clebsch_gordan(l1, l2, l3).unwrap().matrix();
        let a1 = wigner_d_real(l1, a, b, c).unwrap();
        let a2 = wigner_d_real(l2, a, b, c).unwrap();
        let a3 = wigner_d_real(l3, a, b, c).unwrap();
        let ours = a1.kronecker(&a2) * coupling * a3.transpose() / ((2 * l3 + 1) as f64).sqrt();
        let (n12, n3) = ((2 * l1 + 1) * (2 * l2 + 1), 2 * l3 + 1);
        let expected = DMatrix::from_row_slice(n12, n3, &floats(&item["array"]));
        let sign = ours.dot(&expected).signum();
        let residual = (ours * sign - expected).amax();
        assert!(residual < 1e-12, "({l1}, {l2}, {l3}): {residual:e}");
    }
}
