//! Representations are homomorphisms, and the characters of the constructions follow the
//! formulas of `theory/representations.md`.

mod common;

use common::{FINITE_GROUPS, finite};
use equivariant::Error;
use equivariant::group::{FiniteGroup, Group, O2, PermutationGroup, SO2};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::rep::{self, Rep, Representation, Subgroup};
use equivariant::testing::{homomorphism_residual, lie_algebra_residual, random_elements};
use nalgebra::DMatrix;
use quickcheck::{QuickCheck, TestResult};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::sync::Arc;

fn build<G: equivariant::io::build::RepAtoms>(group: &Arc<G>, expr: &str) -> Rep<G> {
    build_rep(group, &parse_rep(expr).unwrap()).unwrap_or_else(|e| panic!("{expr}: {e}"))
}

/// A random expression over `triv` and `V` (and `sign` when the group has it) of bounded size.
fn random_expression(rng: &mut StdRng, depth: u32, with_sign: bool) -> String {
    if depth == 0 {
        let atoms: &[&str] = if with_sign {
            &["V", "triv", "sign"]
        } else {
            &["V", "triv"]
        };
        return atoms[rng.random_range(0..atoms.len())].to_string();
    }
    let a = random_expression(rng, depth - 1, with_sign);
    match rng.random_range(0..7) {
        0 => format!("{a} + {}", random_expression(rng, depth - 1, with_sign)),
        1 => format!("({a})*({})", random_expression(rng, depth - 1, with_sign)),
        2 => format!("dual({a})"),
        3 => format!("sym2({a})"),
        4 => format!("alt2({a})"),
        5 => format!("2x ({a})"),
        _ => a,
    }
}

/// The character as the trace of the matrix (independent of the constructions' own
/// character formulas, which `fast_characters_agree_with_traces` checks against it).
fn character<G: equivariant::group::Group>(rep: &dyn Representation<G>, g: &G::Element) -> f64 {
    rep.matrix(g).trace()
}

fn has_sign(group: &Arc<PermutationGroup>) -> bool {
    rep::sign(group).is_ok()
}

fn is_orthogonal(m: &DMatrix<f64>) -> bool {
    (m.transpose() * m - DMatrix::identity(m.nrows(), m.ncols())).norm() < 1e-9
}

/// ρ(gh) = ρ(g)ρ(h) and ρ(e) = I for random representations of random finite groups, and
/// every construction of orthogonal representations is orthogonal.
#[test]
fn random_representations_are_orthogonal_homomorphisms() {
    fn prop(which: u8, seed: u64) -> TestResult {
        let group = finite(FINITE_GROUPS[which as usize % FINITE_GROUPS.len()]);
        let mut rng = StdRng::seed_from_u64(seed);
        let expr = random_expression(&mut rng, 2, has_sign(&group));
        let rep = build(&group, &expr);
        if rep.dim() > 400 {
            return TestResult::discard();
        }
        let residual = homomorphism_residual(rep.as_ref(), 4, seed).unwrap();
        let g = random_elements(group.as_ref(), 1, seed).unwrap().remove(0);
        TestResult::from_bool(residual < 1e-9 && is_orthogonal(&rep.matrix(&g)))
    }
    QuickCheck::new()
        .tests(150)
        .quickcheck(prop as fn(u8, u64) -> TestResult);
}

#[test]
fn atoms_and_powers_are_homomorphisms_on_every_named_group() {
    for &name in FINITE_GROUPS {
        let group = finite(name);
        let mut exprs = vec!["V", "triv", "reg", "V^2", "sym3(V)", "alt3(V)", "dual(V)*V"];
        if has_sign(&group) {
            exprs.push("sign*V");
        }
        for expr in exprs {
            let rep = build(&group, expr);
            let residual = homomorphism_residual(rep.as_ref(), 8, 7).unwrap();
            assert!(residual < 1e-9, "{name} {expr}: {residual}");
        }
    }
}

