//! Character tables (Burnside–Dixon–Schneider): the theorems of `theory/characters.md` and
//! `theory/schur.md` checked on every named group and on random permutation groups, known
//! tables (GAP's), multiplicities of constructed representations, and bad input.

mod common;

use common::finite;
use equivariant::Error;
use equivariant::character::{
    CharacterTable, Cyclotomic, RealType, character_of, character_table, character_table_seeded,
};
use equivariant::group::{FiniteGroup, Group, Permutation, PermutationGroup};
use equivariant::io::build::build_rep;
use equivariant::io::expr::parse_rep;
use equivariant::linalg::{kron, nullspace_svd};
use equivariant::rep::{self, Rep};
use nalgebra::DMatrix;
use num_complex::Complex64;
use quickcheck::{QuickCheck, TestResult};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::sync::Arc;
use std::time::Instant;

/// Every named finite group the property tests run over.
const NAMED: &[&str] = &[
    "S1", "S2", "S3", "S4", "S5", "S6", "A4", "A5", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "D1",
    "D2", "D3", "D4", "D5", "D6", "Q8", "T", "O", "I", "Td", "Oh", "Ih", "C2xS3", "C3xD4",
    "C2xC2xC2", "S3xS3", "Q8xC3", "A4xC2", "C5xA5",
];

fn table_of(group: &PermutationGroup) -> CharacterTable {
    character_table(group).unwrap_or_else(|e| panic!("{}: {e}", group.name()))
}

fn build(group: &Arc<PermutationGroup>, expr: &str) -> Rep<PermutationGroup> {
    build_rep(group, &parse_rep(expr).unwrap()).unwrap_or_else(|e| panic!("{expr}: {e}"))
}

fn real(values: &[f64]) -> Vec<Complex64> {
    values.iter().map(|&x| Complex64::new(x, 0.0)).collect()
}

/// `max |Σ_k h_k χ_i(g_k) conj χ_j(g_k) − |G| δ_ij| / |G|`, computed here from the values.
fn row_residual(t: &CharacterTable) -> f64 {
    let r = t.num_classes();
    let mut worst: f64 = 0.0;
    for i in 0..r {
        for j in 0..r {
            let sum: Complex64 = (0..r)
                .map(|k| t.values[i][k] * t.values[j][k].conj() * t.classes[k].size as f64)
                .sum();
            let expected = if i == j { t.order as f64 } else { 0.0 };
            worst = worst.max((sum - expected).norm() / t.order as f64);
        }
    }
    worst
}

/// `max |Σ_i χ_i(g_k) conj χ_i(g_l) − (|G|/h_k) δ_kl| · h_k/|G|`.
fn column_residual(t: &CharacterTable) -> f64 {
    let r = t.num_classes();
    let mut worst: f64 = 0.0;
    for k in 0..r {
        let centraliser = t.order as f64 / t.classes[k].size as f64;
        for l in 0..r {
            let sum: Complex64 = (0..r).map(|i| t.values[i][k] * t.values[i][l].conj()).sum();
            let expected = if k == l { centraliser } else { 0.0 };
            worst = worst.max((sum - expected).norm() / centraliser);
        }
    }
    worst
}

fn involutions_and_identity(group: &PermutationGroup) -> usize {
    group
        .elements()
        .unwrap()
        .iter()
        .filter(|g| g.compose(g) == group.identity())
        .count()
}

/// Orbits of the group on `{0…n−1}` under `act(generator, point)`, by breadth-first search.
fn count_orbits(
    n: usize,
    generators: &[Permutation],
    act: impl Fn(&Permutation, usize) -> usize,
) -> usize {
    let mut seen = vec![false; n];
    let mut orbits = 0;
    for start in 0..n {
        if seen[start] {
            continue;
        }
        orbits += 1;
        seen[start] = true;
        let mut stack = vec![start];
        while let Some(x) = stack.pop() {
            for g in generators {
                let y = act(g, x);
                if !seen[y] {
                    seen[y] = true;
                    stack.push(y);
                }
            }
        }
    }
    orbits
}

