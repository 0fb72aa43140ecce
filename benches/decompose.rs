//! Decomposition of representations of finite groups.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::character::{character_of, character_table};
use equivariant::decompose::isotypic_decomposition;
use equivariant::group::PermutationGroup;
use equivariant::rep;
use std::hint::black_box;
use std::sync::Arc;

fn regular_s5(c: &mut Criterion) {
    let group = Arc::new(PermutationGroup::symmetric(5).unwrap());
    let table = character_table(&group).unwrap();
    let reg = rep::regular(&group).unwrap();
    c.bench_function("multiplicities_regular_S5", |b| {
        b.iter(|| {
            let chi = character_of(&table, black_box(reg.as_ref())).unwrap();
            table.multiplicities(&chi).unwrap()
        })
    });
    c.bench_function("isotypic_decomposition_regular_S5", |b| {
        b.iter(|| isotypic_decomposition(&table, black_box(reg.as_ref())).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = regular_s5
}
criterion_main!(benches);
