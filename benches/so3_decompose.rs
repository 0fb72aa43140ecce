//! Decomposition of representations of SO(3) from their Lie-algebra matrices.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::linalg::kron_sum;
use equivariant::so3::decompose::{decompose_so3, real_irrep_generators_sum};
use nalgebra::DMatrix;
use std::hint::black_box;

/// The Lie-algebra matrices of `(⊕ ls)^{⊗k}`.
fn tensor_power(ls: &[usize], k: usize) -> Vec<DMatrix<f64>> {
    let base = real_irrep_generators_sum(ls).unwrap();
    (1..k).fold(base.clone(), |acc, _| {
        acc.iter()
            .zip(&base)
            .map(|(a, b)| kron_sum(a, b).unwrap())
            .collect()
    })
}

/// A fixed well-conditioned non-orthogonal matrix `I + 0.3 sin(…)/√d`.
fn skew(d: usize) -> DMatrix<f64> {
    let scale = 0.3 / (d as f64).sqrt();
    DMatrix::identity(d, d)
        + DMatrix::from_fn(d, d, |i, j| ((7 * i + 3 * j + 1) as f64).sin() * scale)
}

fn vector_fourth_power(c: &mut Criterion) {
    let x = tensor_power(&[1], 4);
    c.bench_function("so3_decompose_V^4_d81", |b| {
        b.iter(|| decompose_so3(black_box(&x), None).unwrap())
    });
    let parity = DMatrix::identity(81, 81);
    c.bench_function("o3_decompose_1o^4_d81", |b| {
        b.iter(|| decompose_so3(black_box(&x), Some(&parity)).unwrap())
    });
    let t = skew(81);
    let t_inv = t.clone().try_inverse().unwrap();
    let conjugated: Vec<DMatrix<f64>> = x.iter().map(|m| &t * m * &t_inv).collect();
    c.bench_function("so3_decompose_V^4_nonorthogonal_d81", |b| {
        b.iter(|| decompose_so3(black_box(&conjugated), None).unwrap())
    });
}

fn large_power(c: &mut Criterion) {
    let x = tensor_power(&[1, 2], 3);
    c.bench_function("so3_decompose_(1+2)^3_d512", |b| {
        b.iter(|| decompose_so3(black_box(&x), None).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = vector_fourth_power, large_power
}
criterion_main!(benches);
