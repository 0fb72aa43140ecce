//! The definitions of `theory/equivariance.md`, checked with the public harness: the Deep Sets
//! layers are equivariant, compositions of equivariant maps are equivariant, invariant maps
//! are equivariant to the trivial representation, and a map that is not equivariant is caught.

mod common;

use common::finite;
use equivariant::Error;
use equivariant::group::SO2;
use equivariant::rep::{self, Rep};
use equivariant::testing::{EquivarianceOptions, assert_equivariant, assert_equivariant_with};
use nalgebra::{DMatrix, DVector};
use quickcheck::{QuickCheck, TestResult};
use std::sync::Arc;

/// `x ↦ λx + γ(1ᵀx)1` (Zaheer et al., Deep Sets) on `R^n` with `S_n` permuting coordinates.
fn deep_sets(lambda: f64, gamma: f64) -> impl Fn(&DVector<f64>) -> DVector<f64> {
    move |x: &DVector<f64>| x * lambda + DVector::from_element(x.len(), gamma * x.sum())
}

/// `x ↦ λx + γ max(x) 1`, the max-pooling variant.
fn deep_sets_max(lambda: f64, gamma: f64) -> impl Fn(&DVector<f64>) -> DVector<f64> {
    move |x: &DVector<f64>| x * lambda + DVector::from_element(x.len(), gamma * x.max())
}

#[test]
fn deep_sets_layers_are_permutation_equivariant() {
    fn prop(n: u8, lambda: i8, gamma: i8) -> TestResult {
        let n = 1 + n as usize % 7;
        let group = finite(&format!("S{n}"));
        let v = rep::defining(&group);
        let (l, g) = (lambda as f64 / 10.0, gamma as f64 / 10.0);
        let sum_ok = assert_equivariant(deep_sets(l, g), group.as_ref(), &v, &v).is_ok();
        let max_ok = assert_equivariant(deep_sets_max(l, g), group.as_ref(), &v, &v).is_ok();
        TestResult::from_bool(sum_ok && max_ok)
    }
    QuickCheck::new()
        .tests(50)
        .quickcheck(prop as fn(u8, i8, i8) -> TestResult);
}

/// `ρ(Σ φ(x_i))` is invariant: equivariant into the trivial representation.
#[test]
fn sum_pooling_is_invariant() {
    let group = finite("S6");
    let v = rep::defining(&group);
    let triv = rep::trivial(&group);
    let invariant = |x: &DVector<f64>| DVector::from_element(1, x.map(|t| t.tanh()).sum().powi(2));
    assert_equivariant(invariant, group.as_ref(), &v, &triv).unwrap();
}

/// If `f: U → V` and `h: V → W` are equivariant, so is `h ∘ f`.
#[test]
fn composition_of_equivariant_maps_is_equivariant() {
    let group = finite("S5");
    let v = rep::defining(&group);
    let f = deep_sets(0.7, -0.3);
    let h = |x: &DVector<f64>| x.map(|t| t.max(0.0)); // pointwise ReLU commutes with permutations
    let composed = |x: &DVector<f64>| h(&f(x));
    assert_equivariant(&f, group.as_ref(), &v, &v).unwrap();
    assert_equivariant(h, group.as_ref(), &v, &v).unwrap();
    assert_equivariant(composed, group.as_ref(), &v, &v).unwrap();
}

/// A map that breaks the symmetry is reported with its residual.
#[test]
fn non_equivariant_maps_are_caught() {
    let group = finite("S4");
    let v = rep::defining(&group);
    let weighted = |x: &DVector<f64>| DVector::from_fn(x.len(), |i, _| x[i] * (i + 1) as f64);
    match assert_equivariant(weighted, group.as_ref(), &v, &v) {
        Err(Error::Numerical(message)) => assert!(message.contains("residual")),
        other => panic!("expected a residual error, got {other:?}"),
    }
}

/// Rotating the plane commutes with `SO(2)` only through `V`'s commutant: the rotation by
/// 90° (J) is equivariant on `V`; the reflection diag(1, −1) is not.
#[test]
fn so2_commutant_of_v() {
    let group = Arc::new(SO2);
    let v: Rep<SO2> = rep::defining(&group);
    let j = DMatrix::from_row_slice(2, 2, &[0.0, -1.0, 1.0, 0.0]);
    let s = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, -1.0]);
    let options = EquivarianceOptions {
        samples: 64,
        ..Default::default()
    };
    assert!(
        assert_equivariant_with(
            |x: &DVector<f64>| &j * x,
            group.as_ref(),
            v.as_ref(),
            v.as_ref(),
            &options
        )
        .is_ok()
    );
    assert!(
        assert_equivariant_with(
            |x: &DVector<f64>| &s * x,
            group.as_ref(),
            v.as_ref(),
            v.as_ref(),
            &options
        )
        .is_err()
    );
}
