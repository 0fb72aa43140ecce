//! Young's seminormal and orthogonal forms: the theorems of `theory/young-forms.md` — Coxeter
//! relations, homomorphism, characters equal to Murnaghan–Nakayama, irreducibility, the
//! diagonal conjugation between the forms, orthogonality, and bad input.

use equivariant::Error;
use equivariant::group::{Permutation, PermutationGroup};
use equivariant::num::rational::Q;
use equivariant::num::sqrt_rational::SqrtRational;
use equivariant::symmetric::young_forms::{
    Block, MAX_EXACT_DIM, YoungBasis, orthogonal_generator, orthogonal_matrix, reduced_word,
    seminormal_generator, seminormal_matrix, young_irrep,
};
use equivariant::symmetric::{Partition, character, standard_tableaux};
use equivariant::testing::homomorphism_residual;
use nalgebra::DMatrix;
use num_bigint::BigInt;
use num_traits::{One, ToPrimitive, Zero};
use quickcheck::{QuickCheck, TestResult};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::sync::Arc;

type QMatrix = DMatrix<Q>;

fn partition(parts: &[usize]) -> Partition {
    Partition::new(parts.to_vec()).expect("a partition")
}

fn basis(lambda: &Partition) -> YoungBasis {
    YoungBasis::new(lambda).expect("small shape")
}

fn random_permutation(rng: &mut StdRng, n: usize) -> Permutation {
    let mut images: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        images.swap(i, rng.random_range(0..=i));
    }
    Permutation::from_images(images).expect("a permutation")
}

fn random_partition(rng: &mut StdRng, n: usize) -> Partition {
    let all = Partition::all(n);
    all[rng.random_range(0..all.len())].clone()
}

/// The permutation with consecutive cycles of the lengths `μ_1, μ_2, …`.
fn class_representative(mu: &Partition) -> Permutation {
    let mut cycles = Vec::new();
    let mut start = 0;
    for &len in mu.parts() {
        cycles.push((start..start + len).collect::<Vec<_>>());
        start += len;
    }
    Permutation::from_cycles(mu.size(), &cycles).expect("cycles")
}

fn identity(dim: usize) -> QMatrix {
    QMatrix::identity(dim, dim)
}

fn cycle_type(p: &Permutation) -> Partition {
    Partition::from_unsorted(p.cycle_type()).expect("cycle type")
}

/// The seminormal generators `s_1, …, s_{n−1}` of `S^λ`.
fn seminormal_generators(lambda: &Partition) -> Vec<QMatrix> {
    (1..lambda.size())
        .map(|i| seminormal_generator(lambda, i).expect("generator"))
        .collect()
}

/// Coxeter presentation of `S_n` (Humphreys, *Reflection
/// Groups and Coxeter Groups*, 6.4): `s_i² = 1`, `(s_i s_{i+1})³ = 1`, `s_i s_j = s_j s_i` for
/// `|i − j| ≥ 2` — exactly over `Q` for Young's seminormal form, every `λ ⊢ n ≤ 7`.
#[test]
fn coxeter_relations_exact() {
    for n in 1..=7 {
        for lambda in Partition::all(n) {
            let s = seminormal_generators(&lambda);
            let one = identity(lambda.dimension().to_usize().unwrap());
            for (i, si) in s.iter().enumerate() {
                assert_eq!(si * si, one, "s_{}² ≠ 1 for {lambda}", i + 1);
                if let Some(next) = s.get(i + 1) {
                    let braid = si * next;
                    assert_eq!(&braid * &braid * &braid, one, "braid {} on {lambda}", i + 1);
                }
                for (j, sj) in s.iter().enumerate().skip(i + 2) {
                    assert_eq!(si * sj, sj * si, "s_{} s_{} on {lambda}", i + 1, j + 1);
                }
            }
        }
    }
}

