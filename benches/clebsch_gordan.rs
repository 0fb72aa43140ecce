//! Clebsch–Gordan benchmarks.
//!
//! * `cg_table_L{10,20}[_1thread]`: the DESIGN's `bench cg --lmax L` workload, every
//!   `⟨l1 m1 l2 m2 | l3 m1+m2⟩` with `l1, l2, l3 ≤ L` from a cold start (1.84 million at
//!   `L = 20`), on all threads and on a one-thread rayon pool;
//! * `cg_exact_l{20,100}`: one exact coefficient by Racah's formula;
//! * `real_cg_*`: one real-basis tensor, uncached;
//! * `wigner_6j_exact_j20`: one exact 6j symbol.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::so3::clebsch_gordan::{ClebschGordanTable, RealCoupling, clebsch_gordan_exact};
use equivariant::so3::wigner_6j::wigner_6j_exact;
use std::hint::black_box;

fn table(c: &mut Criterion) {
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    for lmax in [10usize, 20] {
        c.bench_function(&format!("cg_table_L{lmax}"), |b| {
            b.iter(|| ClebschGordanTable::new(black_box(lmax)).unwrap().len())
        });
        c.bench_function(&format!("cg_table_L{lmax}_1thread"), |b| {
            b.iter(|| single.install(|| ClebschGordanTable::new(black_box(lmax)).unwrap().len()))
        });
    }
}

fn exact(c: &mut Criterion) {
    c.bench_function("cg_exact_l20", |b| {
        b.iter(|| clebsch_gordan_exact(black_box(20), 3, 20, -7, 25, -4).unwrap())
    });
    c.bench_function("cg_exact_l100", |b| {
        b.iter(|| clebsch_gordan_exact(black_box(100), 13, 100, -40, 120, -27).unwrap())
    });
    c.bench_function("wigner_6j_exact_j20", |b| {
        b.iter(|| wigner_6j_exact(black_box(20), 18, 15, 17, 19, 16).unwrap())
    });
}

fn real(c: &mut Criterion) {
    for (l1, l2, l3) in [(2usize, 2usize, 2usize), (6, 6, 6), (10, 10, 10)] {
        c.bench_function(&format!("real_cg_{l1}_{l2}_{l3}"), |b| {
            b.iter(|| {
                RealCoupling::new(black_box(l1), l2, l3)
                    .unwrap()
                    .nonzeros()
                    .len()
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = table, exact, real
}
criterion_main!(benches);
