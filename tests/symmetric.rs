//! The symmetric groups: the theorems of `theory/symmetric.md` — hook length formula, rim
//! hooks, Murnaghan–Nakayama (one value and the whole table), orthogonality, agreement with the
//! generic Dixon–Schneider table, branching, Kostka numbers and Young's rule, Kronecker
//! coefficients, exact big values, and bad input.

use equivariant::Error;
use equivariant::character::character_table;
use equivariant::character::young::tabloid_character;
use equivariant::group::PermutationGroup;
use equivariant::group::classes::{factorial, partitions};
use equivariant::symmetric::{
    IntWidth, Partition, SnCharacterTable, SnValues, StandardTableau, TableOptions, character,
    character_table_sn, character_table_sn_with, induction, kostka, kronecker_coefficient,
    permutation_module, restriction, standard_tableaux, with_fixed_point,
};
use num_bigint::{BigInt, BigUint};
use num_traits::{One, Zero};
use quickcheck::{QuickCheck, TestResult};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::collections::HashSet;

fn table(n: usize) -> SnCharacterTable {
    character_table_sn(n).expect("small table")
}

fn sequential(n: usize) -> SnCharacterTable {
    let options = TableOptions {
        parallel: false,
        width: None,
    };
    character_table_sn_with(n, options).expect("small table")
}

/// A random partition of `n` (random parts, sorted).
fn random_partition(rng: &mut StdRng, n: usize) -> Partition {
    let mut parts = Vec::new();
    let mut rest = n;
    while rest > 0 {
        let part = rng.random_range(1..=rest);
        parts.push(part);
        rest -= part;
    }
    Partition::from_unsorted(parts).unwrap()
}

fn big(v: &BigUint) -> BigInt {
    BigInt::from(v.clone())
}

// ---------------------------------------------------------------- partitions and tableaux

/// Hook length formula: `f^λ = n!/Π h` equals the number of standard Young tableaux of shape
/// `λ`, enumerated (each checked standard, all distinct), for every `λ ⊢ n ≤ 8`.
#[test]
fn hook_length_formula_counts_standard_tableaux() {
    for n in 0..=8 {
        for lambda in Partition::all(n) {
            let tableaux = standard_tableaux(&lambda).unwrap();
            assert_eq!(
                BigUint::from(tableaux.len()),
                lambda.dimension(),
                "{lambda}"
            );
            let distinct: HashSet<_> = tableaux.iter().collect();
            assert_eq!(distinct.len(), tableaux.len());
            for t in &tableaux {
                assert_eq!(StandardTableau::new(t.rows().to_vec()).as_ref(), Ok(t));
                assert_eq!(t.shape(), lambda);
            }
        }
    }
}

/// `Σ_λ (f^λ)² = n!` (the regular representation), `n ≤ 25`.
#[test]
fn sum_of_squared_degrees_is_n_factorial() {
    for n in 0..=25 {
        let sum: BigUint = Partition::all(n).iter().map(|l| l.dimension().pow(2)).sum();
        assert_eq!(sum, factorial(n), "n = {n}");
    }
}

/// The class sizes `n!/z_μ` sum to `n!`, `n ≤ 25`.
#[test]
fn class_sizes_sum_to_n_factorial() {
    for n in 0..=25 {
        let sum: BigUint = Partition::all(n).iter().map(Partition::class_size).sum();
        assert_eq!(sum, factorial(n), "n = {n}");
    }
}

/// Conjugation reverses the dominance order: `λ ⊵ μ ⟺ μ' ⊵ λ'`, and `λ'' = λ` (n ≤ 10).
#[test]
fn conjugation_reverses_dominance() {
    for n in 0..=10 {
        let all = Partition::all(n);
        for a in &all {
            assert_eq!(&a.conjugate().conjugate(), a);
            for b in &all {
                assert_eq!(a.dominates(b), b.conjugate().dominates(&a.conjugate()));
            }
        }
    }
}