/// The theorems every character table satisfies; `Err` names the first that fails.
fn check_relations(group: &PermutationGroup, t: &CharacterTable) -> Result<(), String> {
    let name = group.name();
    let r = t.num_classes();
    if t.irreps.len() != r || t.values.len() != r {
        return Err(format!("{name}: {} irreps for {r} classes", t.irreps.len()));
    }
    let rows = row_residual(t);
    let columns = column_residual(t);
    if rows > 1e-10 || columns > 1e-10 {
        return Err(format!(
            "{name}: orthogonality residuals {rows:.1e} (rows), {columns:.1e} (columns)"
        ));
    }
    let dims = t.dims();
    if dims.iter().map(|d| d * d).sum::<u64>() != t.order {
        return Err(format!("{name}: Σ d² ≠ |G| for degrees {dims:?}"));
    }
    if let Some(d) = dims.iter().find(|&&d| !t.order.is_multiple_of(d)) {
        return Err(format!("{name}: degree {d} does not divide {}", t.order));
    }
    if t.values[0].iter().any(|v| (v - 1.0).norm() > 1e-12) {
        return Err(format!("{name}: X.1 is not the trivial character"));
    }
    if dims.windows(2).any(|w| w[0] > w[1]) {
        return Err(format!("{name}: rows not ordered by degree: {dims:?}"));
    }
    let indicators: Vec<i32> = t.irreps.iter().map(|i| i.indicator).collect();
    if indicators.iter().any(|i| !(-1..=1).contains(i)) {
        return Err(format!("{name}: indicators {indicators:?}"));
    }
    let weighted: i64 = t
        .irreps
        .iter()
        .map(|i| i.indicator as i64 * i.dim as i64)
        .sum();
    let solutions = involutions_and_identity(group) as i64;
    if weighted != solutions {
        return Err(format!(
            "{name}: Σ ν_i d_i = {weighted} but #{{g : g² = e}} = {solutions}"
        ));
    }
    for (i, irrep) in t.irreps.iter().enumerate() {
        let real_valued = t.values[i].iter().all(|v| v.im.abs() < 1e-12);
        if real_valued != (irrep.real_type != RealType::Complex) {
            return Err(format!(
                "{name}: {} has indicator {} but real-valuedness {real_valued}",
                irrep.label, irrep.indicator
            ));
        }
    }
    Ok(())
}

#[test]
fn rows_and_columns_are_orthogonal_on_named_groups() {
    for &name in NAMED {
        let group = finite(name);
        let t = table_of(&group);
        assert!(
            row_residual(&t) < 1e-10,
            "{name}: rows {:.1e}",
            row_residual(&t)
        );
        assert!(
            column_residual(&t) < 1e-10,
            "{name}: columns {:.1e}",
            column_residual(&t)
        );
        assert!(t.max_orthogonality_residual < 1e-10, "{name}");
    }
}

#[test]
fn degrees_square_sum_to_the_order_divide_it_and_count_the_classes() {
    for &name in NAMED {
        let group = finite(name);
        let t = table_of(&group);
        assert_eq!(
            t.irreps.len(),
            group.conjugacy_classes().unwrap().len(),
            "{name}"
        );
        assert_eq!(
            t.dims().iter().map(|d| d * d).sum::<u64>(),
            t.order,
            "{name}"
        );
        assert!(
            t.dims().iter().all(|d| t.order.is_multiple_of(*d)),
            "{name}: {:?}",
            t.dims()
        );
    }
}

#[test]
fn indicators_count_the_square_roots_of_the_identity() {
    for &name in NAMED {
        let group = finite(name);
        let t = table_of(&group);
        check_relations(&group, &t).unwrap();
    }
}

/// All the relations on groups generated by two random permutations of degree ≤ 7, and
/// Burnside's lemma for their action on the points.
#[test]
fn random_generated_groups_satisfy_the_character_relations() {
    fn prop(seed: u64) -> TestResult {
        let mut rng = StdRng::seed_from_u64(seed);
        let n = rng.random_range(1..=7usize);
        let mut random_perm = || {
            let mut images: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                images.swap(i, rng.random_range(0..=i));
            }
            Permutation::from_images(images).unwrap()
        };
        let generators = vec![random_perm(), random_perm()];
        let group = PermutationGroup::from_permutations("random", generators.clone()).unwrap();
        if group.elements().unwrap().len() > 5040 {
            return TestResult::discard();
        }
        let t = table_of(&group);
        if let Err(e) = check_relations(&group, &t) {
            return TestResult::error(e);
        }
        let fixed: Vec<f64> = t
            .classes
            .iter()
            .map(|c| c.representative.fixed_points() as f64)
            .collect();
        let m = t.multiplicities(&real(&fixed)).unwrap();
        TestResult::from_bool(
            m.complex[0] as usize == count_orbits(n, &generators, |g, x| g.apply(x)),
        )
    }
    QuickCheck::new()
        .tests(60)
        .quickcheck(prop as fn(u64) -> TestResult);
}

/// The characters of `V`, `V^2`, `sym2(V)`, `alt2(V)` and `reg` are non-negative integer
/// combinations of the irreducibles with the right dimension; `reg` contains `χ_i` exactly
/// `χ_i(1)` times; the real multiplicities rebuild the dimension from the real irreducibles.
#[test]
fn constructed_representations_decompose_into_irreducibles() {
    for &name in NAMED {
        let group = finite(name);
        let t = table_of(&group);
        for expr in ["V", "V^2", "sym2(V)", "alt2(V)", "reg"] {
            let rep = build(&group, expr);
            let chi = character_of(&t, rep.as_ref()).unwrap();
            let m = t
                .multiplicities(&chi)
                .unwrap_or_else(|e| panic!("{name} {expr}: {e}"));
            assert!(m.max_residual < 1e-8, "{name} {expr}");
            let dim: u64 = m.complex.iter().zip(t.dims()).map(|(m, d)| m * d).sum();
            assert_eq!(dim as usize, rep.dim(), "{name} {expr}");
            let real = m
                .real
                .clone()
                .unwrap_or_else(|| panic!("{name} {expr}: real multiplicities"));
            let real_dim: u64 = real
                .iter()
                .zip(t.real_irreps())
                .map(|(m, ri)| m * ri.dim)
                .sum();
            assert_eq!(real_dim as usize, rep.dim(), "{name} {expr}: over R");
            for (ri, &mr) in t.real_irreps().iter().zip(&real) {
                let mc = m.complex[ri.constituents[0]];
                match ri.real_type {
                    RealType::Quaternionic => assert_eq!(2 * mr, mc, "{name} {expr} {}", ri.label),
                    _ => assert_eq!(mr, mc, "{name} {expr} {}", ri.label),
                }
            }
            if expr == "reg" {
                assert_eq!(m.complex, t.dims(), "{name}: reg = ⊕ d_i χ_i");
            }
        }
    }
}