/// A reduced word by bubble sort: `p = s_{i_1} ⋯ s_{i_k}` (composition `p(q(x))`) with `k`
/// the number of inversions of `p`.
#[test]
fn reduced_word_is_a_minimal_factorisation() {
    fn prop(seed: u64) -> TestResult {
        let mut rng = StdRng::seed_from_u64(seed);
        let n = rng.random_range(1..=9);
        let p = random_permutation(&mut rng, n);
        let word = reduced_word(&p);
        let product = word.iter().fold(Permutation::identity(n), |acc, &i| {
            acc.compose(&Permutation::from_cycles(n, &[vec![i - 1, i]]).unwrap())
        });
        let images = p.images();
        let inversions = (0..n)
            .flat_map(|x| (x + 1..n).map(move |y| (x, y)))
            .filter(|&(x, y)| images[x] > images[y])
            .count();
        TestResult::from_bool(product == p && word.len() == inversions)
    }
    QuickCheck::new()
        .tests(200)
        .quickcheck(prop as fn(u64) -> TestResult);
}

/// `dim S^λ` = number of standard tableaux = `n!/Π h(b)` (hook length formula), and every
/// tableau lies in exactly one block of every `s_i`.
#[test]
fn dimension_is_hook_length_formula() {
    for n in 1..=10 {
        for lambda in Partition::all(n) {
            let b = basis(&lambda);
            assert_eq!(b.dim(), standard_tableaux(&lambda).unwrap().len());
            assert_eq!(b.dim(), lambda.dimension().to_usize().unwrap());
            for i in 1..n {
                let mut seen = vec![0; b.dim()];
                for block in b.blocks(i).unwrap() {
                    match *block {
                        Block::Fixed { tableau, r } => {
                            assert_eq!(r.abs(), 1);
                            seen[tableau] += 1;
                        }
                        Block::Pair {
                            tableau,
                            partner,
                            r,
                        } => {
                            assert!(r <= -2 && tableau < partner);
                            seen[tableau] += 1;
                            seen[partner] += 1;
                        }
                    }
                }
                assert!(seen.iter().all(|&c| c == 1), "{lambda}, s_{i}");
            }
        }
    }
}

/// The seminormal form is a homomorphism: `ρ(e) = I` and `ρ(gh) = ρ(g)ρ(h)` exactly, for
/// random permutations of `n ≤ 8` points and random `λ ⊢ n`.
#[test]
fn seminormal_is_a_homomorphism() {
    fn prop(seed: u64) -> TestResult {
        let mut rng = StdRng::seed_from_u64(seed);
        let n = rng.random_range(1..=8);
        let lambda = random_partition(&mut rng, n);
        let b = basis(&lambda);
        let (g, h) = (
            random_permutation(&mut rng, n),
            random_permutation(&mut rng, n),
        );
        let rho = |p: &Permutation| b.seminormal_matrix(p).unwrap();
        TestResult::from_bool(
            rho(&Permutation::identity(n)) == identity(b.dim())
                && rho(&g.compose(&h)) == rho(&g) * rho(&h),
        )
    }
    QuickCheck::new()
        .tests(60)
        .quickcheck(prop as fn(u64) -> TestResult);
}

/// Exact traces `tr ρ^λ(p_μ)` of the seminormal form on a representative of every class `μ`.
fn seminormal_character(lambda: &Partition) -> Vec<(Partition, Q)> {
    let b = basis(lambda);
    Partition::all(lambda.size())
        .into_iter()
        .map(|mu| {
            let trace = b
                .seminormal_matrix(&class_representative(&mu))
                .unwrap()
                .trace();
            (mu, trace)
        })
        .collect()
}

/// `tr ρ^λ(p) = χ^λ(μ)`, the Murnaghan–Nakayama value, exactly on every class `μ` of `S_n`,
/// for every `λ ⊢ n ≤ 8`.
#[test]
fn seminormal_trace_is_murnaghan_nakayama() {
    for n in 1..=8 {
        for lambda in Partition::all(n) {
            for (mu, trace) in seminormal_character(&lambda) {
                let chi = character(&lambda, &mu).unwrap();
                assert_eq!(trace, Q::from_integer(chi), "χ^{lambda}({mu})");
            }
        }
    }
}

