//! Equivariant linear layers and MLPs, batch 1024 (one sample per column):
//!
//! * `S5`: the linear layer `reg → reg` (dimension 120, `|Hom| = 120`) and the MLP
//!   `V → reg → reg → V` with pointwise ReLU. The nullspace route refuses `Hom(reg, reg)` of
//!   `S5` (14400 unknowns), so that layer uses the classical basis of the commutant of the
//!   left regular representation, right multiplications `R_h e_g = e_{g h}`;
//! * `O(3)`: the linear layer on `8x0e+4x1o+2x2e` (dimension 30) and the MLP
//!   `1x0e+1x1o → H → H → 1x0e+1x1o`, `H = 8x0e+4x1o+2x2e` with six scalars gating the six
//!   non-scalar copies.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::group::{FiniteGroup, Group, O3, PermutationGroup};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::nn::equivariant_mlp::{
    EquivariantLinear, EquivariantMlp, EquivariantNonlinearity, FieldBlock, HiddenLayer,
};
use equivariant::nn::point_cloud::Activation;
use equivariant::rep;
use nalgebra::{DMatrix, DVector};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::hint::black_box;
use std::sync::Arc;

const BATCH: usize = 1024;

fn batch(dim: usize) -> DMatrix<f64> {
    let mut rng = StdRng::seed_from_u64(0);
    DMatrix::from_fn(dim, BATCH, |_, _| rng.random::<f64>() - 0.5)
}

/// `reg → reg` for `S5` on the right-multiplication basis `R_h e_g = e_{g h}`.
fn s5_regular_layer(group: &PermutationGroup) -> EquivariantLinear {
    let elements = group.elements().unwrap();
    let n = elements.len();
    let basis: Vec<DMatrix<f64>> = elements
        .iter()
        .map(|h| {
            let mut b = DMatrix::zeros(n, n);
            for (i, g) in elements.iter().enumerate() {
                let j = group.index_of(&group.multiply(g, h)).unwrap().unwrap();
                b[(j, i)] = 1.0;
            }
            b
        })
        .collect();
    let invariant = vec![DVector::from_element(n, 1.0)];
    EquivariantLinear::random((n, n), basis, invariant, 2.0, 1).unwrap()
}

fn s5(c: &mut Criterion) {
    let group = Arc::new(PermutationGroup::symmetric(5).unwrap());
    let (v, reg) = (rep::defining(&group), rep::regular(&group).unwrap());
    let middle = s5_regular_layer(&group);
    let relu = EquivariantNonlinearity::new(
        reg.as_ref(),
        vec![FieldBlock::Permutation { dim: 120 }],
        Activation::Relu,
        vec![],
    )
    .unwrap();
    let mlp = EquivariantMlp::from_parts(
        vec![
            EquivariantLinear::between(v.as_ref(), reg.as_ref(), 0).unwrap(),
            middle.clone(),
            EquivariantLinear::between(reg.as_ref(), v.as_ref(), 2).unwrap(),
        ],
        vec![relu.clone(), relu],
    )
    .unwrap();
    let (x_reg, x_v) = (batch(120), batch(5));
    c.bench_function("S5 linear reg→reg, batch 1024", |b| {
        b.iter(|| black_box(middle.forward(black_box(&x_reg)).unwrap()))
    });
    c.bench_function("S5 MLP V→reg→reg→V, batch 1024", |b| {
        b.iter(|| black_box(mlp.forward(black_box(&x_v)).unwrap()))
    });
}

fn o3(c: &mut Criterion) {
    let group = Arc::new(O3);
    let irreps = |s: &str| build_rep(&group, &parse_rep(s).unwrap()).unwrap();
    let (v, h) = (irreps("1x0e+1x1o"), irreps("8x0e+4x1o+2x2e"));
    let mut blocks = vec![FieldBlock::Scalar; 8];
    blocks.extend((0..4).map(|k| FieldBlock::Gated { dim: 3, gate: k }));
    blocks.extend((4..6).map(|k| FieldBlock::Gated { dim: 5, gate: k }));
    let hidden = HiddenLayer {
        rep: h.clone(),
        blocks,
        activation: Activation::Silu,
    };
    let linear = EquivariantLinear::between(h.as_ref(), h.as_ref(), 0).unwrap();
    let mlp = EquivariantMlp::new(&v, &[hidden.clone(), hidden], &v, 0).unwrap();
    let (x_h, x_v) = (batch(h.dim()), batch(v.dim()));
    c.bench_function("O3 linear 8x0e+4x1o+2x2e, batch 1024", |b| {
        b.iter(|| black_box(linear.forward(black_box(&x_h)).unwrap()))
    });
    c.bench_function(
        "O3 MLP 1x0e+1x1o→H→H→1x0e+1x1o gated, batch 1024",
        |b| b.iter(|| black_box(mlp.forward(black_box(&x_v)).unwrap())),
    );
    eprintln!(
        "O3 hidden layer: dim {}, |Hom(H, H)| = {}, {} invariant vectors",
        h.dim(),
        linear.basis().len(),
        linear.bias_basis().len()
    );
}

criterion_group!(benches, s5, o3);
criterion_main!(benches);