/// Burnside's lemma: the number of orbits of a permutation representation is
/// `⟨χ_perm, 1⟩`, on the points and on ordered pairs of points.
#[test]
fn burnside_lemma_counts_orbits() {
    for &name in NAMED {
        let group = finite(name);
        let t = table_of(&group);
        let n = group.degree();
        let generators = group.generators();
        let on_points =
            rep::permutation(&group, n, Arc::new(|g: &Permutation| g.images()), "points").unwrap();
        let on_pairs = rep::permutation(
            &group,
            n * n,
            Arc::new(move |g: &Permutation| {
                (0..n * n)
                    .map(|p| g.apply(p / n) * n + g.apply(p % n))
                    .collect()
            }),
            "pairs",
        )
        .unwrap();
        let orbits_points = count_orbits(n, &generators, |g, x| g.apply(x));
        let orbits_pairs = count_orbits(n * n, &generators, |g, p| {
            g.apply(p / n) * n + g.apply(p % n)
        });
        for (rep, orbits) in [(on_points, orbits_points), (on_pairs, orbits_pairs)] {
            let m = t
                .multiplicities(&character_of(&t, rep.as_ref()).unwrap())
                .unwrap();
            assert_eq!(
                m.complex[0] as usize,
                orbits,
                "{name} {}",
                rep.description()
            );
        }
    }
}

/// Schur over R and C: `dim_R Hom_G(V, W)` (the nullspace of `ρ_W(g) A = A ρ_V(g)` for the
/// generators) equals `⟨χ_V, χ_W⟩ = Σ_i m_i n_i` and `Σ_real m_i n_i dim End(ρ_i)`.
#[test]
fn hom_dimensions_from_characters_match_the_intertwiner_nullspace() {
    for name in [
        "S3", "S4", "C3", "C4", "D4", "Q8", "A4", "T", "C2xS3", "Q8xC3",
    ] {
        let group = finite(name);
        let t = table_of(&group);
        for (a, b) in [
            ("V", "V"),
            ("V", "V^2"),
            ("sym2(V)", "V^2"),
            ("V", "alt2(V)"),
        ] {
            let (v, w) = (build(&group, a), build(&group, b));
            if v.dim() * w.dim() > 300 {
                continue;
            }
            let mv = t
                .multiplicities(&character_of(&t, v.as_ref()).unwrap())
                .unwrap();
            let mw = t
                .multiplicities(&character_of(&t, w.as_ref()).unwrap())
                .unwrap();
            let complex: u64 = mv.complex.iter().zip(&mw.complex).map(|(x, y)| x * y).sum();
            let over_r: u64 = mv
                .real
                .unwrap()
                .iter()
                .zip(mw.real.unwrap())
                .zip(t.real_irreps())
                .map(|((x, y), ri)| x * y * ri.real_type.endomorphism_dim() as u64)
                .sum();
            // vec(ρ_W A − A ρ_V) = (I ⊗ ρ_W − ρ_Vᵀ ⊗ I) vec(A)
            let blocks: Vec<DMatrix<f64>> = group
                .generators()
                .iter()
                .map(|g| {
                    kron(&DMatrix::identity(v.dim(), v.dim()), &w.matrix(g)).unwrap()
                        - kron(
                            &v.matrix(g).transpose(),
                            &DMatrix::identity(w.dim(), w.dim()),
                        )
                        .unwrap()
                })
                .collect();
            let rows: usize = blocks.iter().map(|b| b.nrows()).sum();
            let mut stacked = DMatrix::zeros(rows, v.dim() * w.dim());
            let mut offset = 0;
            for b in &blocks {
                stacked.view_mut((offset, 0), b.shape()).copy_from(b);
                offset += b.nrows();
            }
            let nullity = nullspace_svd(&stacked, None).unwrap().basis.ncols() as u64;
            assert_eq!(nullity, complex, "{name}: Hom({a}, {b}) over C");
            assert_eq!(nullity, over_r, "{name}: Hom({a}, {b}) over R");
        }
    }
}