/// Irreducibility: `⟨χ, χ⟩ = Σ_μ |C_μ| χ(μ)² / n! = 1` for the trace of the seminormal form,
/// exactly, every `λ ⊢ n ≤ 7` (Serre, *Linear Representations*, 2.3 Theorem 5).
#[test]
fn seminormal_character_has_norm_one() {
    for n in 1..=7 {
        let order = Q::from_integer(BigInt::from((1..=n as u64).product::<u64>()));
        for lambda in Partition::all(n) {
            let norm: Q = seminormal_character(&lambda)
                .into_iter()
                .map(|(mu, chi)| Q::from_integer(BigInt::from(mu.class_size())) * &chi * &chi)
                .sum::<Q>()
                / &order;
            assert!(norm.is_one(), "⟨χ, χ⟩ = {norm} for {lambda}");
        }
    }
}

/// The sum of signed square roots when it is rational (`None` otherwise): terms whose product
/// is rational lie on one line `Q·u`, where `t = (t·u / u²)·u`.
fn exact_sum(terms: &[SqrtRational]) -> Option<Q> {
    let mut lines: Vec<(SqrtRational, Q)> = Vec::new();
    for t in terms.iter().filter(|t| !t.is_zero()) {
        match lines
            .iter_mut()
            .find(|(u, _)| (t * u).to_rational().is_some())
        {
            Some((u, coefficient)) => {
                *coefficient += (t * &*u).to_rational()? / u.square();
            }
            None => lines.push((t.clone(), Q::one())),
        }
    }
    lines
        .into_iter()
        .filter(|(_, c)| !c.is_zero())
        .map(|(u, c)| u.to_rational().map(|v| v * c))
        .sum()
}

/// The exact orthogonal generators are symmetric and square to the identity exactly
/// (`(1/r)² + (1 − 1/r²) = 1`, off-diagonal `√(1 − 1/r²)(1/r − 1/r) = 0`), every `λ ⊢ n ≤ 7`.
#[test]
fn orthogonal_generators_square_to_identity_exactly() {
    for n in 2..=7 {
        for lambda in Partition::all(n) {
            for i in 1..n {
                let m = orthogonal_generator(&lambda, i).unwrap();
                let f = m.len();
                for j in 0..f {
                    for l in 0..f {
                        assert_eq!(m[j][l], m[l][j]);
                        let terms: Vec<SqrtRational> =
                            (0..f).map(|k| &m[j][k] * &m[k][l]).collect();
                        let expected = if j == l { Q::one() } else { Q::zero() };
                        assert_eq!(exact_sum(&terms), Some(expected), "{lambda}, s_{i}");
                    }
                }
            }
        }
    }
}

/// `d_T = Π (1 − 1/(c_T(b) − c_T(a))²)` over letters `a < b` with `b` strictly below and
/// strictly left of `a`.
fn orthogonalising_weights(b: &YoungBasis) -> Vec<Q> {
    b.tableaux()
        .iter()
        .map(|t| {
            let mut position = vec![(0i64, 0i64); b.n() + 1];
            for (row, entries) in t.rows().iter().enumerate() {
                for (column, &letter) in entries.iter().enumerate() {
                    position[letter] = (row as i64, column as i64);
                }
            }
            let mut d = Q::one();
            for a in 1..=b.n() {
                for bb in a + 1..=b.n() {
                    let ((ra, ca), (rb, cb)) = (position[a], position[bb]);
                    if rb > ra && cb < ca {
                        let r = Q::from_integer(BigInt::from((cb - rb) - (ca - ra)));
                        d *= Q::one() - (&r * &r).recip();
                    }
                }
            }
            d
        })
        .collect()
}

