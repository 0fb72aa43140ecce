//! `hom::hom_basis` by every route (theory/equivariant-maps.md, theory/kondor-trivedi.md):
//! the dimension against the character inner product (finite groups) and the Weyl integration
//! formula (Lie groups), every element equivariant, the routes' spans equal, the bases
//! linearly independent, the real types of Schur's lemma, the orbit route's exactness and sign
//! cancellation, and refusals of bad input.

mod common;

use common::{FINITE_GROUPS, cli_json, finite, run_cli};
use equivariant::Error;
use equivariant::group::{
    AnyGroup, FiniteGroup, Group, O2, O2Element, O3, O3Element, PermutationGroup, Rotation, SO2,
    SO3, build_group,
};
use equivariant::hom::check::{cross_check, max_principal_angle};
use equivariant::hom::{ElementLabel, EquivariantBasis, Method, SchurGroup, hom_basis};
use equivariant::io::build::{RepAtoms, build_rep};
use equivariant::io::expr::{parse_group, parse_rep};
use equivariant::rep::{self, Rep, Representation};
use nalgebra::DMatrix;
use quickcheck::{QuickCheck, TestResult};
use std::f64::consts::PI;
use std::sync::Arc;

/// Representation expressions every group understands (`sign` only where `det V` = −1 occurs;
/// such cases are discarded elsewhere).
const EXPRESSIONS: &[&str] = &[
    "triv", "V", "V^2", "V+triv", "sym2(V)", "alt2(V)", "V*V+V", "dual(V)", "sign", "sign*V", "2xV",
];

fn build<G: RepAtoms>(group: &Arc<G>, expr: &str) -> Option<Rep<G>> {
    build_rep(group, &parse_rep(expr).ok()?).ok()
}

/// Every element's residual below 1e-10 and the vectorised elements of full column rank.
fn assert_equivariant_and_independent(basis: &EquivariantBasis, what: &str) {
    assert!(
        basis.max_residual < 1e-10,
        "{what}: residual {}",
        basis.max_residual
    );
    let dense = basis.to_dense().unwrap();
    if dense.is_empty() {
        return;
    }
    let rows = dense[0].len();
    let stacked = DMatrix::from_fn(rows, dense.len(), |i, j| dense[j].as_slice()[i]);
    assert_eq!(
        stacked.rank(1e-9),
        dense.len(),
        "{what}: basis not independent"
    );
}

/// `⟨χ_V, χ_W⟩ = (1/|G|) Σ_g χ_V(g) χ_W(g)`, by enumerating the elements.
fn character_inner_product(
    group: &PermutationGroup,
    v: &dyn Representation<PermutationGroup>,
    w: &dyn Representation<PermutationGroup>,
) -> f64 {
    let elements = group.elements().unwrap();
    let sum: f64 = elements
        .iter()
        .map(|x| v.character(x) * w.character(x))
        .sum();
    sum / elements.len() as f64
}

/// Theorem (Schur, Frobenius): for a finite group and real `V`, `W`, every route that applies
/// gives a basis of dimension `⟨χ_V, χ_W⟩` whose elements are equivariant and independent, and
/// all routes span the same space (largest principal angle below 1e-9).
#[test]
fn finite_groups_every_route_has_the_character_dimension_and_the_same_span() {
    fn property(group: usize, input: usize, output: usize) -> TestResult {
        let name = FINITE_GROUPS[group % FINITE_GROUPS.len()];
        let g = finite(name);
        let (Some(v), Some(w)) = (
            build(&g, EXPRESSIONS[input % EXPRESSIONS.len()]),
            build(&g, EXPRESSIONS[output % EXPRESSIONS.len()]),
        ) else {
            return TestResult::discard();
        };
        let expected = character_inner_product(g.as_ref(), v.as_ref(), w.as_ref()).round() as usize;
        let what = format!("{name}: {} → {}", v.description(), w.description());
        let mut ran = 0;
        for method in [Method::Orbits, Method::Schur, Method::Nullspace] {
            match hom_basis(v.as_ref(), w.as_ref(), method) {
                Ok(basis) => {
                    ran += 1;
                    assert_eq!(basis.len(), expected, "{what} by {method}");
                    assert_eq!(basis.method, method);
                    assert_equivariant_and_independent(&basis, &format!("{what} by {method}"));
                }
                Err(Error::Unsupported(_)) if method == Method::Orbits => {}
                Err(e) => panic!("{what} by {method}: {e}"),
            }
        }
        assert!(ran >= 2, "{what}: at least Schur and the nullspace apply");
        let reports = cross_check(v.as_ref(), w.as_ref(), None).unwrap();
        for r in &reports {
            if let Some(angle) = r.max_principal_angle {
                assert!(angle < 1e-9, "{what}: {} at angle {angle:e}", r.method);
            }
        }
        TestResult::passed()
    }
    QuickCheck::new()
        .tests(60)
        .quickcheck(property as fn(usize, usize, usize) -> TestResult);
}

