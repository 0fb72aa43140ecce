//! Matrices of constructed representations.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::group::{FiniteGroup, PermutationGroup};
use equivariant::rep;
use std::hint::black_box;
use std::sync::Arc;

fn powers(c: &mut Criterion) {
    let group = Arc::new(PermutationGroup::symmetric(8).unwrap());
    let v = rep::defining(&group);
    let g = group.conjugacy_classes().unwrap()[10]
        .representative
        .clone();
    let sym3 = rep::sym(&v, 3).unwrap();
    let alt3 = rep::alt(&v, 3).unwrap();
    let v3 = rep::tensor_power(&v, 3).unwrap();
    c.bench_function("sym3_of_V_S8_matrix", |b| {
        b.iter(|| sym3.matrix(black_box(&g)))
    });
    c.bench_function("alt3_of_V_S8_matrix", |b| {
        b.iter(|| alt3.matrix(black_box(&g)))
    });
    c.bench_function("V_tensor_3_S8_matrix", |b| {
        b.iter(|| v3.matrix(black_box(&g)))
    });
    let a5 = Arc::new(PermutationGroup::alternating(5).unwrap());
    let reg = rep::regular(&a5).unwrap();
    let x = a5.elements().unwrap()[17].clone();
    c.bench_function("regular_A5_matrix", |b| {
        b.iter(|| reg.matrix(black_box(&x)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = powers
}
criterion_main!(benches);