#[test]
fn quaternion_group_has_exactly_one_quaternionic_irrep() {
    let group = finite("Q8");
    let t = table_of(&group);
    let quaternionic: Vec<_> = t.irreps.iter().filter(|i| i.indicator == -1).collect();
    assert_eq!(quaternionic.len(), 1);
    assert_eq!(quaternionic[0].dim, 2);
    assert_eq!(quaternionic[0].real_type, RealType::Quaternionic);
    let real = t.real_irreps();
    let h: Vec<_> = real
        .iter()
        .filter(|r| r.real_type == RealType::Quaternionic)
        .collect();
    assert_eq!((h.len(), h[0].dim, h[0].label.as_str()), (1, 4, "X.5"));
    // V: left multiplication on the quaternions, the realification of the 2-dim irrep.
    let m = t
        .multiplicities(&character_of(&t, build(&group, "V").as_ref()).unwrap())
        .unwrap();
    assert_eq!(m.describe_complex(&t), "2xX.5");
    assert_eq!(m.describe_real(&t).unwrap(), "X.5");
    // The quaternionic character itself is real-valued but not the character of a real rep.
    let chi = t.values[4].clone();
    assert_eq!(t.multiplicities(&chi).unwrap().real, None);
}

#[test]
fn cyclic_group_of_order_three_has_one_real_irrep_of_complex_type() {
    let group = finite("C3");
    let t = table_of(&group);
    assert_eq!(t.dims(), vec![1, 1, 1]);
    assert_eq!(
        t.irreps.iter().map(|i| i.indicator).collect::<Vec<_>>(),
        vec![1, 0, 0]
    );
    assert_eq!((t.irreps[1].conjugate, t.irreps[2].conjugate), (2, 1));
    let real = t.real_irreps();
    assert_eq!(real.len(), 2);
    assert_eq!(
        (real[1].label.as_str(), real[1].dim, real[1].real_type),
        ("X.2+X.3", 2, RealType::Complex)
    );
    assert_eq!(real[1].real_type.endomorphism_dim(), 2);
    // V is the rotation by 2π/3: the realification of X.2.
    let m = t
        .multiplicities(&character_of(&t, build(&group, "V").as_ref()).unwrap())
        .unwrap();
    assert_eq!(m.describe_complex(&t), "X.2 + X.3");
    assert_eq!(m.describe_real(&t).unwrap(), "X.2+X.3");
    assert_eq!(t.exact[1][1].to_string(), "E(3)");
}

#[test]
fn known_degrees_and_the_golden_ratio_of_the_icosahedral_group() {
    for (name, dims) in [
        ("S4", vec![1, 1, 2, 3, 3]),
        ("O", vec![1, 1, 2, 3, 3]),
        ("A4", vec![1, 1, 1, 3]),
        ("I", vec![1, 3, 3, 4, 5]),
        ("A5", vec![1, 3, 3, 4, 5]),
        ("S5", vec![1, 1, 4, 4, 5, 5, 6]),
        ("Q8", vec![1, 1, 1, 1, 2]),
        ("D4", vec![1, 1, 1, 1, 2]),
        ("D5", vec![1, 1, 2, 2]),
    ] {
        assert_eq!(table_of(&finite(name)).dims(), dims, "{name}");
    }
    let t = table_of(&finite("I"));
    let phi = (1.0 + 5f64.sqrt()) / 2.0;
    for i in [1, 2] {
        for expected in [phi, 1.0 - phi] {
            assert!(
                t.values[i].iter().any(|v| (v - expected).norm() < 1e-14),
                "X.{} lacks {expected}",
                i + 1
            );
        }
        assert!(t.exact[i].iter().any(|v| v.to_string() == "-E(5)^2-E(5)^3"));
        assert!(t.exact[i].iter().any(|v| v.to_string() == "-E(5)-E(5)^4"));
    }
    // V of I (rotations) is one of the two 3-dimensional irreducibles.
    let group = finite("I");
    let m = t
        .multiplicities(&character_of(&t, build(&group, "V").as_ref()).unwrap())
        .unwrap();
    assert_eq!(m.complex.iter().sum::<u64>(), 1);
    assert_eq!(m.complex[1] + m.complex[2], 1);
}

#[test]
fn s5_tensor_square_of_v_decomposes_by_partitions() {
    let group = finite("S5");
    let t = table_of(&group);
    let m = t
        .multiplicities(&character_of(&t, build(&group, "V^2").as_ref()).unwrap())
        .unwrap();
    let of = |label: &str| m.complex[t.irrep_index(label).unwrap()];
    assert_eq!(
        (of("[5]"), of("[4,1]"), of("[3,2]"), of("[3,1,1]")),
        (2, 3, 1, 1)
    );
    assert_eq!(m.complex.iter().sum::<u64>(), 7);
    assert_eq!(m.describe_complex(&t), "2x[5] + 3x[4,1] + [3,2] + [3,1,1]");
}

fn hook_length_dim(lambda: &[usize]) -> u64 {
    let n: usize = lambda.iter().sum();
    let mut hooks: u64 = 1;
    for (i, &row) in lambda.iter().enumerate() {
        for j in 0..row {
            let arm = row - j - 1;
            let leg = lambda[i + 1..].iter().filter(|&&r| r > j).count();
            hooks *= (arm + leg + 1) as u64;
        }
    }
    (1..=n as u64).product::<u64>() / hooks
}