/// The forms are equivalent: `O = D^{-1/2} S D^{1/2}`, entry by entry
/// `O_jk = S_jk √(d_k / d_j)`, exactly, on every generator of every `λ ⊢ n ≤ 7`.
#[test]
fn orthogonal_is_seminormal_conjugated_by_diagonal() {
    for n in 2..=7 {
        for lambda in Partition::all(n) {
            let b = basis(&lambda);
            let d = orthogonalising_weights(&b);
            for i in 1..n {
                let s = b.seminormal_generator(i).unwrap();
                let o = b.orthogonal_generator(i).unwrap();
                for j in 0..b.dim() {
                    for k in 0..b.dim() {
                        let scale = SqrtRational::sqrt(&d[k] / &d[j]).unwrap();
                        let conjugated = &SqrtRational::from_rational(&s[(j, k)]) * &scale;
                        assert_eq!(o[j][k], conjugated, "{lambda}, s_{i}, ({j}, {k})");
                    }
                }
            }
        }
    }
}

/// Shapes for the `f64` checks: a random `λ ⊢ n ≤ 10` per seed, and some larger ones.
fn f64_shapes(rng: &mut StdRng) -> Vec<Partition> {
    let n = rng.random_range(1..=10);
    vec![
        random_partition(rng, n),
        partition(&[4, 3, 2, 1]),
        partition(&[6, 5]),
        partition(&[5, 2, 2, 1, 1]),
    ]
}

/// The orthogonal form is real orthogonal, `ρ(p)ᵀρ(p) = I`, and a homomorphism,
/// `ρ(gh) = ρ(g)ρ(h)`, to `1e-12` (per entry, relative to `√dim`), `n ≤ 10` and larger shapes.
#[test]
fn orthogonal_form_is_orthogonal_homomorphism() {
    for seed in 0..4 {
        let mut rng = StdRng::seed_from_u64(seed);
        for lambda in f64_shapes(&mut rng) {
            let b = basis(&lambda);
            let n = lambda.size();
            let (g, h) = (
                random_permutation(&mut rng, n),
                random_permutation(&mut rng, n),
            );
            let (rg, rh) = (
                b.orthogonal_matrix(&g).unwrap(),
                b.orthogonal_matrix(&h).unwrap(),
            );
            let one = DMatrix::<f64>::identity(b.dim(), b.dim());
            let scale = 1e-12 * (b.dim() as f64).sqrt();
            assert!((rg.transpose() * &rg - &one).norm() < scale, "{lambda}");
            let residual = (b.orthogonal_matrix(&g.compose(&h)).unwrap() - &rg * &rh).norm();
            assert!(residual < scale, "{lambda}: {residual}");
        }
    }
}

/// `tr ρ(p) = χ^λ(cycle type of p)` for the orthogonal form in `f64`, to `1e-9`.
#[test]
fn orthogonal_character_is_murnaghan_nakayama() {
    for seed in 10..16 {
        let mut rng = StdRng::seed_from_u64(seed);
        for lambda in f64_shapes(&mut rng) {
            let b = basis(&lambda);
            for _ in 0..3 {
                let p = random_permutation(&mut rng, lambda.size());
                let trace = b.orthogonal_matrix(&p).unwrap().trace();
                let chi = character(&lambda, &cycle_type(&p))
                    .unwrap()
                    .to_f64()
                    .unwrap();
                assert!(
                    (trace - chi).abs() < 1e-9,
                    "{lambda} at {p}: {trace} vs {chi}"
                );
            }
        }
    }
}