/// `(1/N) Σ_k f(2πk/N)`: exact for trigonometric polynomials of degree below `N`.
fn circle_mean(f: impl Fn(f64) -> f64) -> f64 {
    const N: usize = 96;
    (0..N)
        .map(|k| f(2.0 * PI * k as f64 / N as f64))
        .sum::<f64>()
        / N as f64
}

/// Weyl's integration formula for `SO(3)`: `∫ f = (1/2π) ∫_0^{2π} f(R_z(θ)) (1 − cos θ) dθ` for
/// a class function `f`.
fn so3_mean(f: impl Fn(&Rotation) -> f64) -> f64 {
    circle_mean(|t| f(&Rotation::from_axis_angle([0.0, 0.0, 1.0], t).unwrap()) * (1.0 - t.cos()))
}

/// `dim Hom_G(V, W) = ∫_G χ_V χ_W dg` for the Lie groups, by Weyl's integration formula (the
/// non-identity component of `O(2)`, the reflections, is one class up to the rotation angle).
fn lie_dimension(group: &AnyGroup, v: &str, w: &str) -> f64 {
    fn product<G: RepAtoms>(g: &Arc<G>, v: &str, w: &str) -> impl Fn(&G::Element) -> f64 {
        let (v, w) = (build(g, v).unwrap(), build(g, w).unwrap());
        move |x| v.character(x) * w.character(x)
    }
    match group {
        AnyGroup::SO2(g) => {
            let f = product(g, v, w);
            circle_mean(|t| f(&t))
        }
        AnyGroup::O2(g) => {
            let f = product(g, v, w);
            let at = |angle: f64, reflection: bool| f(&O2Element { angle, reflection });
            0.5 * (circle_mean(|t| at(t, false)) + circle_mean(|t| at(t, true)))
        }
        AnyGroup::SO3(g) => so3_mean(product(g, v, w)),
        AnyGroup::O3(g) => {
            let f = product(g, v, w);
            let at = |rotation: &Rotation, inversion: bool| {
                f(&O3Element {
                    rotation: *rotation,
                    inversion,
                })
            };
            0.5 * (so3_mean(|r| at(r, false)) + so3_mean(|r| at(r, true)))
        }
        AnyGroup::Finite(_) => unreachable!("Lie groups only"),
    }
}

fn lie_routes<G: RepAtoms + SchurGroup>(g: &Arc<G>, v: &str, w: &str, expected: usize) {
    let (rv, rw) = (build(g, v).unwrap(), build(g, w).unwrap());
    let schur = hom_basis(rv.as_ref(), rw.as_ref(), Method::Schur).unwrap();
    let what = format!("{}: {v} → {w}", g.name());
    assert_eq!(schur.len(), expected, "{what} by Schur");
    assert_equivariant_and_independent(&schur, &what);
    if let Ok(null) = hom_basis(rv.as_ref(), rw.as_ref(), Method::Nullspace) {
        assert_eq!(null.len(), expected, "{what} by the nullspace");
        assert_equivariant_and_independent(&null, &what);
        let angle = max_principal_angle(&schur.to_dense().unwrap(), &null.to_dense().unwrap());
        assert!(angle < 1e-9, "{what}: angle {angle:e}");
    }
    // Equivariance on random group elements too, not only on the generators.
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(3);
    for _ in 0..3 {
        let x = g.random_element(&mut rng).unwrap();
        for a in schur.to_dense().unwrap() {
            let defect = (rw.matrix(&x) * &a - &a * rv.matrix(&x)).norm();
            assert!(defect < 1e-10, "{what}: defect {defect:e}");
        }
    }
}

