//! Group closure and conjugacy classes.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::group::{FiniteGroup, PermutationGroup, Polyhedral};
use std::hint::black_box;

fn closure(c: &mut Criterion) {
    c.bench_function("closure_icosahedral_I", |b| {
        b.iter(|| {
            let g = PermutationGroup::polyhedral(black_box(Polyhedral::I)).unwrap();
            g.elements().unwrap().len()
        })
    });
    let s7 = PermutationGroup::symmetric(7).unwrap().generators();
    c.bench_function("closure_S7_from_two_generators", |b| {
        b.iter(|| {
            let g = PermutationGroup::from_permutations("S7", black_box(s7.clone())).unwrap();
            g.elements().unwrap().len()
        })
    });
}

fn classes(c: &mut Criterion) {
    let s8 = PermutationGroup::symmetric(8).unwrap().generators();
    c.bench_function("conjugacy_classes_S8_by_orbits", |b| {
        b.iter(|| {
            let g = PermutationGroup::from_permutations("S8", black_box(s8.clone())).unwrap();
            g.conjugacy_classes().unwrap().len()
        })
    });
    c.bench_function("conjugacy_classes_S8_by_partitions", |b| {
        b.iter(|| {
            let g = PermutationGroup::symmetric(black_box(8)).unwrap();
            g.conjugacy_classes().unwrap().len()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = closure, classes
}
criterion_main!(benches);