/// Independent checks of the partition labels of `S_n`, `n ≤ 6`: `[n]` is trivial,
/// `[1^n]` the sign, `[n−1,1]` is (fixed points − 1), and every `S^λ` has the hook-length degree.
#[test]
fn symmetric_group_labels_match_trivial_sign_standard_and_hook_lengths() {
    for n in 1..=6usize {
        let group = finite(&format!("S{n}"));
        let t = table_of(&group);
        let row = |label: &str| {
            &t.values[t
                .irrep_index(label)
                .unwrap_or_else(|| panic!("S{n}: {label}"))]
        };
        let ones = format!("[{}]", vec!["1"; n].join(","));
        for (k, class) in t.classes.iter().enumerate() {
            let g = &class.representative;
            assert!((row(&format!("[{n}]"))[k] - 1.0).norm() < 1e-12);
            assert!(
                (row(&ones)[k] - g.sign() as f64).norm() < 1e-12,
                "S{n} sign"
            );
            if n >= 2 {
                let standard = row(&format!("[{},1]", n - 1))[k];
                assert!(
                    (standard - (g.fixed_points() as f64 - 1.0)).norm() < 1e-12,
                    "S{n} standard"
                );
            }
        }
        for irrep in &t.irreps {
            let lambda = irrep.partition.as_ref().unwrap();
            assert_eq!(irrep.dim, hook_length_dim(lambda), "S{n} {}", irrep.label);
            assert!(irrep.gap_label.starts_with("X."));
        }
    }
}

/// GAP 4.12's tables (`Irr(CharacterTable(G))`, values as GAP prints them) agree with ours up
/// to the order of rows and columns, value for value in GAP's notation, and with the
/// indicators. `I` is compared with `AlternatingGroup(5)`.
const GAP_TABLES: &str = "
GROUP S4
SIZES 1 6 3 8 6
ORDERS 1 2 2 3 4
ROW 1 -1 1 1 -1
ROW 3 -1 -1 0 1
ROW 2 0 2 -1 0
ROW 3 1 -1 0 -1
ROW 1 1 1 1 1
IND 1 1 1 1 1
GROUP A5 I
SIZES 1 15 20 12 12
ORDERS 1 2 3 5 5
ROW 1 1 1 1 1
ROW 3 -1 0 -E(5)-E(5)^4 -E(5)^2-E(5)^3
ROW 3 -1 0 -E(5)^2-E(5)^3 -E(5)-E(5)^4
ROW 4 0 1 -1 -1
ROW 5 1 -1 0 0
IND 1 1 1 1 1
GROUP D5
SIZES 1 5 2 2
ORDERS 1 2 5 5
ROW 1 1 1 1
ROW 1 -1 1 1
ROW 2 0 E(5)^2+E(5)^3 E(5)+E(5)^4
ROW 2 0 E(5)+E(5)^4 E(5)^2+E(5)^3
IND 1 1 1 1
GROUP Q8
SIZES 1 2 2 1 2
ORDERS 1 4 4 2 4
ROW 1 1 1 1 1
ROW 1 -1 -1 1 1
ROW 1 -1 1 1 -1
ROW 1 1 -1 1 -1
ROW 2 0 0 -2 0
IND 1 1 1 1 -1
GROUP C2xS3
SIZES 1 3 2 1 3 2
ORDERS 1 2 3 2 2 6
ROW 1 1 1 1 1 1
ROW 1 -1 1 -1 1 -1
ROW 1 -1 1 1 -1 1
ROW 1 1 1 -1 -1 -1
ROW 2 0 -1 -2 0 1
ROW 2 0 -1 2 0 -1
IND 1 1 1 1 1 1
GROUP C3xD4
SIZES 1 2 2 1 2 1 2 2 1 2 1 2 2 1 2
ORDERS 1 2 4 2 2 3 6 12 6 6 3 6 12 6 6
ROW 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
ROW 1 -1 1 1 -1 1 -1 1 1 -1 1 -1 1 1 -1
ROW 1 1 -1 1 -1 1 1 -1 1 -1 1 1 -1 1 -1
ROW 1 -1 -1 1 1 1 -1 -1 1 1 1 -1 -1 1 1
ROW 1 1 1 1 1 E(3) E(3) E(3) E(3) E(3) E(3)^2 E(3)^2 E(3)^2 E(3)^2 E(3)^2
ROW 1 -1 1 1 -1 E(3) -E(3) E(3) E(3) -E(3) E(3)^2 -E(3)^2 E(3)^2 E(3)^2 -E(3)^2
ROW 1 1 -1 1 -1 E(3) E(3) -E(3) E(3) -E(3) E(3)^2 E(3)^2 -E(3)^2 E(3)^2 -E(3)^2
ROW 1 -1 -1 1 1 E(3) -E(3) -E(3) E(3) E(3) E(3)^2 -E(3)^2 -E(3)^2 E(3)^2 E(3)^2
ROW 1 1 1 1 1 E(3)^2 E(3)^2 E(3)^2 E(3)^2 E(3)^2 E(3) E(3) E(3) E(3) E(3)
ROW 1 -1 1 1 -1 E(3)^2 -E(3)^2 E(3)^2 E(3)^2 -E(3)^2 E(3) -E(3) E(3) E(3) -E(3)
ROW 1 1 -1 1 -1 E(3)^2 E(3)^2 -E(3)^2 E(3)^2 -E(3)^2 E(3) E(3) -E(3) E(3) -E(3)
ROW 1 -1 -1 1 1 E(3)^2 -E(3)^2 -E(3)^2 E(3)^2 E(3)^2 E(3) -E(3) -E(3) E(3) E(3)
ROW 2 0 0 -2 0 2 0 0 -2 0 2 0 0 -2 0
ROW 2 0 0 -2 0 2*E(3) 0 0 -2*E(3) 0 2*E(3)^2 0 0 -2*E(3)^2 0
ROW 2 0 0 -2 0 2*E(3)^2 0 0 -2*E(3)^2 0 2*E(3) 0 0 -2*E(3) 0
IND 1 1 1 1 0 0 0 0 0 0 0 0 1 0 0
GROUP C9
SIZES 1 1 1 1 1 1 1 1 1
ORDERS 1 9 9 3 9 9 3 9 9
ROW 1 1 1 1 1 1 1 1 1
ROW 1 E(3) E(3)^2 1 E(3) E(3)^2 1 E(3) E(3)^2
ROW 1 E(3)^2 E(3) 1 E(3)^2 E(3) 1 E(3)^2 E(3)
ROW 1 -E(9)^4-E(9)^7 E(9)^2 E(3) E(9)^4 E(9)^5 E(3)^2 E(9)^7 -E(9)^2-E(9)^5
ROW 1 E(9)^4 -E(9)^2-E(9)^5 E(3) E(9)^7 E(9)^2 E(3)^2 -E(9)^4-E(9)^7 E(9)^5
ROW 1 E(9)^7 E(9)^5 E(3) -E(9)^4-E(9)^7 -E(9)^2-E(9)^5 E(3)^2 E(9)^4 E(9)^2
ROW 1 E(9)^2 E(9)^4 E(3)^2 -E(9)^2-E(9)^5 -E(9)^4-E(9)^7 E(3) E(9)^5 E(9)^7
ROW 1 E(9)^5 -E(9)^4-E(9)^7 E(3)^2 E(9)^2 E(9)^7 E(3) -E(9)^2-E(9)^5 E(9)^4
ROW 1 -E(9)^2-E(9)^5 E(9)^7 E(3)^2 E(9)^5 E(9)^4 E(3) E(9)^2 -E(9)^4-E(9)^7
IND 1 0 0 0 0 0 0 0 0
";

