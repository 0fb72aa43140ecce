//! Reduced tensor products of vectors (`1o`): e3nn's `ReducedTensorProducts` benchmark cases
//! `"ij=ji"`, `"ijk"`, `"ijkl"`, `"ijklm"` and `"ijkl=jikl=ijlk=klij"` (the elasticity-tensor
//! symmetries), each the full construction: signed orbits, restricted Lie algebra,
//! decomposition, change of basis and its residual on the whole tensor space.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::so3::irreps::Irreps;
use equivariant::so3::reduced_tensor_products::{RotationGroup, reduced_tensor_power};
use std::hint::black_box;
use std::time::Duration;

fn reduced_tensor_products(c: &mut Criterion) {
    let mut group = c.benchmark_group("reduced_tensor_products");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let vector: Irreps = "1o".parse().unwrap();
    for formula in ["ij=ji", "ijk", "ijkl", "ijklm", "ijkl=jikl=ijlk=klij"] {
        group.bench_function(format!("{formula}_1o"), |b| {
            b.iter(|| reduced_tensor_power(black_box(formula), &vector, RotationGroup::O3).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, reduced_tensor_products);
criterion_main!(benches);