/// χ_{A⊕B} = χ_A + χ_B, χ_{A⊗B} = χ_A χ_B, χ_{A*}(g) = χ_A(g⁻¹),
/// χ_{Sym²}(g) = (χ(g)² + χ(g²))/2, χ_{Λ²}(g) = (χ(g)² − χ(g²))/2,
/// χ_{Sym³} = (χ³ + 3χ(g)χ(g²) + 2χ(g³))/6, χ_{Λ³} = (χ³ − 3χ(g)χ(g²) + 2χ(g³))/6.
#[test]
fn characters_of_constructions_follow_the_formulas() {
    fn prop(which: u8, seed: u64) -> TestResult {
        let group = finite(FINITE_GROUPS[which as usize % FINITE_GROUPS.len()]);
        let mut rng = StdRng::seed_from_u64(seed);
        let a_text = random_expression(&mut rng, 1, has_sign(&group));
        let b_text = random_expression(&mut rng, 1, has_sign(&group));
        let a = build(&group, &a_text);
        let b = build(&group, &b_text);
        let g = random_elements(group.as_ref(), 1, seed).unwrap().remove(0);
        let g2 = group.multiply(&g, &g);
        let g3 = group.multiply(&g2, &g);
        let chi = |r: &Rep<PermutationGroup>, x| character(r.as_ref(), x);
        let (c1, c2, c3) = (chi(&a, &g), chi(&a, &g2), chi(&a, &g3));
        let checks = [
            (
                chi(&rep::direct_sum(vec![a.clone(), b.clone()]).unwrap(), &g),
                c1 + chi(&b, &g),
            ),
            (chi(&rep::tensor(&a, &b).unwrap(), &g), c1 * chi(&b, &g)),
            (chi(&rep::dual(&a), &g), chi(&a, &group.inverse(&g))),
            (chi(&rep::sym(&a, 2).unwrap(), &g), (c1 * c1 + c2) / 2.0),
            (chi(&rep::alt(&a, 2).unwrap(), &g), (c1 * c1 - c2) / 2.0),
            (
                chi(&rep::sym(&a, 3).unwrap(), &g),
                (c1.powi(3) + 3.0 * c1 * c2 + 2.0 * c3) / 6.0,
            ),
            (
                chi(&rep::alt(&a, 3).unwrap(), &g),
                (c1.powi(3) - 3.0 * c1 * c2 + 2.0 * c3) / 6.0,
            ),
        ];
        TestResult::from_bool(
            checks
                .iter()
                .all(|(x, y)| (x - y).abs() < 1e-8 * (1.0 + y.abs())),
        )
    }
    QuickCheck::new()
        .tests(150)
        .quickcheck(prop as fn(u8, u64) -> TestResult);
}

/// The characters the constructions compute without forming matrices (sums, products,
/// fixed points, `χ(g⁻¹)`, restriction) equal the traces of their matrices.
#[test]
fn fast_characters_agree_with_traces() {
    fn prop(which: u8, seed: u64) -> TestResult {
        let group = finite(FINITE_GROUPS[which as usize % FINITE_GROUPS.len()]);
        let mut rng = StdRng::seed_from_u64(seed);
        let expr = format!("{} + reg", random_expression(&mut rng, 2, has_sign(&group)));
        let rep = build(&group, &expr);
        let g = random_elements(group.as_ref(), 1, seed).unwrap().remove(0);
        TestResult::from_bool((rep.character(&g) - character(rep.as_ref(), &g)).abs() < 1e-9)
    }
    QuickCheck::new()
        .tests(150)
        .quickcheck(prop as fn(u8, u64) -> TestResult);
}

fn binomial(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    (0..k).fold(1, |acc, i| acc * (n - i) / (i + 1))
}

