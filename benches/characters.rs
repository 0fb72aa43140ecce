//! Character tables by Burnside–Dixon–Schneider, each from a freshly built group (element
//! enumeration and conjugacy classes included, as in GAP's `IrrDixonSchneider(G)` on a new
//! group): `S_8` given by two generators (so the generic route runs, not the partitions of
//! `S_n`), the icosahedral group `I` (by its permutation action), `C2xS7` (the named product,
//! whose classes come from the factors) and `SL(2,11)` acting on the 120 non-zero vectors of
//! `F_11²`.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::character::character_table;
use equivariant::group::{
    AnyGroup, FiniteGroup, Permutation, PermutationGroup, Polyhedral, build_group,
};
use equivariant::io::expr::parse_group;
use std::hint::black_box;

/// `SL(2,11)` by the matrices `[[1,1],[0,1]]` and `[[0,-1],[1,0]]` acting on `F_11² \ {0}`.
fn sl2_11_generators() -> Vec<Permutation> {
    PermutationGroup::special_linear_2(11)
        .expect("11 is prime")
        .generators()
}

fn tables(c: &mut Criterion) {
    let s8 = PermutationGroup::symmetric(8).unwrap().generators();
    c.bench_function("chartable_S8_generic", |b| {
        b.iter(|| {
            let g = PermutationGroup::from_permutations("S8", black_box(s8.clone())).unwrap();
            character_table(&g).unwrap().num_classes()
        })
    });
    // I by the permutation action of its exact matrix generators (the matrix closure itself is
    // the group module's benchmark), as GAP's `AlternatingGroup(5)` is a permutation group.
    let icosahedral = PermutationGroup::polyhedral(Polyhedral::I)
        .unwrap()
        .generators();
    c.bench_function("chartable_I", |b| {
        b.iter(|| {
            let g =
                PermutationGroup::from_permutations("I", black_box(icosahedral.clone())).unwrap();
            character_table(&g).unwrap().num_classes()
        })
    });
    let c2s7 = parse_group("C2xS7").unwrap();
    c.bench_function("chartable_C2xS7", |b| {
        b.iter(|| {
            let AnyGroup::Finite(g) = build_group(black_box(&c2s7)).unwrap() else {
                unreachable!("C2xS7 is finite")
            };
            character_table(&g).unwrap().num_classes()
        })
    });
    let sl = sl2_11_generators();
    c.bench_function("chartable_SL2_11", |b| {
        b.iter(|| {
            let g = PermutationGroup::from_permutations("SL(2,11)", black_box(sl.clone())).unwrap();
            character_table(&g).unwrap().num_classes()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = tables
}
criterion_main!(benches);