/// Labels print as `[3,1,1]` and parse back, and `Partition::all(n)` is the crate's class
/// order `partitions(n)`.
#[test]
fn labels_round_trip() {
    for n in 0..=10 {
        let all = Partition::all(n);
        assert_eq!(
            all.iter().map(|p| p.parts().to_vec()).collect::<Vec<_>>(),
            partitions(n)
        );
        for lambda in all {
            assert_eq!(lambda.to_string().parse::<Partition>(), Ok(lambda));
        }
    }
    assert_eq!(
        "[3, 1,1]".parse::<Partition>().unwrap().to_string(),
        "[3,1,1]"
    );
}

/// A skew shape `λ/ν` is a rim hook iff it is connected with no `2 × 2` square; its height is
/// its number of rows minus one. The beta-set bead moves find exactly these (every `ν ⊂ λ` with
/// `|λ/ν| = k` tried), for every `λ ⊢ n ≤ 10`.
#[test]
fn rim_hooks_are_the_border_strips() {
    fn border_strip_height(lambda: &[usize], nu: &[usize]) -> Option<usize> {
        let inner = |i: usize| nu.get(i).copied().unwrap_or(0);
        let rows: Vec<usize> = (0..lambda.len())
            .filter(|&i| lambda[i] > inner(i))
            .collect();
        let (first, last) = (*rows.first()?, *rows.last()?);
        // Consecutive rows, each overlapping the next in exactly one column.
        let connected =
            (first..last).all(|i| lambda[i] > inner(i) && inner(i) + 1 == lambda[i + 1]);
        (connected && lambda[last] > inner(last)).then_some(last - first)
    }
    for n in 1..=10 {
        for lambda in Partition::all(n) {
            for k in 1..=n {
                let mut expected: Vec<(Partition, usize)> = Partition::all(n - k)
                    .into_iter()
                    .filter(|nu| {
                        nu.len() <= lambda.len()
                            && nu.parts().iter().zip(lambda.parts()).all(|(a, b)| a <= b)
                    })
                    .filter_map(|nu| {
                        border_strip_height(lambda.parts(), nu.parts()).map(|h| (nu, h))
                    })
                    .collect();
                let mut found: Vec<(Partition, usize)> = lambda
                    .rim_hooks(k)
                    .into_iter()
                    .map(|h| (h.remainder, h.height))
                    .collect();
                expected.sort();
                found.sort();
                assert_eq!(found, expected, "{lambda}, k = {k}");
            }
        }
    }
}

