//! Equivariant linear layers from `Hom_G` bases, block-typed nonlinearities and the generic
//! equivariant MLP (theory/equivariant-layers.md): equivariance for finite and compact groups,
//! a pointwise control that must fail, invariant outputs, the bias basis, the initialisation
//! variance rule and refusals of bad input.

use equivariant::Error;
use equivariant::group::{Group, O3, PermutationGroup, SO2, SO3};
use equivariant::io::build::{RepAtoms, build_rep};
use equivariant::io::expr::parse_rep;
use equivariant::nn::equivariant_mlp::{
    EquivariantLinear, EquivariantMlp, EquivariantNonlinearity, FieldBlock, HiddenLayer,
};
use equivariant::nn::point_cloud::Activation;
use equivariant::rep::{self, Rep};
use equivariant::testing::{EquivarianceOptions, assert_equivariant_with, random_vector};
use nalgebra::{DMatrix, DVector};
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::sync::Arc;

fn rep_of<G: RepAtoms>(group: &Arc<G>, expr: &str) -> Rep<G> {
    build_rep(group, &parse_rep(expr).unwrap()).unwrap()
}

/// One sample through a batch map.
fn single(
    f: impl Fn(&DMatrix<f64>) -> equivariant::Result<DMatrix<f64>>,
) -> impl Fn(&DVector<f64>) -> DVector<f64> {
    move |x: &DVector<f64>| {
        let batch = DMatrix::from_column_slice(x.len(), 1, x.as_slice());
        f(&batch).unwrap().column(0).into_owned()
    }
}

fn options(seed: u64) -> EquivarianceOptions {
    EquivarianceOptions {
        samples: 24,
        tolerance: 1e-9,
        seed,
    }
}

/// `f(ρ_V(g) x) = ρ_W(g) f(x)` to `1e-9` for random `g` (Haar for compact groups) and `x`.
fn assert_mlp_equivariant<G: Group + 'static>(mlp: &EquivariantMlp, v: &Rep<G>, w: &Rep<G>) {
    let report = assert_equivariant_with(
        single(|x| mlp.forward(x)),
        v.group().as_ref(),
        v.as_ref(),
        w.as_ref(),
        &options(11),
    )
    .unwrap();
    assert!(report.worst_residual < 1e-9);
}

/// A hidden layer of `copies` regular representations with pointwise ReLU.
fn regular_hidden(group: &Arc<PermutationGroup>, copies: usize) -> HiddenLayer<PermutationGroup> {
    let reg = rep::regular(group).unwrap();
    HiddenLayer {
        rep: rep::multiple(&reg, copies).unwrap(),
        blocks: vec![FieldBlock::Permutation { dim: reg.dim() }; copies],
        activation: Activation::Relu,
    }
}

#[test]
fn regular_mlps_of_finite_groups_are_equivariant() {
    let groups = [
        PermutationGroup::symmetric(4).unwrap(),
        PermutationGroup::dihedral(6).unwrap(),
        PermutationGroup::cyclic(8).unwrap(),
    ];
    for group in groups {
        let group = Arc::new(group);
        let v = rep::defining(&group);
        let hidden = [regular_hidden(&group, 1), regular_hidden(&group, 1)];
        let mlp = EquivariantMlp::new(&v, &hidden, &v, 3).unwrap();
        assert_mlp_equivariant(&mlp, &v, &v);
        // Not the zero map: the layers do something.
        let x = random_vector(v.dim(), &mut StdRng::seed_from_u64(1));
        assert!(
            single(|b| mlp.forward(b))(&x).norm() > 1e-6,
            "{}",
            group.name()
        );
    }
}

/// `2x0e+2x1o+1x2e` with both scalars gating the two vectors and a norm block on `2e`.
fn o3_gated_hidden(group: &Arc<O3>) -> HiddenLayer<O3> {
    HiddenLayer {
        rep: rep_of(group, "2x0e+2x1o+1x2e"),
        blocks: vec![
            FieldBlock::Scalar,
            FieldBlock::Scalar,
            FieldBlock::Gated { dim: 3, gate: 0 },
            FieldBlock::Gated { dim: 3, gate: 1 },
            FieldBlock::Norm { dim: 5 },
        ],
        activation: Activation::Silu,
    }
}