/// Theorem: for the compact Lie groups, `dim Hom_G(V, W) = ∫ χ_V χ_W dg` (Weyl's integration
/// formula); the Schur and nullspace routes both reach it with the same span. Includes
/// EMLP's cases (`V^3 → V^3`: 15, `V^3 → triv`: 1 for SO(3) and 0 for O(3)) and
/// `Hom_SO(3)(V^{⊗4}, V^{⊗4})` of dimension 91.
#[test]
fn lie_groups_schur_and_nullspace_reach_the_weyl_integral() {
    let cases = [
        ("SO2", "V", "V"),
        ("SO2", "V^2", "V^2"),
        ("SO2", "1+2+0", "V^2"),
        ("SO2", "alt3(V)", "V"),
        ("O2", "V", "V"),
        ("O2", "V^2", "V^2"),
        ("O2", "V*V+sign", "1+0-"),
        ("SO3", "V^3", "V^3"),
        ("SO3", "V^3", "triv"),
        ("SO3", "V^4", "V^4"),
        ("SO3", "V^4", "V^2"),
        ("O3", "V^3", "V^3"),
        ("O3", "V^3", "triv"),
        ("O3", "V^2", "V"),
        ("O3", "1o*2e", "1e+2o+3o"),
        ("O3", "alt4(V)", "alt4(V)"),
    ];
    for (group, v, w) in cases {
        let any = build_group(&parse_group(group).unwrap()).unwrap();
        let expected = lie_dimension(&any, v, w);
        assert!(
            (expected - expected.round()).abs() < 1e-9,
            "{group}: {expected}"
        );
        let expected = expected.round() as usize;
        match &any {
            AnyGroup::SO2(g) => lie_routes(g, v, w, expected),
            AnyGroup::O2(g) => lie_routes(g, v, w, expected),
            AnyGroup::SO3(g) => lie_routes(g, v, w, expected),
            AnyGroup::O3(g) => lie_routes(g, v, w, expected),
            AnyGroup::Finite(_) => unreachable!(),
        }
    }
    let so3 = Arc::new(SO3);
    let v4 = build(&so3, "V^4").unwrap();
    assert_eq!(
        hom_basis(v4.as_ref(), v4.as_ref(), Method::Auto)
            .unwrap()
            .len(),
        91
    );
}

/// Schur's lemma over R: `End_G(ρ)` has dimension 1, 2 or 4 by the real type. `C_5`'s `V` (the
/// rotation by 2π/5, frequency 1) and `SO(2)`'s frequency-k irreps are of complex type, `Q_8`'s
/// 4-dimensional `V` is quaternionic, `D_5`'s `V` and `O(2)`'s `1` are real.
#[test]
fn real_types_give_one_two_or_four_endomorphisms() {
    fn types<G: RepAtoms + SchurGroup>(g: &Arc<G>, expr: &str) -> (usize, Vec<&'static str>) {
        let v = build(g, expr).unwrap();
        let basis = hom_basis(v.as_ref(), v.as_ref(), Method::Schur).unwrap();
        let labels = basis
            .labels
            .iter()
            .map(|l| match l {
                ElementLabel::Irrep(e) => e.real_type.symbol(),
                other => panic!("Schur labels expected, got {other:?}"),
            })
            .collect();
        (basis.len(), labels)
    }
    assert_eq!(types(&finite("C5"), "V"), (2, vec!["C", "C"]));
    assert_eq!(types(&finite("Q8"), "V"), (4, vec!["H"; 4]));
    assert_eq!(types(&finite("D5"), "V"), (1, vec!["R"]));
    assert_eq!(types(&Arc::new(SO2), "3"), (2, vec!["C", "C"]));
    assert_eq!(types(&Arc::new(O2), "3"), (1, vec!["R"]));
    // Two copies of a complex-type irrep: Mat(2×2) ⊗ C, dimension 8.
    assert_eq!(types(&finite("C5"), "2xV").0, 8);
}