struct Flat {
    sizes: Vec<String>,
    orders: Vec<String>,
    rows: Vec<Vec<String>>,
    indicators: Vec<String>,
}

fn flatten(t: &CharacterTable) -> Flat {
    Flat {
        sizes: t.classes.iter().map(|c| c.size.to_string()).collect(),
        orders: t
            .classes
            .iter()
            .map(|c| c.element_order.to_string())
            .collect(),
        rows: t
            .exact
            .iter()
            .map(|row| row.iter().map(Cyclotomic::to_string).collect())
            .collect(),
        indicators: t.irreps.iter().map(|i| i.indicator.to_string()).collect(),
    }
}

/// Whether some bijection of the columns of `a` onto those of `b` (respecting class size and
/// element order) maps the rows of `a` (with indicators) onto those of `b` as multisets.
fn same_table_up_to_order(a: &Flat, b: &Flat) -> bool {
    let r = a.sizes.len();
    if r != b.sizes.len() || a.rows.len() != b.rows.len() {
        return false;
    }
    let column = |f: &Flat, k: usize| {
        let mut c: Vec<String> = f.rows.iter().map(|row| row[k].clone()).collect();
        c.sort();
        c
    };
    let mut target: Vec<(Vec<String>, String)> = b
        .rows
        .iter()
        .cloned()
        .zip(b.indicators.iter().cloned())
        .collect();
    target.sort();
    fn search(
        a: &Flat,
        b: &Flat,
        perm: &mut Vec<usize>,
        target: &[(Vec<String>, String)],
        column: &dyn Fn(&Flat, usize) -> Vec<String>,
    ) -> bool {
        let k = perm.len();
        if k == a.sizes.len() {
            let mut rows: Vec<(Vec<String>, String)> = a
                .rows
                .iter()
                .map(|row| perm.iter().map(|&j| row[j].clone()).collect())
                .zip(a.indicators.iter().cloned())
                .collect();
            rows.sort();
            return rows == target;
        }
        for j in 0..a.sizes.len() {
            if perm.contains(&j)
                || a.sizes[j] != b.sizes[k]
                || a.orders[j] != b.orders[k]
                || column(a, j) != column(b, k)
            {
                continue;
            }
            perm.push(j);
            if search(a, b, perm, target, column) {
                return true;
            }
            perm.pop();
        }
        false
    }
    search(a, b, &mut Vec::new(), &target, &column)
}

