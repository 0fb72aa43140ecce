//! Bases of `Hom_G(V, W)` by each route (`hom::hom_basis`), on the peer cases:
//!
//! * `hom_orbits/*` — the signed-orbit route: `C_8` and `C_64` on `reg⊗reg → reg⊗reg`
//!   (EMLP's `Z(8)` `V**2 >> V**2`: 17 s; `C_64` is 262144 elements of 4096×4096, sparse),
//!   `S_12` on `V → V^2`.
//! * `hom_schur/*` — the Schur route: `SO(3)`/`O(3)` on `V^3 → V^3` (EMLP ≈ 1 s),
//!   `Hom_SO(3)(V^{⊗4}, V^{⊗4})` (dimension 91), `I` on `reg → reg`, `C_5` on `2V → 2V`
//!   (complex type).
//! * `hom_nullspace/*` — the nullspace route on the same small problems, exact and SVD.
//! * `hom_check/*` — `cross_check`: every route and the principal angles.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::group::{Group, O3, SO3};
use equivariant::hom::check::cross_check;
use equivariant::hom::{Method, SchurGroup, hom_basis};
use equivariant::io::build::{RepAtoms, build_rep};
use equivariant::io::expr::{parse_group, parse_rep};
use equivariant::rep::Rep;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

fn finite(name: &str) -> Arc<equivariant::group::PermutationGroup> {
    match equivariant::group::build_group(&parse_group(name).unwrap()).unwrap() {
        equivariant::group::AnyGroup::Finite(g) => g,
        _ => unreachable!("{name} is finite"),
    }
}

fn reps<G: RepAtoms>(group: &Arc<G>, v: &str, w: &str) -> (Rep<G>, Rep<G>) {
    let build = |e: &str| build_rep(group, &parse_rep(e).unwrap()).unwrap();
    (build(v), build(w))
}

fn bench_route<G: RepAtoms + SchurGroup>(
    c: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    group: &Arc<G>,
    (v, w): (&str, &str),
    method: Method,
) {
    let (rv, rw) = reps(group, v, w);
    c.bench_function(name, |b| {
        b.iter(|| black_box(hom_basis(rv.as_ref(), rw.as_ref(), method).unwrap().len()))
    });
}

fn orbits(c: &mut Criterion) {
    let mut g = c.benchmark_group("hom_orbits");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    let reg2 = ("reg*reg", "reg*reg");
    bench_route(&mut g, "C8_reg2", &finite("C8"), reg2, Method::Orbits);
    bench_route(&mut g, "C64_reg2", &finite("C64"), reg2, Method::Orbits);
    bench_route(
        &mut g,
        "S12_V_V2",
        &finite("S12"),
        ("V", "V^2"),
        Method::Orbits,
    );
    g.finish();
}

fn schur(c: &mut Criterion) {
    let mut g = c.benchmark_group("hom_schur");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    let (so3, o3) = (Arc::new(SO3), Arc::new(O3));
    bench_route(&mut g, "SO3_V3_V3", &so3, ("V^3", "V^3"), Method::Schur);
    bench_route(&mut g, "O3_V3_V3", &o3, ("V^3", "V^3"), Method::Schur);
    bench_route(&mut g, "SO3_V4_V4", &so3, ("V^4", "V^4"), Method::Schur);
    bench_route(
        &mut g,
        "I_reg_reg",
        &finite("I"),
        ("reg", "reg"),
        Method::Schur,
    );
    bench_route(
        &mut g,
        "C5_2V_2V",
        &finite("C5"),
        ("2xV", "2xV"),
        Method::Schur,
    );
    g.finish();
}

fn nullspace(c: &mut Criterion) {
    let mut g = c.benchmark_group("hom_nullspace");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    let so3 = Arc::new(SO3);
    bench_route(
        &mut g,
        "SO3_V3_V3_exact",
        &so3,
        ("V^3", "V^3"),
        Method::Nullspace,
    );
    bench_route(
        &mut g,
        "I_V2_V2_svd",
        &finite("I"),
        ("V^2", "V^2"),
        Method::Nullspace,
    );
    g.finish();
}

fn check(c: &mut Criterion) {
    let mut g = c.benchmark_group("hom_check");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    let o3 = Arc::new(O3);
    let (v, w) = reps(&o3, "V^2", "V^2");
    g.bench_function("O3_V2_V2", |b| {
        b.iter(|| black_box(cross_check(v.as_ref(), w.as_ref(), None).unwrap().len()))
    });
    let d4 = finite("D4");
    let (v, w) = reps(&d4, "V^2", "V^2");
    g.bench_function(format!("{}_V2_V2", d4.name()), |b| {
        b.iter(|| black_box(cross_check(v.as_ref(), w.as_ref(), None).unwrap().len()))
    });
    g.finish();
}

criterion_group!(benches, orbits, schur, nullspace, check);
criterion_main!(benches);