/// The orbit route is exact (entries 0 and ±1, disjoint supports) and cancels sign-inconsistent
/// orbits: `Hom_{S_n}(sign, triv) = 0`, `Hom_{S_4}(sign ⊗ V, V)` has the character dimension.
#[test]
fn orbit_route_is_exact_and_cancels_inconsistent_signs() {
    let s4 = finite("S4");
    let (sign, triv) = (build(&s4, "sign").unwrap(), build(&s4, "triv").unwrap());
    assert!(
        hom_basis(sign.as_ref(), triv.as_ref(), Method::Orbits)
            .unwrap()
            .is_empty()
    );
    let (sv, v) = (build(&s4, "sign*V").unwrap(), build(&s4, "V").unwrap());
    let basis = hom_basis(sv.as_ref(), v.as_ref(), Method::Orbits).unwrap();
    assert!(basis.exact);
    assert_eq!(
        basis.len(),
        character_inner_product(s4.as_ref(), sv.as_ref(), v.as_ref()).round() as usize
    );
    let dense = basis.to_dense().unwrap();
    let mut support = DMatrix::<u32>::zeros(4, 4);
    for a in &dense {
        for (i, x) in a.iter().enumerate() {
            assert!(*x == 0.0 || x.abs() == 1.0);
            if *x != 0.0 {
                support[i] += 1;
            }
        }
    }
    assert!(support.iter().all(|&c| c <= 1), "supports are disjoint");
    // The regular representation: End(reg) has dimension |G| (one orbit per group element).
    let c8 = finite("C8");
    let reg2 = build(&c8, "reg*reg").unwrap();
    let basis = hom_basis(reg2.as_ref(), reg2.as_ref(), Method::Auto).unwrap();
    assert_eq!((basis.method, basis.len()), (Method::Orbits, 512));
}

/// Rational representations are solved exactly: Young's seminormal form of `S_4` (`[3,1]` and
/// `[2,1,1]`, rational and not orthogonal, as a representation given by its matrices) gives an
/// exact nullspace basis whose dimension is Schur's count and whose span equals the Schur
/// route's (which unitarises first).
#[test]
fn rational_representations_are_solved_exactly() {
    let s4 = finite("S4");
    let seminormal = |shape: &[usize]| -> Rep<PermutationGroup> {
        let basis = equivariant::symmetric::young_forms::YoungBasis::new(
            &equivariant::symmetric::Partition::new(shape.to_vec()).unwrap(),
        )
        .unwrap();
        let dim = basis.dim();
        let matrix = Arc::new(move |g: &equivariant::group::Permutation| {
            equivariant::linalg::qmatrix_to_f64(&basis.seminormal_matrix(g).unwrap())
        });
        rep::from_fn(&s4, dim, matrix, vec![], "seminormal").unwrap()
    };
    let (a, b) = (seminormal(&[3, 1]), seminormal(&[2, 1, 1]));
    let v = build(&s4, "V").unwrap();
    let sum = rep::direct_sum(vec![a.clone(), v.clone(), b.clone()]).unwrap();
    for (w, expected) in [(&a, 2), (&b, 1)] {
        let null = hom_basis(sum.as_ref(), w.as_ref(), Method::Nullspace).unwrap();
        assert!(null.exact, "seminormal form is rational");
        assert_eq!(null.len(), expected);
        assert_equivariant_and_independent(&null, "seminormal");
        let schur = hom_basis(sum.as_ref(), w.as_ref(), Method::Schur).unwrap();
        let angle = max_principal_angle(&null.to_dense().unwrap(), &schur.to_dense().unwrap());
        assert!(angle < 1e-9, "{angle:e}");
    }
}