#[test]
fn o3_mlp_with_gated_and_norm_blocks_is_equivariant() {
    let group = Arc::new(O3);
    let v = rep_of(&group, "1x0e+1x1o");
    let w = rep_of(&group, "1x0e+1x1o+1x2e");
    let norm_hidden = HiddenLayer {
        rep: rep_of(&group, "1x0e+1x0o+2x1o+1x1e+1x2e"),
        blocks: vec![
            FieldBlock::Scalar,
            FieldBlock::Norm { dim: 1 },
            FieldBlock::Norm { dim: 3 },
            FieldBlock::Norm { dim: 3 },
            FieldBlock::Norm { dim: 3 },
            FieldBlock::Norm { dim: 5 },
        ],
        activation: Activation::Tanh,
    };
    let hidden = [o3_gated_hidden(&group), norm_hidden];
    let mlp = EquivariantMlp::new(&v, &hidden, &w, 5).unwrap();
    assert_mlp_equivariant(&mlp, &v, &w);
    // Non-zero norm biases too.
    let mut nonlinearities = mlp.nonlinearities().to_vec();
    nonlinearities[1] = EquivariantNonlinearity::new(
        hidden[1].rep.as_ref(),
        hidden[1].blocks.clone(),
        Activation::Relu,
        vec![-0.3, 0.2, -0.1, 0.5, -0.7],
    )
    .unwrap();
    let mlp = EquivariantMlp::from_parts(mlp.linears().to_vec(), nonlinearities).unwrap();
    assert_mlp_equivariant(&mlp, &v, &w);
}

#[test]
fn so3_mlp_with_norm_blocks_is_equivariant() {
    let group = Arc::new(SO3);
    let v = rep_of(&group, "1");
    let hidden = HiddenLayer {
        rep: rep_of(&group, "2x0+1x1+1x2"),
        blocks: vec![
            FieldBlock::Scalar,
            FieldBlock::Scalar,
            FieldBlock::Norm { dim: 3 },
            FieldBlock::Gated { dim: 5, gate: 1 },
        ],
        activation: Activation::Silu,
    };
    let mlp = EquivariantMlp::new(&v, &[hidden], &v, 9).unwrap();
    assert_mlp_equivariant(&mlp, &v, &v);
}

#[test]
fn so2_mlp_with_gated_and_norm_blocks_is_equivariant() {
    let group = Arc::new(SO2);
    let v = rep_of(&group, "1x1");
    let hidden = HiddenLayer {
        rep: rep_of(&group, "2x0+1x1+1x2+1x3"),
        blocks: vec![
            FieldBlock::Scalar,
            FieldBlock::Scalar,
            FieldBlock::Gated { dim: 2, gate: 0 },
            FieldBlock::Norm { dim: 2 },
            FieldBlock::Gated { dim: 2, gate: 1 },
        ],
        activation: Activation::Tanh,
    };
    let w = rep_of(&group, "1x0+1x1+1x2");
    let mlp = EquivariantMlp::new(&v, &[hidden], &w, 12).unwrap();
    assert_mlp_equivariant(&mlp, &v, &w);
}

