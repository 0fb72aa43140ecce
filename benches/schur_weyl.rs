//! Schur–Weyl on tensor powers: the isotypic projector `P_λ` on `(R^3)^{⊗6}` (729-dimensional,
//! a sum over the 720 elements of `S_6`) and `(R^4)^{⊗5}` (1024-dimensional), the orthonormal
//! basis of `Sym^6 R^3` from it, and the exact orbit construction of the index-symmetry
//! subspace `"ijklm=jiklm=jkilm"` on `(R^4)^{⊗5}`.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::symmetric::Partition;
use equivariant::symmetric::schur_weyl::{isotypic_projector, symmetric_part, symmetry_subspace};
use std::hint::black_box;
use std::time::Duration;

fn schur_weyl(c: &mut Criterion) {
    let mut group = c.benchmark_group("schur_weyl");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let l321: Partition = "[3,2,1]".parse().unwrap();
    let l32: Partition = "[3,2]".parse().unwrap();
    let l6: Partition = "[6]".parse().unwrap();
    group.bench_function("projector_d3_k6_[3,2,1]", |b| {
        b.iter(|| isotypic_projector(black_box(3), &l321).unwrap())
    });
    group.bench_function("projector_d4_k5_[3,2]", |b| {
        b.iter(|| isotypic_projector(black_box(4), &l32).unwrap())
    });
    group.bench_function("symmetric_part_d3_k6_[6]", |b| {
        b.iter(|| symmetric_part(black_box(3), &l6).unwrap())
    });
    group.bench_function("symmetry_subspace_d4_k5", |b| {
        b.iter(|| symmetry_subspace(black_box(4), "ijklm=jiklm=jkilm").unwrap())
    });
    group.finish();
}

criterion_group!(benches, schur_weyl);
criterion_main!(benches);
