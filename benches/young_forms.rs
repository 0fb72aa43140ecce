//! Young's forms: the orthogonal form (`f64`) of random permutations of `S_10` on
//! `λ = [4,3,2,1]` (`f^λ = 768`) and of `S_11` on `λ = [5,3,2,1]` (`f^λ = 2310`), each from a
//! prebuilt `YoungBasis`; building that basis (tableaux, contents, blocks) for `[4,3,2,1]`; and
//! the exact seminormal generators `s_1, …, s_7` of every `λ ⊢ 8` (22 shapes, from scratch).

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::group::Permutation;
use equivariant::symmetric::Partition;
use equivariant::symmetric::young_forms::{YoungBasis, seminormal_generator};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::hint::black_box;
use std::time::Duration;

fn random_permutation(rng: &mut StdRng, n: usize) -> Permutation {
    let mut images: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        images.swap(i, rng.random_range(0..=i));
    }
    Permutation::from_images(images).unwrap()
}

fn orthogonal(c: &mut Criterion) {
    let mut group = c.benchmark_group("young_orthogonal");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for parts in [vec![4, 3, 2, 1], vec![5, 3, 2, 1]] {
        let lambda = Partition::new(parts).unwrap();
        let basis = YoungBasis::new(&lambda).unwrap();
        let mut rng = StdRng::seed_from_u64(1);
        let name = format!("{lambda}_dim{}", basis.dim());
        group.bench_function(name, |b| {
            b.iter(|| {
                let p = random_permutation(&mut rng, lambda.size());
                basis.orthogonal_matrix(black_box(&p)).unwrap()
            })
        });
    }
    let lambda = Partition::new(vec![4, 3, 2, 1]).unwrap();
    group.bench_function("basis_[4,3,2,1]", |b| {
        b.iter(|| YoungBasis::new(black_box(&lambda)).unwrap().dim())
    });
    group.finish();
}

fn seminormal_generators(c: &mut Criterion) {
    c.bench_function("young_seminormal_generators_S8", |b| {
        b.iter(|| {
            let mut entries = 0;
            for lambda in Partition::all(8) {
                for i in 1..8 {
                    entries += seminormal_generator(black_box(&lambda), i).unwrap().len();
                }
            }
            entries
        })
    });
}

criterion_group!(benches, orthogonal, seminormal_generators);
criterion_main!(benches);