/// dim Sym^k V = C(d+k−1, k), dim Λ^k V = C(d, k).
#[test]
fn dimensions_of_symmetric_and_exterior_powers() {
    fn prop(d: u8, k: u8) -> TestResult {
        let (d, k) = (1 + d as usize % 7, k as u32 % 6);
        let group = finite(&format!("S{d}"));
        let v = rep::defining(&group);
        let sym = rep::sym(&v, k).unwrap();
        let alt = rep::alt(&v, k).unwrap();
        TestResult::from_bool(
            sym.dim() == binomial(d + k as usize - 1, k as usize)
                && alt.dim() == binomial(d, k as usize),
        )
    }
    QuickCheck::new()
        .tests(100)
        .quickcheck(prop as fn(u8, u8) -> TestResult);
}

/// `equivariant rep --group S4 --rep V^2`: χ(g) = (fixed points of g)².
#[test]
fn tensor_square_of_permutation_rep_counts_fixed_points_squared() {
    let group = finite("S4");
    let rep = build(&group, "V^2");
    assert_eq!(rep.dim(), 16);
    for g in group.elements().unwrap() {
        let fixed = g.fixed_points() as f64;
        assert!((character(rep.as_ref(), g) - fixed * fixed).abs() < 1e-12);
    }
}

/// The regular character is |G| at the identity and 0 elsewhere.
#[test]
fn regular_character_is_order_at_identity_and_zero_elsewhere() {
    for &name in FINITE_GROUPS {
        let group = finite(name);
        let reg = build(&group, "reg");
        let order = group.elements().unwrap().len() as f64;
        for g in group.elements().unwrap() {
            let expected = if *g == group.identity() { order } else { 0.0 };
            assert_eq!(character(reg.as_ref(), g), expected, "{name}");
        }
    }
}

/// The rotation character of the icosahedral group on its 5 classes:
/// 3, −1 (order 2), 0 (order 3), and 1 + 2cos(2πk/5) = (1 ± √5)/2 (order 5).
#[test]
fn icosahedral_rotation_character() {
    let group = finite("I");
    let v = rep::defining(&group);
    let phi = (1.0 + 5f64.sqrt()) / 2.0;
    let mut values: Vec<(u64, f64)> = group
        .conjugacy_classes()
        .unwrap()
        .iter()
        .map(|c| (c.element_order, character(v.as_ref(), &c.representative)))
        .collect();
    values.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
    let expected = [(1, 3.0), (2, -1.0), (3, 0.0), (5, 1.0 - phi), (5, phi)];
    for ((order, chi), (eo, ev)) in values.iter().zip(expected) {
        assert_eq!(*order, eo);
        assert!((chi - ev).abs() < 1e-12, "{chi} vs {ev}");
    }
}

fn inner_product(
    group: &PermutationGroup,
    a: &dyn Representation<PermutationGroup>,
    b: &dyn Representation<PermutationGroup>,
) -> f64 {
    let elements = group.elements().unwrap();
    elements
        .iter()
        .map(|g| character(a, g) * character(b, g))
        .sum::<f64>()
        / elements.len() as f64
}