#[test]
fn tables_agree_with_gap_up_to_row_and_column_order() {
    let mut blocks = GAP_TABLES
        .split("GROUP ")
        .filter(|b| !b.trim().is_empty())
        .peekable();
    assert!(blocks.peek().is_some());
    for block in blocks {
        let mut lines = block.lines();
        let names: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
        let mut gap = Flat {
            sizes: vec![],
            orders: vec![],
            rows: vec![],
            indicators: vec![],
        };
        for line in lines {
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            let items: Vec<String> = rest.split_whitespace().map(String::from).collect();
            match key {
                "SIZES" => gap.sizes = items,
                "ORDERS" => gap.orders = items,
                "ROW" => gap.rows.push(items),
                "IND" => gap.indicators = items,
                _ => {}
            }
        }
        for name in names {
            let ours = flatten(&table_of(&finite(name)));
            assert!(
                same_table_up_to_order(&ours, &gap),
                "{name} differs from GAP"
            );
        }
    }
    // The comparison can fail: one changed value makes the tables differ.
    let mut wrong = flatten(&table_of(&finite("A5")));
    wrong.rows[4][1] = "2".into();
    assert!(!same_table_up_to_order(
        &wrong,
        &flatten(&table_of(&finite("I")))
    ));
}

/// The exact values evaluate to the numerical ones, sum `χ(1)` roots at the identity, and their
/// printed GAP form (terms `c*E(d)^b`) evaluates to the same number.
#[test]
fn exact_values_reproduce_the_numerical_values() {
    for &name in NAMED {
        let t = table_of(&finite(name));
        for (i, row) in t.exact.iter().enumerate() {
            assert_eq!(row[0].count(), t.irreps[i].dim);
            for (k, x) in row.iter().enumerate() {
                assert_eq!(x.order(), t.classes[k].element_order);
                assert!((x.to_complex() - t.values[i][k]).norm() < 1e-13);
                let (d, terms) = x.zumbroich_form();
                let printed: Complex64 = terms
                    .iter()
                    .map(|&(b, c)| {
                        Complex64::from_polar(
                            c as f64,
                            2.0 * std::f64::consts::PI * b as f64 / d as f64,
                        )
                    })
                    .sum();
                assert!((printed - t.values[i][k]).norm() < 1e-10, "{name}: {x}");
                if let Some(n) = x.as_integer() {
                    assert!((t.values[i][k] - n as f64).norm() < 1e-12);
                    assert_eq!(x.to_string(), n.to_string());
                }
            }
        }
    }
}

/// The power maps and inverse classes are the classes of `g_k^p` and `g_k⁻¹`.
#[test]
fn power_maps_are_the_classes_of_powers() {
    for name in ["S5", "A5", "C3xD4", "Q8xC3", "Ih", "C7"] {
        let group = finite(name);
        let t = table_of(&group);
        let class_map = group.class_map().unwrap();
        let class_of = |g: &Permutation| class_map[group.index_of(g).unwrap().unwrap()] as usize;
        let order = t.order;
        for p in [2u64, 3, 5, 7] {
            assert_eq!(
                t.power_maps.contains_key(&p),
                order.is_multiple_of(p),
                "{name}: prime {p}"
            );
        }
        for (p, map) in &t.power_maps {
            for (k, c) in t.classes.iter().enumerate() {
                let mut power = group.identity();
                for _ in 0..*p {
                    power = power.compose(&c.representative);
                }
                assert_eq!(
                    map[k],
                    class_of(&power),
                    "{name}: {p}-th power of class {k}"
                );
            }
        }
        for (k, c) in t.classes.iter().enumerate() {
            assert_eq!(t.inverse_classes[k], class_of(&c.representative.inverse()));
        }
    }
}

/// Labels and values do not depend on the random combinations.
#[test]
fn tables_do_not_depend_on_the_seed() {
    for name in ["S5", "C3xD4", "Q8xC3", "C5xA5", "Oh"] {
        let group = finite(name);
        let reference = table_of(&group);
        for seed in [1u64, 2, 99] {
            let t = character_table_seeded(&group, seed).unwrap();
            assert_eq!(t.exact, reference.exact, "{name} seed {seed}");
            assert_eq!(t.irreps, reference.irreps, "{name} seed {seed}");
        }
    }
}

#[test]
fn non_characters_and_foreign_representations_are_rejected() {
    let group = finite("S4");
    let t = table_of(&group);
    let regular = character_of(&t, build(&group, "reg").as_ref()).unwrap();
    let half: Vec<Complex64> = regular.iter().map(|v| v / 2.0).collect();
    assert!(matches!(
        t.multiplicities(&half),
        Err(Error::InvalidInput(_))
    ));
    let negative: Vec<Complex64> = t.values[1].iter().map(|v| -v).collect();
    assert!(matches!(
        t.multiplicities(&negative),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        t.multiplicities(&regular[..3]),
        Err(Error::InvalidInput(_))
    ));
    let s5 = finite("S5");
    assert!(matches!(
        character_of(&t, build(&s5, "V").as_ref()),
        Err(Error::InvalidInput(_))
    ));
    // The character of X.2 of C3 is a character, but not of a real representation.
    let c3 = table_of(&finite("C3"));
    let m = c3.multiplicities(&c3.values[1]).unwrap();
    assert_eq!((m.complex.clone(), m.real), (vec![0, 1, 0], None));
}

