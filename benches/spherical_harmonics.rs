//! Real spherical harmonics for all `l ≤ L` on a batch of random unit points, in `f64` and
//! `f32`, `L = 2, 8, 16`, on one thread and on all of rayon's threads; plus values with
//! gradients. Throughput is in points, so `time / N` is the cost per point, to compare with
//! the peers (sphericart, e3nn) timed on the same work by `/work/shared/peers`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use equivariant::so3::spherical_harmonics::{
    Convention, Normalization, ShFloat, SphericalHarmonics,
};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use rayon::ThreadPool;
use std::hint::black_box;
use std::time::Duration;

const POINTS: usize = 100_000;

fn unit_points<T: ShFloat>(n: usize) -> Vec<[T; 3]> {
    let mut rng = StdRng::seed_from_u64(42);
    (0..n)
        .map(|_| {
            let z: f64 = rng.random_range(-1.0..1.0);
            let phi: f64 = rng.random_range(0.0..std::f64::consts::TAU);
            let s = (1.0 - z * z).sqrt();
            [s * phi.cos(), s * phi.sin(), z].map(T::from_f64)
        })
        .collect()
}

fn pool(threads: usize) -> ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

fn values<T: ShFloat>(c: &mut Criterion) {
    let xyz = unit_points::<T>(POINTS);
    let mut group = c.benchmark_group(format!("sh_values_{}", T::NAME));
    group.throughput(Throughput::Elements(POINTS as u64));
    for (label, threads) in [("1thread", 1), ("parallel", rayon::current_num_threads())] {
        let pool = pool(threads);
        for lmax in [2, 8, 16] {
            let sh =
                SphericalHarmonics::<T>::new(lmax, Normalization::Integral, Convention::Standard)
                    .expect("plan");
            let mut out = vec![T::zero(); POINTS * sh.values_per_point()];
            group.bench_with_input(BenchmarkId::new(label, lmax), &lmax, |b, _| {
                b.iter(|| {
                    pool.install(|| sh.compute_into(black_box(&xyz), &mut out))
                        .expect("valid points")
                })
            });
        }
    }
    group.finish();
}

fn gradients<T: ShFloat>(c: &mut Criterion) {
    let xyz = unit_points::<T>(POINTS);
    let mut group = c.benchmark_group(format!("sh_gradients_{}", T::NAME));
    group.throughput(Throughput::Elements(POINTS as u64));
    let pool = pool(1);
    for lmax in [2, 8, 16] {
        let sh = SphericalHarmonics::<T>::new(lmax, Normalization::Integral, Convention::Standard)
            .expect("plan");
        let mut values = vec![T::zero(); POINTS * sh.values_per_point()];
        let mut grads = vec![T::zero(); 3 * POINTS * sh.values_per_point()];
        group.bench_with_input(BenchmarkId::new("1thread", lmax), &lmax, |b, _| {
            b.iter(|| {
                pool.install(|| {
                    sh.compute_with_gradients_into(black_box(&xyz), &mut values, &mut grads)
                })
                .expect("valid points")
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
}

criterion_group! {
    name = benches;
    config = config();
    targets = values::<f64>, values::<f32>, gradients::<f64>, gradients::<f32>
}
criterion_main!(benches);