/// Induction: dim Ind = [G:H]·dim ρ; the character satisfies Frobenius's formula; and
/// Frobenius reciprocity ⟨Ind χ, ψ⟩_G = ⟨χ, Res ψ⟩_H.
#[test]
fn induction_dimension_character_and_reciprocity() {
    let cases: [(&str, Vec<Vec<Vec<usize>>>); 3] = [
        ("S4", vec![vec![vec![0, 1, 2]], vec![vec![0, 1]]]), // S3 inside S4
        ("S5", vec![vec![vec![0, 1, 2, 3, 4]]]),             // C5 inside S5
        (
            "A5",
            vec![vec![vec![0, 1, 2]], vec![vec![0, 1], vec![2, 3]]],
        ),
    ];
    for (name, generators) in cases {
        let group = finite(name);
        let n = group.defining_dim();
        let gens = generators
            .iter()
            .map(|cycles| equivariant::group::Permutation::from_cycles(n, cycles).unwrap())
            .collect();
        let embedding = Subgroup::generated_by(&group, "H", gens).unwrap();
        let h = embedding.subgroup.clone();
        let h_order = h.elements().unwrap().len();
        let index = group.elements().unwrap().len() / h_order;
        for h_expr in ["triv", "V", "V^2"] {
            let rho = build(&h, h_expr);
            let induced = rep::induce(&rho, &embedding).unwrap();
            assert_eq!(induced.dim(), index * rho.dim(), "{name} {h_expr}");
            assert!(homomorphism_residual(induced.as_ref(), 8, 3).unwrap() < 1e-9);
            for g in group.elements().unwrap().iter().step_by(7) {
                let frobenius: f64 = group
                    .elements()
                    .unwrap()
                    .iter()
                    .filter_map(|x| {
                        let y = group.multiply(&group.inverse(x), &group.multiply(g, x));
                        h.index_of(&y).unwrap().map(|_| character(rho.as_ref(), &y))
                    })
                    .sum::<f64>()
                    / h_order as f64;
                assert!((character(induced.as_ref(), g) - frobenius).abs() < 1e-9);
            }
            for g_expr in ["triv", "V", "sym2(V)"] {
                let psi = build(&group, g_expr);
                let restricted = rep::restrict(&psi, &embedding).unwrap();
                let lhs = inner_product(&group, induced.as_ref(), psi.as_ref());
                let rhs = inner_product(&h, rho.as_ref(), restricted.as_ref());
                assert!(
                    (lhs - rhs).abs() < 1e-9,
                    "{name}: {h_expr} vs {g_expr}: {lhs} {rhs}"
                );
            }
        }
    }
}

/// dρ(X) = d/dt ρ(exp tX) for every construction over SO(2) and O(2): the Kronecker sum rule
/// for tensor products, derivations for Sym/Alt, −Xᵀ for duals.
#[test]
fn lie_algebra_matrices_are_differentials() {
    let so2 = Arc::new(SO2);
    let o2 = Arc::new(O2);
    for expr in [
        "V",
        "1 + 3",
        "V*2",
        "sym3(V + 2)",
        "alt2(V + 1 + 3)",
        "alt2(V*V)",
        "alt3(sym2(V) + 1)",
        "dual(V)*V",
        "V^3",
    ] {
        let rep = build(&so2, expr);
        assert!(
            lie_algebra_residual(rep.as_ref()).unwrap() < 1e-8,
            "SO2 {expr}"
        );
        assert!(
            homomorphism_residual(rep.as_ref(), 8, 1).unwrap() < 1e-9,
            "SO2 {expr}"
        );
    }
    for expr in ["V", "0- + 2", "sign*V*1", "sym2(V + 0-)", "alt2(1 + 2)"] {
        let rep = build(&o2, expr);
        assert!(
            lie_algebra_residual(rep.as_ref()).unwrap() < 1e-8,
            "O2 {expr}"
        );
        assert!(
            homomorphism_residual(rep.as_ref(), 8, 1).unwrap() < 1e-9,
            "O2 {expr}"
        );
    }
}

/// Restriction from O(2) to SO(2) carries the Lie algebra along.
#[test]
fn restriction_of_lie_group_representations() {
    let o2 = Arc::new(O2);
    let so2 = Arc::new(SO2);
    let embedding = Subgroup::new(
        o2.clone(),
        so2.clone(),
        Arc::new(|t: &f64| equivariant::group::O2Element {
            angle: *t,
            reflection: false,
        }),
        vec![vec![1.0]],
    )
    .unwrap();
    let rep = build(&o2, "sym2(V) + 3");
    let restricted = rep::restrict(&rep, &embedding).unwrap();
    assert!(lie_algebra_residual(restricted.as_ref()).unwrap() < 1e-8);
    assert!(homomorphism_residual(restricted.as_ref(), 8, 2).unwrap() < 1e-9);
    // The doubling map θ ↦ 2θ of SO(2) into itself has differential c = [[2]]: a code that
    // ignored c would fail here.
    let doubling = Subgroup::new(
        so2.clone(),
        so2.clone(),
        Arc::new(|t: &f64| 2.0 * t),
        vec![vec![2.0]],
    )
    .unwrap();
    let rep = build(&so2, "V*1 + 2");
    let restricted = rep::restrict(&rep, &doubling).unwrap();
    assert!(lie_algebra_residual(restricted.as_ref()).unwrap() < 1e-8);
}

