//! Deep Sets and graph layers: the equivariant Deep Sets layer (sum pooling, ReLU) on a batch
//! of 1000 sets of 100 elements × 64 channels (64 → 64), and one 2 → 2 graph layer on
//! `n = 200` nodes with 8 → 8 channels.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::nn::deep_sets::{DeepSetsLayer, Pooling};
use equivariant::nn::graph::GraphLayer;
use equivariant::nn::point_cloud::Activation;
use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::hint::black_box;

fn random_matrix(rows: usize, cols: usize, rng: &mut StdRng) -> DMatrix<f64> {
    DMatrix::from_fn(rows, cols, |_, _| rng.random::<f64>() - 0.5)
}

fn deep_sets(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(0);
    let sets: Vec<_> = (0..1000)
        .map(|_| random_matrix(100, 64, &mut rng))
        .collect();
    let mut group = c.benchmark_group("deep_sets_1000x100x64");
    group.sample_size(10);
    for pooling in [Pooling::Sum, Pooling::Max] {
        let layer = DeepSetsLayer::random(64, 64, pooling, Some(Activation::Relu), 1);
        group.bench_function(format!("{pooling:?}"), |b| {
            b.iter(|| layer.forward_batch(black_box(&sets)).unwrap())
        });
    }
    group.finish();
}

fn graph_layer(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(0);
    let n = 200;
    let x = random_matrix(n * n, 8, &mut rng);
    let layer = GraphLayer::random(2, 2, 8, 8, Some(Activation::Relu), 1).unwrap();
    let mut group = c.benchmark_group("graph_2_to_2_n200_8x8");
    group.bench_function("forward", |b| {
        b.iter(|| layer.forward(n, black_box(&x)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, deep_sets, graph_layer);
criterion_main!(benches);
