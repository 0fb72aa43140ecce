//! The set-partition (orbit) basis of `S_n`-equivariant maps `T(2) → T(2)` (15 elements for
//! `n ≥ 4`):
//!
//! * `setpart_sparse/n{8,12,20,100}` — the basis (enumeration) and all 15 elements as CSR
//!   matrices (`n^4` non-zeros in all), one at a time; EMLP needs 7.2 s / 37 s / > 150 s for
//!   its (dense) `T(2) → T(2)` basis at `n = 8 / 12 / 20` (figures quoted in
//!   `theory/set-partitions.md`).
//! * `setpart_new/n{8,12,20,100,1000}` — the basis as operators (no matrix).
//! * `setpart_weighted/n{100,1000}` — one equivariant layer `Σ_π w_π B_π x` on an `n²` tensor
//!   through the diagram operators; `setpart_weighted/apply_singletons_n{100,1000}` — the element
//!   `B_{{1}{2}{3}{4}}` (all indices distinct, 15 contractions).

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::symmetric::set_partitions::SetPartitionBasis;
use std::hint::black_box;
use std::time::Duration;

fn sparse(c: &mut Criterion) {
    let mut group = c.benchmark_group("setpart_sparse");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for n in [8, 12, 20, 100] {
        group.bench_function(format!("n{n}"), |b| {
            b.iter(|| {
                let basis = SetPartitionBasis::new(black_box(n), 2, 2).unwrap();
                (0..basis.len())
                    .map(|i| basis.sparse(i).unwrap().nnz())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn operators(c: &mut Criterion) {
    let mut group = c.benchmark_group("setpart_new");
    for n in [8, 12, 20, 100, 1000] {
        group.bench_function(format!("n{n}"), |b| {
            b.iter(|| SetPartitionBasis::new(black_box(n), 2, 2).unwrap().len())
        });
    }
    group.finish();
}

fn layers(c: &mut Criterion) {
    let mut group = c.benchmark_group("setpart_weighted");
    group.sample_size(10);
    for n in [100, 1000] {
        let basis = SetPartitionBasis::new(n, 2, 2).unwrap();
        let x: Vec<f64> = (0..n * n).map(|i| (i % 17) as f64 - 8.0).collect();
        let w: Vec<f64> = (0..basis.len()).map(|i| 0.1 * i as f64 - 0.7).collect();
        group.bench_function(format!("n{n}"), |b| {
            b.iter(|| basis.apply_weighted(black_box(&w), black_box(&x)).unwrap())
        });
        let singletons = basis.index_of(&"{1}{2}{3}{4}".parse().unwrap()).unwrap();
        group.bench_function(format!("apply_singletons_n{n}"), |b| {
            b.iter(|| basis.apply(singletons, black_box(&x)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, sparse, operators, layers);
criterion_main!(benches);