#[test]
fn pointwise_relu_on_an_so3_irrep_breaks_equivariance() {
    let group = Arc::new(SO3);
    let (v, h) = (rep_of(&group, "1"), rep_of(&group, "2x1"));
    let layer = EquivariantLinear::between(v.as_ref(), h.as_ref(), 2).unwrap();
    // The control: the linear layer alone is equivariant …
    assert_equivariant_with(
        single(|x| layer.forward(x)),
        group.as_ref(),
        v.as_ref(),
        h.as_ref(),
        &options(4),
    )
    .unwrap();
    // … pointwise ReLU after it is not (a rotation does not commute with max(·, 0)) …
    let relu = |x: &DMatrix<f64>| layer.forward(x).map(|y| y.map(|t| t.max(0.0)));
    let broken = assert_equivariant_with(
        single(relu),
        group.as_ref(),
        v.as_ref(),
        h.as_ref(),
        &options(4),
    );
    assert!(matches!(broken, Err(Error::Numerical(_))), "{broken:?}");
    // … and the field type that would claim it is refused.
    let refused = EquivariantNonlinearity::new(
        h.as_ref(),
        vec![FieldBlock::Permutation { dim: 6 }],
        Activation::Relu,
        vec![],
    );
    assert!(
        matches!(&refused, Err(Error::InvalidInput(m)) if m.contains("not 0")),
        "{refused:?}"
    );
}

#[test]
fn invariant_output_is_unchanged_by_the_group() {
    let o3 = Arc::new(O3);
    let (v, triv) = (rep_of(&o3, "2x0e+1x1o+1x2e"), rep::trivial(&o3));
    let mlp = EquivariantMlp::new(&v, &[o3_gated_hidden(&o3)], &triv, 8).unwrap();
    assert_mlp_equivariant(&mlp, &v, &triv);
    // Not constant: the output depends on the scalar part of the input.
    let (x0, x1) = (DMatrix::zeros(10, 1), DMatrix::from_element(10, 1, 1.0));
    assert!((mlp.forward(&x0).unwrap() - mlp.forward(&x1).unwrap()).amax() > 1e-6);
    let s4 = Arc::new(PermutationGroup::symmetric(4).unwrap());
    let (v, triv) = (rep::defining(&s4), rep::trivial(&s4));
    let mlp = EquivariantMlp::new(&v, &[regular_hidden(&s4, 2)], &triv, 8).unwrap();
    assert_mlp_equivariant(&mlp, &v, &triv);
    // Directly: f(g x) = f(x) on a few elements.
    let mut rng = StdRng::seed_from_u64(3);
    let x = DMatrix::from_column_slice(4, 1, random_vector(4, &mut rng).as_slice());
    let fx = mlp.forward(&x).unwrap();
    for _ in 0..8 {
        let g = s4.random_element(&mut rng).unwrap();
        let fgx = mlp.forward(&(v.matrix(&g) * &x)).unwrap();
        assert!((fgx - &fx).amax() < 1e-12);
    }
}

#[test]
fn bias_basis_dimension_is_the_number_of_trivial_summands() {
    let o3 = Arc::new(O3);
    for (expr, trivial) in [("3x0e+2x1o+1x0o+2x2e", 3), ("1x0o+1x1e", 0), ("1x0e", 1)] {
        let w = rep_of(&o3, expr);
        let layer = EquivariantLinear::between(rep::trivial(&o3).as_ref(), w.as_ref(), 0).unwrap();
        assert_eq!(layer.bias_basis().len(), trivial, "{expr}");
        for u in layer.bias_basis() {
            let g = o3.random_element(&mut StdRng::seed_from_u64(5)).unwrap();
            assert!((w.matrix(&g) * u - u).amax() < 1e-10);
        }
    }
    let s4 = Arc::new(PermutationGroup::symmetric(4).unwrap());
    let v = rep::defining(&s4);
    for (w, trivial) in [
        (rep::regular(&s4).unwrap(), 1),
        (rep::multiple(&rep::regular(&s4).unwrap(), 2).unwrap(), 2),
        (rep::sign(&s4).unwrap(), 0),
        (rep::tensor(&v, &v).unwrap(), 2),
    ] {
        let layer = EquivariantLinear::between(v.as_ref(), w.as_ref(), 0).unwrap();
        assert_eq!(layer.bias_basis().len(), trivial, "{}", w.description());
    }
}

