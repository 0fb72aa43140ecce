//! Equivariant linear layers and MLPs, batch 1024 (one sample per column):
//!
//! * `S5`: the linear layer `reg → reg` (dimension 120, `|Hom| = 120`) and the MLP
//!   `V → reg → reg → V` with pointwise ReLU (`Hom(reg, reg)` by the orbit route);
//! * `O(3)`: the linear layer on `8x0e+4x1o+2x2e` (dimension 30) and the MLP
//!   `1x0e+1x1o → H → H → 1x0e+1x1o`, `H = 8x0e+4x1o+2x2e` with six scalars gating the six
//!   non-scalar copies.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::group::{O3, PermutationGroup};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::nn::equivariant_mlp::{
    EquivariantLinear, EquivariantMlp, FieldBlock, HiddenLayer,
};
use equivariant::nn::point_cloud::Activation;
use equivariant::rep;
use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::hint::black_box;
use std::sync::Arc;

const BATCH: usize = 1024;

fn batch(dim: usize) -> DMatrix<f64> {
    let mut rng = StdRng::seed_from_u64(0);
    DMatrix::from_fn(dim, BATCH, |_, _| rng.random::<f64>() - 0.5)
}

fn s5(c: &mut Criterion) {
    let group = Arc::new(PermutationGroup::symmetric(5).unwrap());
    let (v, reg) = (rep::defining(&group), rep::regular(&group).unwrap());
    // Hom(reg, reg) by the orbit route: the 120 orbits of S5 on S5 × S5.
    let middle = EquivariantLinear::between(reg.as_ref(), reg.as_ref(), 1).unwrap();
    let hidden = || HiddenLayer {
        rep: reg.clone(),
        blocks: vec![FieldBlock::Permutation { dim: 120 }],
        activation: Activation::Relu,
    };
    let mlp = EquivariantMlp::new(&v, &[hidden(), hidden()], &v, 0).unwrap();
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
