//! Wigner D matrices: one complex and one real `D^l` for one rotation at `l = 10, 50, 100,
//! 200` (free functions and a reused `WignerPlan`), and all `l ≤ 100` at once.
//! Peer figure (complex `D^l`, `spherical`/numba, one thread): 12 µs / 206 µs / 1.15 ms /
//! 6.9 ms at `l = 10 / 50 / 100 / 200`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use equivariant::so3::wigner_d::{
    WignerPlan, wigner_d_complex, wigner_d_complex_all, wigner_d_real, wigner_d_real_all,
};
use std::hint::black_box;

const ANGLES: (f64, f64, f64) = (0.3, 1.1, -2.0);
const DEGREES: [usize; 4] = [10, 50, 100, 200];

fn one_degree(c: &mut Criterion) {
    let (alpha, beta, gamma) = ANGLES;
    let mut group = c.benchmark_group("wigner_d_one_l");
    for l in DEGREES {
        group.bench_with_input(BenchmarkId::new("complex", l), &l, |b, &l| {
            b.iter(|| wigner_d_complex(black_box(l), alpha, black_box(beta), gamma).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("real", l), &l, |b, &l| {
            b.iter(|| wigner_d_real(black_box(l), alpha, black_box(beta), gamma).unwrap())
        });
        let plan = WignerPlan::new(l).unwrap();
        group.bench_with_input(BenchmarkId::new("real_planned", l), &l, |b, &l| {
            b.iter(|| {
                plan.real(black_box(l), alpha, black_box(beta), gamma)
                    .unwrap()
            })
        });
    }
    group.finish();
}

fn all_degrees(c: &mut Criterion) {
    let (alpha, beta, gamma) = ANGLES;
    let mut group = c.benchmark_group("wigner_d_all_l_up_to_100");
    group.bench_function("complex", |b| {
        b.iter(|| wigner_d_complex_all(100, alpha, black_box(beta), gamma).unwrap())
    });
    group.bench_function("real", |b| {
        b.iter(|| wigner_d_real_all(100, alpha, black_box(beta), gamma).unwrap())
    });
    group.finish();
}

criterion_group!(benches, one_degree, all_degrees);
criterion_main!(benches);