/// `mean ‖A x‖² / dim W` over `mean ‖x‖² / dim V` for `draws` independent layers and inputs.
fn mean_square_ratio(layer: &EquivariantLinear, gain: f64, draws: u64) -> f64 {
    let (dim_in, dim_out) = layer.dims();
    let mut rng = StdRng::seed_from_u64(99);
    let (mut out, mut inp) = (0.0, 0.0);
    for seed in 0..draws {
        let drawn = EquivariantLinear::random(
            layer.dims(),
            layer.basis().to_vec(),
            layer.bias_basis().to_vec(),
            gain,
            seed,
        )
        .unwrap();
        let x = random_vector(dim_in, &mut rng);
        out += (drawn.matrix() * &x).norm_squared() / dim_out as f64;
        inp += x.norm_squared() / dim_in as f64;
    }
    out / inp
}

#[test]
fn init_variance_rule_preserves_the_mean_square_times_the_gain() {
    let o3 = Arc::new(O3);
    let s4 = Arc::new(PermutationGroup::symmetric(4).unwrap());
    let layers = [
        EquivariantLinear::between(
            rep_of(&o3, "2x0e+2x1o+1x2e").as_ref(),
            rep_of(&o3, "3x0e+1x1o+2x2e").as_ref(),
            0,
        )
        .unwrap(),
        EquivariantLinear::between(
            rep::defining(&s4).as_ref(),
            rep::regular(&s4).unwrap().as_ref(),
            0,
        )
        .unwrap(),
    ];
    for layer in &layers {
        for gain in [1.0, 2.0] {
            let ratio = mean_square_ratio(layer, gain, 4000);
            assert!(
                (ratio / gain - 1.0).abs() < 0.06,
                "ratio {ratio}, gain {gain}"
            );
        }
        // The rule is not vacuous: the unscaled N(0, 1) weights miss it.
        let unscaled = EquivariantLinear::new(
            layer.dims(),
            layer.basis().to_vec(),
            layer.bias_basis().to_vec(),
            DVector::from_element(layer.basis().len(), 1.0),
            DVector::zeros(layer.bias_basis().len()),
        )
        .unwrap();
        let total: f64 = unscaled.basis().iter().map(|b| b.norm_squared()).sum();
        assert!((total / layer.dims().1 as f64 - 1.0).abs() > 0.1);
    }
}

#[test]
fn norm_nonlinearity_is_safe_at_zero() {
    let so3 = Arc::new(SO3);
    let h = rep_of(&so3, "1");
    let n = EquivariantNonlinearity::new(
        h.as_ref(),
        vec![FieldBlock::Norm { dim: 3 }],
        Activation::Silu,
        vec![0.5],
    )
    .unwrap();
    let x = DMatrix::from_column_slice(3, 3, &[0.0, 0.0, 0.0, 1e-310, 0.0, 0.0, 3.0, 0.0, 4.0]);
    let y = n.forward(&x).unwrap();
    assert!(y.iter().all(|v| v.is_finite()));
    assert_eq!(y.column(0).amax(), 0.0);
    // σ(‖x‖ + b) x/‖x‖ with ‖x‖ = 5: silu(5.5) · (0.6, 0, 0.8).
    let silu = 5.5 / (1.0 + (-5.5f64).exp());
    assert!((y[(0, 2)] - 0.6 * silu).abs() < 1e-12 && (y[(2, 2)] - 0.8 * silu).abs() < 1e-12);
}