/// The blockwise nullspace (no `(mn)²` matrix) agrees with the exact orbit basis where the
/// stacked constraints would not fit: `S10` on `V^2 → V^2` (10⁴ unknowns, a 1.6 GiB stack),
/// `D20` on `reg → reg` (1600 unknowns); rotations by tiny angles; and with Schur on `SO(2)` `V^6 → V^6` (4096 unknowns, dimension 924).
#[test]
fn blockwise_nullspace_agrees_with_the_orbit_and_schur_bases() {
    for (group, v, w) in [("S10", "V^2", "V^2"), ("D20", "reg", "reg")] {
        let g = finite(group);
        let (rv, rw) = (build(&g, v).unwrap(), build(&g, w).unwrap());
        let null = hom_basis(rv.as_ref(), rw.as_ref(), Method::Nullspace).unwrap();
        let orbits = hom_basis(rv.as_ref(), rw.as_ref(), Method::Orbits).unwrap();
        assert_eq!(null.len(), orbits.len(), "{group}");
        assert!(
            !null.exact && null.gap.is_some_and(|gap| gap > 1e6),
            "{:?}",
            null.gap
        );
        assert_equivariant_and_independent(&null, group);
        let angle = max_principal_angle(&null.to_dense().unwrap(), &orbits.to_dense().unwrap());
        assert!(angle < 1e-9, "{group}: {angle:e}");
    }
    // Rotations by tiny angles (C5000: 2π/5000) are rotations, not identities: V^5 (odd
    // frequencies 5, 3, 1) and V^4 (even 4, 2, 0) share nothing, and V^3 → V is three copies
    // of the complex-type frequency 1 (dimension 6).
    let c5000 = finite("C5000");
    for (v, w, expected) in [("V^5", "V^4", 0), ("V^3", "V", 6)] {
        let (rv, rw) = (build(&c5000, v).unwrap(), build(&c5000, w).unwrap());
        let null = hom_basis(rv.as_ref(), rw.as_ref(), Method::Nullspace).unwrap();
        assert_eq!(null.len(), expected, "C5000 {v} → {w}");
        assert_equivariant_and_independent(&null, "C5000");
    }
    // A dense result above 1 GiB is refused before it is assembled.
    let reg = build(&finite("C700"), "reg").unwrap();
    match hom_basis(reg.as_ref(), reg.as_ref(), Method::Nullspace) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains("GiB"), "{needed}"),
        other => panic!("{:?}", other.map(|b| b.len())),
    }
    let so2 = Arc::new(SO2);
    let v6 = build(&so2, "V^6").unwrap();
    let null = hom_basis(v6.as_ref(), v6.as_ref(), Method::Nullspace).unwrap();
    let schur = hom_basis(v6.as_ref(), v6.as_ref(), Method::Schur).unwrap();
    assert_eq!((null.len(), schur.len()), (924, 924));
    assert!(null.max_residual < 1e-10);
    let angle = max_principal_angle(&null.to_dense().unwrap(), &schur.to_dense().unwrap());
    assert!(angle < 1e-9, "{angle:e}");
}

