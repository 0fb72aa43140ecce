//! The character table of `S_n` by the bottom-up Murnaghan–Nakayama programme, for
//! `n = 20, 24, 28, 30`, single-threaded (`TableOptions { parallel: false, .. }`) and with rayon
//! on the global pool; and one value `χ^λ(μ)` of `S_60` by the memoised rule. GAP 4.12's
//! `CharacterTable("Symmetric", n)` plus `Irr` on the same machine (the command of
//! `peers/compare.py`, `gap_time`) is quoted in `theory/symmetric.md`.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::symmetric::{Partition, TableOptions, character, character_table_sn_with};
use std::hint::black_box;
use std::time::Duration;

fn tables(c: &mut Criterion) {
    let mut group = c.benchmark_group("chartable_sn");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    for n in [20, 24, 28, 30] {
        for parallel in [false, true] {
            let name = format!("S{n}_{}", if parallel { "rayon" } else { "1thread" });
            let options = TableOptions {
                parallel,
                width: None,
            };
            group.bench_function(name, |b| {
                b.iter(|| {
                    character_table_sn_with(black_box(n), options)
                        .unwrap()
                        .size()
                })
            });
        }
    }
    group.finish();
}

fn one_value(c: &mut Criterion) {
    // The largest-degree shape of S_60 on the class of cycle type (2^30).
    let lambda = Partition::new(vec![12, 10, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1]).unwrap();
    let mu = Partition::new(vec![2; 30]).unwrap();
    c.bench_function("mn_value_S60", |b| {
        b.iter(|| character(black_box(&lambda), black_box(&mu)).unwrap())
    });
}

criterion_group!(benches, tables, one_value);
criterion_main!(benches);