#[test]
fn bad_shapes_and_field_types_are_refused() {
    let invalid = |r: equivariant::Result<_>, needle: &str| match r {
        Err(Error::InvalidInput(m)) => assert!(m.contains(needle), "{m} lacks {needle}"),
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("accepted; expected an error with {needle}"),
    };
    let b = DMatrix::<f64>::identity(2, 3);
    let w = DVector::from_element(1, 1.0);
    let none = DVector::<f64>::zeros(0);
    invalid(
        EquivariantLinear::new((2, 2), vec![b.clone()], vec![], w.clone(), none.clone())
            .map(|_| ()),
        "basis element 0 must be 2×2",
    );
    invalid(
        EquivariantLinear::new(
            (3, 2),
            vec![b.clone()],
            vec![],
            DVector::zeros(2),
            none.clone(),
        )
        .map(|_| ()),
        "got 2 weights",
    );
    invalid(
        EquivariantLinear::new(
            (3, 2),
            vec![b.clone()],
            vec![DVector::zeros(3)],
            w.clone(),
            w.clone(),
        )
        .map(|_| ()),
        "invariant vector 0 has 3 entries",
    );
    invalid(
        EquivariantLinear::new(
            (3, 2),
            vec![b.clone()],
            vec![],
            DVector::from_element(1, f64::NAN),
            none.clone(),
        )
        .map(|_| ()),
        "finite",
    );
    invalid(
        EquivariantLinear::random((3, 2), vec![b.clone()], vec![], -1.0, 0).map(|_| ()),
        "gain",
    );
    let layer = EquivariantLinear::new((3, 2), vec![b], vec![], w, none).unwrap();
    invalid(
        layer.forward(&DMatrix::zeros(2, 5)).map(|_| ()),
        "must be 3×5",
    );

    let o3 = Arc::new(O3);
    let h = rep_of(&o3, "1x0e+1x1o");
    let n = |blocks: Vec<FieldBlock>, biases: Vec<f64>| {
        EquivariantNonlinearity::new(h.as_ref(), blocks, Activation::Relu, biases).map(|_| ())
    };
    invalid(
        n(
            vec![FieldBlock::Scalar, FieldBlock::Norm { dim: 2 }],
            vec![0.0],
        ),
        "cover 3",
    );
    invalid(
        n(
            vec![FieldBlock::Scalar, FieldBlock::Norm { dim: 3 }],
            vec![],
        ),
        "1 norm blocks, got 0",
    );
    invalid(
        n(
            vec![FieldBlock::Scalar, FieldBlock::Gated { dim: 3, gate: 2 }],
            vec![],
        ),
        "not a scalar block",
    );
    invalid(
        n(
            vec![FieldBlock::Norm { dim: 2 }, FieldBlock::Norm { dim: 2 }],
            vec![0.0, 0.0],
        ),
        "mixes field blocks",
    );
    invalid(
        n(
            vec![FieldBlock::Scalar, FieldBlock::Permutation { dim: 3 }],
            vec![],
        ),
        "not a permutation matrix",
    );
    invalid(
        n(
            vec![
                FieldBlock::Permutation { dim: 0 },
                FieldBlock::Scalar,
                FieldBlock::Norm { dim: 3 },
            ],
            vec![0.0],
        ),
        "empty",
    );
    // A pseudoscalar is not a scalar: the inversion acts on it by −1.
    let p = rep_of(&o3, "1x0o");
    invalid(
        EquivariantNonlinearity::new(
            p.as_ref(),
            vec![FieldBlock::Scalar],
            Activation::Relu,
            vec![],
        )
        .map(|_| ()),
        "is not 1",
    );
    let ok = EquivariantNonlinearity::new(
        h.as_ref(),
        vec![FieldBlock::Scalar, FieldBlock::Norm { dim: 3 }],
        Activation::Relu,
        vec![0.0],
    )
    .unwrap();
    invalid(ok.forward(&DMatrix::zeros(2, 1)).map(|_| ()), "must be 4×1");

    // MLP: a hidden field type that does not fit, and layers that do not chain.
    let bad = HiddenLayer {
        rep: h.clone(),
        blocks: vec![FieldBlock::Permutation { dim: 4 }],
        activation: Activation::Relu,
    };
    invalid(
        EquivariantMlp::new(&h, &[bad], &h, 0).map(|_| ()),
        "hidden layer 0",
    );
    let l = EquivariantLinear::between(h.as_ref(), h.as_ref(), 0).unwrap();
    invalid(
        EquivariantMlp::from_parts(vec![l.clone()], vec![ok.clone()]).map(|_| ()),
        "needs 2 linear layers",
    );
    let l3 = EquivariantLinear::between(h.as_ref(), rep_of(&o3, "1x1o").as_ref(), 0).unwrap();
    invalid(
        EquivariantMlp::from_parts(vec![l3, l], vec![ok]).map(|_| ()),
        "hidden layer 0 has dimension 4",
    );
}