/// Bad input: representations of different groups; a "representation" that is not a
/// homomorphism; requests too large to form, refused before allocating, with the size.
#[test]
fn bad_input_is_refused_with_the_reason() {
    let (s3, s4) = (finite("S3"), finite("S4"));
    let (v3, v4) = (rep::defining(&s3), rep::defining(&s4));
    // Different groups need the same type G: compare S3 and S4 as PermutationGroups.
    match hom_basis(v3.as_ref(), v4.as_ref(), Method::Auto) {
        Err(Error::InvalidInput(m)) => assert!(m.contains("different groups"), "{m}"),
        other => panic!("{other:?}"),
    }
    // ρ(g) = a fixed non-identity permutation matrix for every g: not a homomorphism.
    let fixed = DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 0.0]);
    let bogus = rep::from_fn(&s3, 2, Arc::new(move |_| fixed.clone()), vec![], "bogus");
    if let Ok(bogus) = bogus {
        for method in [
            Method::Auto,
            Method::Schur,
            Method::Nullspace,
            Method::Orbits,
        ] {
            match hom_basis(bogus.as_ref(), bogus.as_ref(), method) {
                Err(Error::InvalidInput(m)) => assert!(m.contains("not a representation"), "{m}"),
                other => panic!("{method}: {other:?}"),
            }
        }
    }
    let s20 = finite("S20");
    let v2 = build(&s20, "V^2").unwrap();
    let start = std::time::Instant::now();
    match hom_basis(v2.as_ref(), v2.as_ref(), Method::Nullspace) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains(" × "), "{needed}"),
        other => panic!("{other:?}"),
    }
    let c64 = finite("C64");
    let reg2 = build(&c64, "reg*reg").unwrap();
    match hom_basis(reg2.as_ref(), reg2.as_ref(), Method::Schur) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains("TiB"), "{needed}"),
        other => panic!("{other:?}"),
    }
    assert!(
        start.elapsed().as_secs_f64() < 10.0,
        "refusals come before the work"
    );
}

/// `basis --check` runs every route and reports DESIGN's keys; `--method schur --output` writes
/// a `[dim, out, in]` array whose slices commute with the generators, and a sidecar naming each
/// element's irrep pair; a failing request writes nothing.
#[test]
fn cli_check_and_schur_export() {
    let doc = cli_json(&[
        "basis", "--group", "D4", "--in", "V^2", "--out", "V^2", "--check", "--json",
    ]);
    assert_eq!(doc["agree"], true);
    let routes = doc["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 3);
    for r in routes {
        assert!(r["method"].is_string() && r["seconds"].is_number());
        assert_eq!(r["dim"], doc["dim"], "{r}");
        assert!(r["max_principal_angle"].as_f64().unwrap() < 1e-9);
    }
    let so3 = cli_json(&[
        "basis", "--group", "S100", "--in", "V^2", "--out", "V^2", "--form", "operator", "--check",
        "--json",
    ]);
    assert_eq!(so3["dim"], 15);
    let skipped = so3["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["skipped"].is_string())
        .count();
    assert_eq!(skipped, 3, "{so3}");

    let dir = std::env::temp_dir().join(format!("equivariant-schur-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("A.npy");
    let doc = cli_json(&[
        "basis",
        "--group",
        "O3",
        "--in",
        "V^2",
        "--out",
        "1e+2e",
        "--method",
        "schur",
        "--output",
        path.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        (doc["dim"].as_u64(), doc["method"].as_str()),
        (Some(2), Some("schur"))
    );
    let file = npyz::NpyFile::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(file.shape().to_vec(), vec![2, 8, 9]);
    let data = file.into_vec::<f64>().unwrap();
    let o3 = Arc::new(O3);
    let (v, w) = (build(&o3, "V^2").unwrap(), build(&o3, "1e+2e").unwrap());
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(9);
    let g = o3.random_element(&mut rng).unwrap();
    for b in 0..2 {
        let a = DMatrix::from_row_slice(8, 9, &data[b * 72..(b + 1) * 72]);
        assert!((w.matrix(&g) * &a - &a * v.matrix(&g)).norm() < 1e-10);
    }
    let sidecar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("A.json")).unwrap()).unwrap();
    assert_eq!(sidecar["elements"][0]["kind"], "irrep pair");
    assert_eq!(sidecar["elements"][1]["irrep"], "2e");

    let never = dir.join("never.npy");
    let (code, _, stderr) = run_cli(&[
        "basis",
        "--group",
        "C64",
        "--in",
        "reg*reg",
        "--out",
        "reg*reg",
        "--output",
        never.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("sparse"), "{stderr}");
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| {
        !e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("never")
    }));
}
