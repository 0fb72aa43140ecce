//! Tensor-field-network convolution: one forward pass on 1000 random points in a box with
//! about 20 neighbours each, irreps `16x0e+8x1o+4x2e` in, harmonics up to `l = 2`, 8 Bessel
//! functions; and the radius graph of the same cloud alone.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::nn::point_cloud::{RadialBasis, RadiusGraph, TfnConvolution};
use equivariant::so3::irreps::Irreps;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::hint::black_box;

const POINTS: usize = 1000;
const CUTOFF: f64 = 1.5;
/// Points per ball of radius `CUTOFF` in the bulk; the balls cut by the walls of the box
/// bring the average down to about 20.
const NEIGHBOURS: f64 = 25.0;

/// A cubic box whose density gives `NEIGHBOURS` points per ball of radius `CUTOFF`.
fn cloud(rng: &mut StdRng) -> Vec<[f64; 3]> {
    let ball = 4.0 / 3.0 * std::f64::consts::PI * CUTOFF.powi(3);
    let side = (POINTS as f64 * ball / NEIGHBOURS).cbrt();
    (0..POINTS)
        .map(|_| [0, 1, 2].map(|_| side * rng.random::<f64>()))
        .collect()
}

fn convolution(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(0);
    let irreps: Irreps = "16x0e+8x1o+4x2e".parse().unwrap();
    let radial = RadialBasis::bessel(8, CUTOFF).unwrap();
    let mut conv = TfnConvolution::new(&irreps, 2, 2, radial).unwrap();
    conv.randomize_weights(&mut rng, 1.0);
    let xs = cloud(&mut rng);
    let f: Vec<f64> = (0..POINTS * irreps.dim())
        .map(|_| rng.random::<f64>())
        .collect();
    let graph = RadiusGraph::new(&xs, CUTOFF).unwrap();
    eprintln!(
        "{} points, {:.1} neighbours on average, {} paths, output {}",
        POINTS,
        graph.edges().len() as f64 / POINTS as f64,
        conv.paths().len(),
        conv.irreps_out()
    );
    let mut group = c.benchmark_group("tfn_1000_points");
    group.bench_function("radius_graph", |b| {
        b.iter(|| RadiusGraph::new(black_box(&xs), CUTOFF).unwrap())
    });
    group.bench_function("convolution_forward", |b| {
        b.iter(|| conv.forward(black_box(&xs), black_box(&f)).unwrap())
    });
    group.bench_function("convolution_forward_prebuilt_graph", |b| {
        b.iter(|| {
            conv.forward_graph(black_box(&graph), black_box(&f))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, convolution);
criterion_main!(benches);