/// `young_irrep` is a representation of the `PermutationGroup` `S_n` (residual of
/// `homomorphism_residual` below `1e-10`) whose character is the Murnaghan–Nakayama row.
#[test]
fn young_irrep_is_a_representation_with_mn_character() {
    for parts in [&[1][..], &[3, 2], &[2, 2, 1, 1], &[4, 3, 2, 1], &[7, 1, 1]] {
        let lambda = partition(parts);
        let group = Arc::new(PermutationGroup::symmetric(lambda.size()).unwrap());
        let rep = young_irrep(&group, &lambda).unwrap();
        assert_eq!(rep.dim(), lambda.dimension().to_usize().unwrap());
        let residual = homomorphism_residual(rep.as_ref(), 5, 7).unwrap();
        assert!(residual < 1e-10, "{lambda}: {residual}");
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..5 {
            let p = random_permutation(&mut rng, lambda.size());
            let chi = character(&lambda, &cycle_type(&p))
                .unwrap()
                .to_f64()
                .unwrap();
            assert!((rep.character(&p) - chi).abs() < 1e-9, "{lambda} at {p}");
        }
    }
}

/// Bad input is refused with an error, never a panic: a group that is not `S_n` of the same
/// `n`, a permutation on the wrong number of points, `s_i` outside `1 ≤ i < n`, dimensions past
/// the exact and the `f64` caps.
#[test]
fn bad_input_is_refused() {
    let lambda = partition(&[3, 1]);
    let s5 = Arc::new(PermutationGroup::symmetric(5).unwrap());
    let a4 = Arc::new(PermutationGroup::alternating(4).unwrap());
    assert!(matches!(
        young_irrep(&s5, &lambda),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        young_irrep(&a4, &lambda),
        Err(Error::InvalidInput(_))
    ));
    let wrong_degree = Permutation::identity(5);
    assert!(matches!(
        seminormal_matrix(&lambda, &wrong_degree),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        orthogonal_matrix(&lambda, &wrong_degree),
        Err(Error::InvalidInput(_))
    ));
    for i in [0, 4, 100] {
        assert!(matches!(
            seminormal_generator(&lambda, i),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            orthogonal_generator(&lambda, i),
            Err(Error::InvalidInput(_))
        ));
    }
    let big = partition(&[5, 3, 2, 1]); // f = 2310 > MAX_EXACT_DIM
    assert!(big.dimension() > MAX_EXACT_DIM.into());
    let identity = Permutation::identity(11);
    assert!(matches!(
        seminormal_matrix(&big, &identity),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        seminormal_generator(&big, 1),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        orthogonal_generator(&big, 1),
        Err(Error::TooLarge { .. })
    ));
    let huge = partition(&[8, 7, 6, 5, 4, 3, 2, 1]); // f ≈ 1.1·10^13
    let s36 = Arc::new(PermutationGroup::symmetric(36).unwrap());
    assert!(matches!(
        young_irrep(&s36, &huge),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        orthogonal_matrix(&huge, &Permutation::identity(36)),
        Err(Error::TooLarge { .. })
    ));
}

/// In expressions, an `S_n` partition label is Young's orthogonal form: no enumeration of the
/// group, so `[5,4,3]` of `S_12` (dimension 2112) is available, with the hook-length dimension
/// and a character that is the Murnaghan–Nakayama row.
#[test]
fn partition_labels_in_expressions_use_the_orthogonal_form() {
    use equivariant::group::{FiniteGroup, PermutationGroup};
    use equivariant::io::build::build_rep;
    use equivariant::io::expr::parse_rep;
    use equivariant::symmetric::{Partition, character_table_sn};
    use std::sync::Arc;
    let group = Arc::new(PermutationGroup::symmetric(12).unwrap());
    let rep = build_rep(&group, &parse_rep("[5,4,3]").unwrap()).unwrap();
    assert_eq!(rep.dim(), 2112);
    let table = character_table_sn(12).unwrap();
    let row = table
        .index_of(&"[5,4,3]".parse::<Partition>().unwrap())
        .unwrap();
    let classes = group.conjugacy_classes().unwrap();
    for class in classes.iter().take(6) {
        let mu = Partition::from_unsorted(class.cycle_type.clone().unwrap()).unwrap();
        let column = table.index_of(&mu).unwrap();
        let expected = table.value_i128(row, column) as f64;
        assert!((rep.character(&class.representative) - expected).abs() < 1e-8);
    }
}