/// The beta-set of `λ` is `λ_i + ℓ − i`, strictly decreasing, and the number of rim hooks of
/// length `k` equals the number of hook lengths equal to `k` (each box's hook corresponds to a
/// bead move; Macdonald I.1 ex. 8), `n ≤ 12`.
#[test]
fn rim_hooks_correspond_to_hooks_of_length_k() {
    for n in 1..=12 {
        for lambda in Partition::all(n) {
            let beta = lambda.beta_set();
            assert!(beta.windows(2).all(|w| w[0] > w[1]));
            for k in 1..=n {
                let hooks = lambda
                    .hook_lengths()
                    .into_iter()
                    .flatten()
                    .filter(|&h| h == k);
                assert_eq!(
                    lambda.rim_hooks(k).len(),
                    hooks.count(),
                    "{lambda}, k = {k}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- the character table

/// Column orthogonality `Σ_λ χ^λ(μ) χ^λ(ν) = δ_{μν} z_μ`, exactly, `n ≤ 12`.
#[test]
fn column_orthogonality() {
    for n in 0..=12 {
        let t = table(n);
        for a in 0..t.size() {
            for b in 0..t.size() {
                let sum: i128 = (0..t.size())
                    .map(|i| t.value_i128(i, a) * t.value_i128(i, b))
                    .sum();
                let expected = if a == b {
                    big(&t.classes()[a].centraliser_order())
                } else {
                    BigInt::zero()
                };
                assert_eq!(BigInt::from(sum), expected, "n = {n}, classes {a}, {b}");
            }
        }
    }
}

/// Row orthogonality `Σ_μ |C_μ| χ^λ(μ) χ^κ(μ) = δ_{λκ} n!`, exactly, `n ≤ 12`.
#[test]
fn row_orthogonality() {
    for n in 0..=12 {
        let t = table(n);
        let sizes = t.class_sizes();
        for a in 0..t.size() {
            for b in 0..t.size() {
                let sum: BigInt = (0..t.size())
                    .map(|j| big(&sizes[j]) * t.value(a, j) * t.value(b, j))
                    .sum();
                let expected = if a == b {
                    big(&factorial(n))
                } else {
                    BigInt::zero()
                };
                assert_eq!(sum, expected, "n = {n}, rows {a}, {b}");
            }
        }
    }
}

/// The first column (the identity class `[1,…,1]`) is the degree `f^λ`, `n ≤ 22`; rows and
/// columns are labelled in `partitions(n)` order and `index_of` finds each.
#[test]
fn first_column_is_the_dimension() {
    for n in 0..=22 {
        let t = sequential(n);
        assert_eq!(t.classes().len(), partitions(n).len());
        for (i, lambda) in t.partitions().iter().enumerate() {
            assert_eq!(lambda.parts(), partitions(n)[i].as_slice());
            assert_eq!(t.index_of(lambda), Some(i));
            assert_eq!(t.degree(i), big(&lambda.dimension()), "{lambda}");
        }
    }
}

/// The table equals the generic Dixon–Schneider table of `S_n` (rows matched by their Young's
/// rule partition labels, columns by cycle type), `n ≤ 7`.
#[test]
fn agrees_with_dixon_schneider() {
    for n in 1..=7 {
        let ours = table(n);
        let generic = character_table(&PermutationGroup::symmetric(n).unwrap()).unwrap();
        assert_eq!(generic.irreps.len(), ours.size());
        for (i, irrep) in generic.irreps.iter().enumerate() {
            let lambda = Partition::new(irrep.partition.clone().unwrap()).unwrap();
            for (k, class) in generic.classes.iter().enumerate() {
                let mu = Partition::new(class.cycle_type.clone().unwrap()).unwrap();
                let theirs = generic.exact[i][k].as_integer().unwrap();
                assert_eq!(ours.character(&lambda, &mu).unwrap(), BigInt::from(theirs));
            }
        }
    }
}

/// Tensoring with the sign: `χ^{λ'}(μ) = sgn(μ) χ^λ(μ)`, `n ≤ 16`.
#[test]
fn conjugate_partition_is_the_sign_twist() {
    for n in 0..=16 {
        let t = table(n);
        for (i, lambda) in t.partitions().iter().enumerate() {
            let c = t.index_of(&lambda.conjugate()).unwrap();
            for (j, mu) in t.classes().iter().enumerate() {
                assert_eq!(t.value(c, j), t.value(i, j) * mu.sign(), "{lambda} at {mu}");
            }
        }
    }
}

/// The parallel and sequential programmes, and the forced `i128` storage, give the same table
/// (`n = 18`); the automatic width is `i64` up to `n = 33`, `i128` from 34 (`|χ| ≤ √n!`).
#[test]
fn parallel_sequential_and_wide_tables_agree() {
    let n = 18;
    let a = sequential(n);
    let b = table(n);
    let wide = character_table_sn_with(
        n,
        TableOptions {
            parallel: true,
            width: Some(IntWidth::I128),
        },
    )
    .unwrap();
    assert!(matches!(wide.values(), SnValues::I128(_)));
    assert!(matches!(a.values(), SnValues::I64(_)));
    assert_eq!(a.values(), b.values());
    for i in 0..a.size() {
        assert_eq!(a.row(i), wide.row(i));
    }
    assert_eq!(IntWidth::required(33), Some(IntWidth::I64));
    assert_eq!(IntWidth::required(34), Some(IntWidth::I128));
    assert_eq!(IntWidth::required(57), None);
}

/// One value by the memoised rule equals the table entry: every entry for `n ≤ 9`, and random
/// pairs for `n ≤ 20`.
#[test]
fn one_value_equals_table_entry() {
    for n in 0..=9 {
        let t = table(n);
        for lambda in t.partitions() {
            for mu in t.classes() {
                assert_eq!(
                    character(lambda, mu).unwrap(),
                    t.character(lambda, mu).unwrap()
                );
            }
        }
    }
    let tables: Vec<SnCharacterTable> = (0..=20).map(table).collect();
    let mut rng = StdRng::seed_from_u64(5);
    for _ in 0..300 {
        let n = rng.random_range(1..tables.len());
        let (lambda, mu) = (random_partition(&mut rng, n), random_partition(&mut rng, n));
        let expected = tables[n].character(&lambda, &mu).unwrap();
        assert_eq!(
            character(&lambda, &mu).unwrap(),
            expected,
            "{lambda} at {mu}"
        );
    }
}

/// Frobenius: on a transposition, `χ^λ((2,1^{n−2})) = f^λ · 2 Σ_{boxes} (j − i) / (n(n−1))`
/// (contents), for random `λ` up to `n = 60` (quickcheck) — big values, exactly.
#[test]
fn transposition_value_is_the_content_sum() {
    fn prop(seed: u64) -> TestResult {
        let mut rng = StdRng::seed_from_u64(seed);
        let n = rng.random_range(2..=60usize);
        let lambda = random_partition(&mut rng, n);
        let contents: i64 = lambda
            .parts()
            .iter()
            .enumerate()
            .flat_map(|(i, &row)| (0..row).map(move |j| j as i64 - i as i64))
            .sum();
        let mut mu = vec![2];
        mu.extend(std::iter::repeat_n(1, n - 2));
        let value = character(&lambda, &Partition::new(mu).unwrap()).unwrap();
        let expected = big(&lambda.dimension()) * 2 * contents / (n * (n - 1));
        TestResult::from_bool(value == expected)
    }
    QuickCheck::new()
        .tests(200)
        .quickcheck(prop as fn(u64) -> TestResult);
}

/// The largest degree of `S_60`, `λ = [12,10,8,7,6,5,4,3,2,1,1,1]` (argmax of the hook length
/// formula over the 966,467 partitions, found offline), is about `2.3·10^39`, beyond `i128`:
/// the value `χ^λ(1)` is exact and equals Frobenius's beta-set formula
/// `f^λ = n! Π_{i<j} (β_i − β_j) / Π_i β_i!`, and no move of one box increases it.
#[test]
fn largest_degree_of_s60_is_exact() {
    let lambda = Partition::new(vec![12, 10, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1]).unwrap();
    let identity = Partition::new(vec![1; 60]).unwrap();
    let degree = character(&lambda, &identity).unwrap();
    let beta = lambda.beta_set();
    let mut numerator = factorial(60);
    let mut denominator = BigUint::one();
    for (i, &b) in beta.iter().enumerate() {
        denominator *= factorial(b);
        for &c in &beta[i + 1..] {
            numerator *= BigUint::from(b - c);
        }
    }
    assert_eq!(degree, big(&(numerator / denominator)));
    assert_eq!(
        degree.to_string(),
        "2321999844171845578871179664651452416000"
    );
    assert!(degree > BigInt::from(i128::MAX));
    for smaller in restriction(&lambda) {
        for moved in induction(&smaller) {
            assert!(moved.dimension() <= lambda.dimension(), "{moved}");
        }
    }
}

// ---------------------------------------------------------------- branching

/// Branching rule: `χ^λ(μ ∪ (1)) = Σ_{ν = λ − □} χ^ν(μ)` for every `λ ⊢ n`, `μ ⊢ n − 1`,
/// `n ≤ 12`.
#[test]
fn restriction_is_the_branching_rule() {
    for n in 1..=12 {
        let (big_table, small_table) = (table(n), table(n - 1));
        for lambda in big_table.partitions() {
            let below = restriction(lambda);
            for mu in small_table.classes() {
                let restricted = big_table.character(lambda, &with_fixed_point(mu)).unwrap();
                let sum: BigInt = below
                    .iter()
                    .map(|nu| small_table.character(nu, mu).unwrap())
                    .sum();
                assert_eq!(restricted, sum, "{lambda} at {mu}");
            }
        }
    }
}

/// Frobenius reciprocity: `κ` is in the induction of `λ` iff `λ` is in the restriction of `κ`;
/// and dimensions: `(n + 1) f^λ = Σ_{κ = λ + □} f^κ`, `n ≤ 12`.
#[test]
fn induction_is_adjoint_to_restriction() {
    for n in 0..=12 {
        for lambda in Partition::all(n) {
            let up = induction(&lambda);
            for kappa in Partition::all(n + 1) {
                assert_eq!(up.contains(&kappa), restriction(&kappa).contains(&lambda));
            }
            let sum: BigUint = up.iter().map(Partition::dimension).sum();
            assert_eq!(sum, lambda.dimension() * BigUint::from(n + 1));
        }
    }
}

// ---------------------------------------------------------------- Kostka and Young's rule

/// `K_{λλ} = 1` and `K_{λμ} = 0` unless `λ ⊵ μ` (unitriangularity), `n ≤ 9`.
#[test]
fn kostka_is_unitriangular() {
    for n in 0..=9 {
        let all = Partition::all(n);
        for lambda in &all {
            assert!(kostka(lambda, lambda).unwrap().is_one());
            for mu in &all {
                if !lambda.dominates(mu) {
                    assert!(kostka(lambda, mu).unwrap().is_zero(), "{lambda}, {mu}");
                }
            }
        }
    }
}

/// `dim M^μ = n!/Π μ_i! = Σ_λ K_{λμ} f^λ`, and `K_{λ,(1^n)} = f^λ`, `n ≤ 12`.
#[test]
fn kostka_numbers_give_the_dimension_of_permutation_modules() {
    for n in 0..=12 {
        for mu in Partition::all(n) {
            let tabloids = mu
                .parts()
                .iter()
                .fold(factorial(n), |acc, &m| acc / factorial(m));
            let sum: BigUint = permutation_module(&mu)
                .unwrap()
                .into_iter()
                .map(|(lambda, k)| k * lambda.dimension())
                .sum();
            assert_eq!(sum, tabloids, "M^{mu}");
        }
        let identity = Partition::new(vec![1; n]).unwrap();
        for lambda in Partition::all(n) {
            assert_eq!(kostka(&lambda, &identity).unwrap(), lambda.dimension());
        }
    }
}

/// Young's rule on characters: the permutation character of `M^μ` (tabloids fixed by a
/// permutation of cycle type `ρ`) equals `Σ_λ K_{λμ} χ^λ(ρ)`, `n ≤ 9`.
#[test]
fn permutation_module_character_is_youngs_rule() {
    for n in 0..=9 {
        let t = table(n);
        for mu in t.partitions() {
            let constituents = permutation_module(mu).unwrap();
            for rho in t.classes() {
                let sum: BigInt = constituents
                    .iter()
                    .map(|(lambda, k)| big(k) * t.character(lambda, rho).unwrap())
                    .sum();
                let fixed = tabloid_character(mu.parts(), rho.parts());
                assert_eq!(sum, BigInt::from(fixed), "M^{mu} at {rho}");
            }
        }
    }
}

// ---------------------------------------------------------------- Kronecker coefficients

/// `g_{λ,(n),ν} = δ_{λν}` (trivial factor) and `g_{λ,(1^n),ν} = δ_{λ'ν}` (sign), `n ≤ 8`.
#[test]
fn kronecker_with_trivial_and_sign() {
    for n in 1..=8 {
        let t = table(n);
        let trivial = Partition::new(vec![n]).unwrap();
        let sign = Partition::new(vec![1; n]).unwrap();
        for lambda in t.partitions() {
            assert_eq!(
                t.kronecker_product(lambda, &trivial).unwrap(),
                vec![(lambda.clone(), BigUint::one())]
            );
            assert_eq!(
                t.kronecker_product(lambda, &sign).unwrap(),
                vec![(lambda.conjugate(), BigUint::one())]
            );
        }
    }
}

/// `g_{λμν}` is symmetric in its three arguments (all triples, `n ≤ 6`).
#[test]
fn kronecker_is_symmetric() {
    for n in 1..=6 {
        let t = table(n);
        let all = t.partitions();
        for a in all {
            for b in all {
                for c in all {
                    let g = t.kronecker(a, b, c).unwrap();
                    assert_eq!(g, t.kronecker(b, a, c).unwrap());
                    assert_eq!(g, t.kronecker(a, c, b).unwrap());
                    assert_eq!(g, t.kronecker(c, b, a).unwrap());
                }
            }
        }
    }
}

/// Dimensions: `Σ_ν g_{λμν} f^ν = f^λ f^μ`, all pairs, `n ≤ 9`; and one coefficient by the
/// free function: `S^{[2,1]} ⊗ S^{[2,1]} = S^{[3]} ⊕ S^{[2,1]} ⊕ S^{[1,1,1]}`.
#[test]
fn kronecker_product_dimensions() {
    for n in 1..=9 {
        let t = table(n);
        for a in t.partitions() {
            for b in t.partitions() {
                let sum: BigUint = t
                    .kronecker_product(a, b)
                    .unwrap()
                    .into_iter()
                    .map(|(nu, g)| g * nu.dimension())
                    .sum();
                assert_eq!(sum, a.dimension() * b.dimension(), "{a} ⊗ {b}");
            }
        }
    }
    let p = |s: &str| s.parse::<Partition>().unwrap();
    for nu in ["[3]", "[2,1]", "[1,1,1]"] {
        assert!(
            kronecker_coefficient(&p("[2,1]"), &p("[2,1]"), &p(nu))
                .unwrap()
                .is_one()
        );
    }
}

// ---------------------------------------------------------------- output and bad input

/// JSON values are integers (strings only beyond `2^53`, not reached at `n = 6`).
#[test]
fn json_values_are_integers() {
    let t = table(6);
    let json = t.to_json();
    for i in 0..t.size() {
        for j in 0..t.size() {
            assert_eq!(
                json[i][j].as_i64().map(i128::from),
                Some(t.value_i128(i, j))
            );
        }
    }
}

/// Bad input is an error, never a panic; oversized requests are refused before allocating.
#[test]
fn bad_input_is_an_error() {
    assert!(matches!(
        Partition::new(vec![1, 2]),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        Partition::new(vec![2, 0]),
        Err(Error::InvalidInput(_))
    ));
    assert!("[3,a]".parse::<Partition>().is_err());
    assert!("3,1".parse::<Partition>().is_err());
    assert!("[1,3]".parse::<Partition>().is_err());
    let p = |s: &str| s.parse::<Partition>().unwrap();
    assert!(matches!(
        character(&p("[2,1]"), &p("[2,2]")),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        kostka(&p("[2,1]"), &p("[1]")),
        Err(Error::InvalidInput(_))
    ));
    assert!(kronecker_coefficient(&p("[2,1]"), &p("[2]"), &p("[3]")).is_err());
    let t = table(4);
    assert!(t.character(&p("[3]"), &p("[1,1,1]")).is_err());
    assert!(t.kronecker_product(&p("[4]"), &p("[3]")).is_err());
    assert_eq!(t.index_of(&p("[5]")), None);
    assert!(matches!(
        character_table_sn(60),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        character_table_sn(1_000_000),
        Err(Error::TooLarge { .. })
    ));
    let narrow = TableOptions {
        parallel: false,
        width: Some(IntWidth::I64),
    };
    assert!(matches!(
        character_table_sn_with(34, narrow),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        standard_tableaux(&p("[6,5,4,3,2,1]")),
        Err(Error::TooLarge { .. })
    ));
    assert!(permutation_module(&Partition::new(vec![1; 31]).unwrap()).is_err());
    assert!(StandardTableau::new(vec![vec![1, 3], vec![2]]).is_ok());
    assert!(StandardTableau::new(vec![vec![2, 1]]).is_err());
    assert!(StandardTableau::new(vec![vec![1, 2], vec![3, 4, 5]]).is_err());
    assert!(StandardTableau::new(vec![vec![1, 1]]).is_err());
    assert!(StandardTableau::new(vec![vec![1, 3], vec![4]]).is_err());
}