#[test]
fn oversized_and_undefined_representations_are_refused() {
    let group = finite("S5");
    match build_rep(&group, &parse_rep("sym12(reg)").unwrap()) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains("iB"), "{needed}"),
        Err(e) => panic!("expected TooLarge, got {e}"),
        Ok(_) => panic!("expected TooLarge"),
    }
    assert!(matches!(
        build_rep(&group, &parse_rep("V^40").unwrap()),
        Err(Error::TooLarge { .. })
    ));
    let c5 = finite("C5");
    assert!(matches!(
        build_rep(&c5, &parse_rep("sign").unwrap()),
        Err(Error::InvalidInput(_))
    ));
    assert!(build_rep(&Arc::new(SO2), &parse_rep("reg").unwrap()).is_err());
}

/// A random expression from the grammar with large degrees, exponents and multiplicities.
fn wild_expression(rng: &mut StdRng, depth: u32) -> String {
    let atoms = ["V", "triv", "sign", "reg", "0", "1", "2", "X.1", "[2,1]"];
    if depth == 0 {
        return atoms[rng.random_range(0..atoms.len())].to_string();
    }
    let a = wild_expression(rng, depth - 1);
    let n = [1, 2, 3, 7, 40, 1000, 100000][rng.random_range(0..7)];
    match rng.random_range(0..8) {
        0 => format!("{a} + {}", wild_expression(rng, depth - 1)),
        1 => format!("({a})*({})", wild_expression(rng, depth - 1)),
        2 => format!("({a})^{n}"),
        3 => format!("sym{n}({a})"),
        4 => format!("alt{n}({a})"),
        5 => format!("{n}x ({a})"),
        6 => format!("dual({a})"),
        _ => a,
    }
}

/// Building and evaluating any expression never panics: it is an error, or a representation
/// whose character at the identity is its dimension (`χ(e) = tr I`), with the fast character
/// equal to the trace whenever the matrices are small enough to form.
#[test]
fn wild_expressions_build_or_fail_cleanly() {
    fn prop(which: u8, seed: u64) -> bool {
        let group = finite(["S3", "C4", "Q8", "I", "S1", "D2"][which as usize % 6]);
        let mut rng = StdRng::seed_from_u64(seed);
        let text = wild_expression(&mut rng, 3);
        let Ok(expr) = parse_rep(&text) else {
            return true;
        };
        let Ok(rep) = build_rep(&group, &expr) else {
            return true;
        };
        let identity = group.identity();
        let chi_e = rep.character(&identity);
        if (chi_e - rep.dim() as f64).abs() > 1e-6 * (1.0 + rep.dim() as f64) {
            return false;
        }
        if rep.dim() <= 64 {
            let g = random_elements(group.as_ref(), 1, seed).unwrap().remove(0);
            let trace = character(rep.as_ref(), &g);
            return (rep.character(&g) - trace).abs() < 1e-6 * (1.0 + trace.abs());
        }
        true
    }
    QuickCheck::new()
        .tests(300)
        .quickcheck(prop as fn(u8, u64) -> bool);
}

/// Arbitrary strings never make the parser or the builder panic.
#[test]
fn building_arbitrary_expressions_never_panics() {
    fn prop(which: u8, text: String) -> bool {
        let group = finite(["S3", "C4", "Q8", "I"][which as usize % 4]);
        if let Ok(expr) = parse_rep(&text) {
            let _ = build_rep(&group, &expr);
        }
        true
    }
    QuickCheck::new()
        .tests(500)
        .quickcheck(prop as fn(u8, String) -> bool);
}