/// Groups beyond the limits are refused with `TooLarge` before any enumeration.
#[test]
fn oversized_groups_are_refused_before_work() {
    let start = Instant::now();
    let s12 = PermutationGroup::symmetric(12).unwrap();
    match character_table(&s12) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains("479001600"), "{needed}"),
        other => panic!("S12: {other:?}"),
    }
    let c5000 = PermutationGroup::cyclic(5000).unwrap();
    match character_table(&c5000) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains("5000 classes"), "{needed}"),
        other => panic!("C5000: {other:?}"),
    }
    assert!(
        start.elapsed().as_secs_f64() < 2.0,
        "refusal took {:?}",
        start.elapsed()
    );
}

fn run_cli(args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_equivariant"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `chartable --json` prints one document with DESIGN's keys.
#[test]
fn chartable_cli_prints_design_keys() {
    let (ok, stdout, stderr) = run_cli(&["chartable", "--group", "A5", "--json"]);
    assert!(ok, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    for key in [
        "group",
        "order",
        "seconds",
        "classes",
        "irreps",
        "table",
        "exact",
        "power_maps",
        "real_irreps",
        "max_orthogonality_residual",
    ] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    assert_eq!(doc["order"], 60);
    assert_eq!(doc["classes"].as_array().unwrap().len(), 5);
    assert_eq!(
        doc["classes"][1]["cycle_type"],
        serde_json::json!([2, 2, 1])
    );
    assert_eq!(doc["irreps"][0]["label"], "X.1");
    assert_eq!(doc["irreps"][4]["dim"], 5);
    assert_eq!(doc["irreps"][4]["type"], "R");
    assert_eq!(doc["table"][4][0], 5);
    assert!(doc["table"][1][3].as_f64().is_some());
    assert_eq!(doc["power_maps"]["5"], serde_json::json!([0, 1, 2, 0, 0]));
    let exact: Vec<&str> = doc["exact"][1]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(exact.contains(&"-E(5)^2-E(5)^3"), "{exact:?}");
    let (ok, stdout, _) = run_cli(&["chartable", "--group", "C3", "--json"]);
    assert!(ok);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        doc["table"][1][1].as_array().is_some(),
        "non-real values are [re, im]"
    );
    assert_eq!(doc["real_irreps"][1]["label"], "X.2+X.3");
    assert_eq!(doc["real_irreps"][1]["type"], "C");
    let (ok, stdout, _) = run_cli(&["chartable", "--group", "A4"]);
    assert!(ok);
    assert!(stdout.contains("X.4"), "{stdout}");
}

#[test]
fn chartable_cli_refuses_lie_groups_and_oversized_groups() {
    let (ok, stdout, stderr) = run_cli(&["chartable", "--group", "SO2", "--json"]);
    assert!(!ok && stdout.is_empty());
    assert!(
        stderr.contains("unsupported") && stderr.contains("SO2"),
        "{stderr}"
    );
    let (ok, _, stderr) = run_cli(&["chartable", "--group", "A12"]);
    assert!(!ok && stderr.contains("too large"), "{stderr}");
}

fn sl2_11() -> PermutationGroup {
    PermutationGroup::special_linear_2(11).unwrap()
}

/// SL(2,11), given by generators: order 1320 and the degrees of SL(2, q), q = 11: `1`, `q`,
/// `(q−3)/2` of degree `q+1`, `(q−1)/2` of degree `q−1`, two each of `(q±1)/2`.
#[test]
fn sl2_11_table_satisfies_the_relations() {
    let group = sl2_11();
    let t = table_of(&group);
    check_relations(&group, &t).unwrap();
    assert_eq!(t.order, 1320);
    assert_eq!(
        t.dims(),
        vec![1, 5, 5, 6, 6, 10, 10, 10, 10, 10, 11, 12, 12, 12, 12]
    );
}

/// Timings of the benchmark groups, for comparison with GAP (`cargo test --release --test
/// characters -- --ignored --nocapture`); each builds the group from its generators afresh, so
/// that enumeration and classes are included and all four take the generic route.
#[test]
#[ignore]
fn benchmark_group_timings() {
    let s8 = PermutationGroup::symmetric(8).unwrap().generators();
    let c2s7 = finite("C2xS7").generators();
    let icosahedral = finite("I").generators();
    type Maker = Box<dyn Fn() -> PermutationGroup>;
    let makers: Vec<(&str, Maker)> = vec![
        (
            "S8 (generic)",
            Box::new(move || PermutationGroup::from_permutations("S8", s8.clone()).unwrap()),
        ),
        (
            "I",
            Box::new(move || {
                PermutationGroup::from_permutations("I", icosahedral.clone()).unwrap()
            }),
        ),
        (
            "C2xS7",
            Box::new(move || PermutationGroup::from_permutations("C2xS7", c2s7.clone()).unwrap()),
        ),
        ("SL(2,11)", Box::new(sl2_11)),
    ];
    for (name, make) in makers {
        let mut times = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            let group = make();
            let t = table_of(&group);
            times.push(start.elapsed().as_secs_f64());
            assert!(t.max_orthogonality_residual < 1e-10);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: median {:.2} ms, min {:.2} ms",
            times[3] * 1e3,
            times[0] * 1e3
        );
    }
}
