//! Schur–Weyl duality on `V^{⊗k}`: the theorems of `theory/schur-weyl.md` — the factor action is
//! a homomorphism, the isotypic projectors are complete orthogonal idempotents of rank
//! `f^λ · dim S_λ(V)`, Young symmetrisers are quasi-idempotent, index-symmetry subspaces have
//! the right dimensions and are `O(d)`-invariant, and bad input is refused.

use equivariant::Error;
use equivariant::group::Permutation;
use equivariant::linalg::{kron_all, nullspace_svd, qmatrix_to_f64, rank};
use equivariant::symmetric::schur_weyl::{
    IndexSymmetry, factor_permutation, isotypic_projector, isotypic_projector_exact,
    symmetric_part, symmetry_subspace, weyl_dimension, young_symmetrizer,
};
use equivariant::symmetric::{Partition, standard_tableaux};
use nalgebra::DMatrix;
use nalgebra_sparse::convert::serial::convert_csr_dense;
use num_traits::ToPrimitive;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

fn all_permutations(k: usize) -> Vec<Permutation> {
    fn extend(prefix: &mut Vec<usize>, k: usize, out: &mut Vec<Permutation>) {
        if prefix.len() == k {
            out.push(Permutation::from_images(prefix.clone()).unwrap());
            return;
        }
        for x in 0..k {
            if !prefix.contains(&x) {
                prefix.push(x);
                extend(prefix, k, out);
                prefix.pop();
            }
        }
    }
    let mut out = Vec::new();
    extend(&mut Vec::new(), k, &mut out);
    out
}

fn dense(d: usize, k: usize, sigma: &Permutation) -> DMatrix<f64> {
    convert_csr_dense(&factor_permutation(d, k, sigma).unwrap())
}

fn flat(d: usize, index: &[usize]) -> usize {
    index.iter().fold(0, |acc, &i| acc * d + i)
}

/// `P_σ P_τ = P_{στ}` for all σ, τ ∈ S_3 (d = 2, 3) and S_4 (d = 2), and the stated convention
/// `(P_σ x)[i_1…i_k] = x[i_{σ(1)}…i_{σ(k)}]` entry by entry.
#[test]
fn factor_action_is_a_homomorphism() {
    for (d, k) in [(2, 3), (3, 3), (2, 4)] {
        let group = all_permutations(k);
        for s in &group {
            let ps = dense(d, k, s);
            for t in &group {
                let product = &ps * dense(d, k, t);
                assert_eq!(product, dense(d, k, &s.compose(t)), "d={d} σ={s} τ={t}");
            }
        }
    }
    let (d, k) = (3, 3);
    let x = DMatrix::from_fn(27, 1, |r, _| (r * r + 1) as f64);
    for s in all_permutations(k) {
        let y = dense(d, k, &s) * &x;
        for j in 0..27 {
            let i = [j / 9, (j / 3) % 3, j % 3];
            let pulled: Vec<usize> = (0..k).map(|m| i[s.apply(m)]).collect();
            assert_eq!(y[j], x[flat(d, &pulled)]);
        }
    }
}

/// `P_λ² = P_λ = P_λᵀ`, `P_λ P_μ = 0` (λ ≠ μ) and `Σ_λ P_λ = I` for k ≤ 4, d ≤ 3: exactly over
/// `Q` for k ≤ 3, in `f64` to 1e-12 for k = 4.
#[test]
fn isotypic_projectors_are_complete_orthogonal_idempotents() {
    for k in 1..=4 {
        for d in 1..=3usize {
            let n = d.pow(k as u32);
            let shapes = Partition::all(k);
            let projectors: Vec<DMatrix<f64>> = shapes
                .iter()
                .map(|l| isotypic_projector(d, l).unwrap())
                .collect();
            if k <= 3 {
                let exact: Vec<_> = shapes
                    .iter()
                    .map(|l| isotypic_projector_exact(d, l).unwrap())
                    .collect();
                for (a, pa) in exact.iter().enumerate() {
                    for (b, pb) in exact.iter().enumerate() {
                        let product = pa * pb;
                        if a == b {
                            assert_eq!(&product, pa, "exact idempotent k={k} d={d}");
                        } else {
                            assert!(product.iter().all(num_traits::Zero::is_zero));
                        }
                    }
                    assert_eq!(qmatrix_to_f64(pa), projectors[a]);
                }
            }
            let mut total = DMatrix::<f64>::zeros(n, n);
            for (a, pa) in projectors.iter().enumerate() {
                total += pa;
                assert!((pa - pa.transpose()).norm() < 1e-12);
                for (b, pb) in projectors.iter().enumerate() {
                    let product = pa * pb;
                    let expected = if a == b {
                        pa.clone()
                    } else {
                        DMatrix::zeros(n, n)
                    };
                    assert!(
                        (product - expected).norm() < 1e-12,
                        "k={k} d={d} {} {}",
                        shapes[a],
                        shapes[b]
                    );
                }
            }
            assert!((total - DMatrix::<f64>::identity(n, n)).norm() < 1e-12);
        }
    }
}

/// Counts semistandard tableaux of shape λ with entries `< d` by brute force.
fn count_ssyt(lambda: &[usize], d: usize) -> usize {
    let cells: Vec<(usize, usize)> = lambda
        .iter()
        .enumerate()
        .flat_map(|(i, &r)| (0..r).map(move |j| (i, j)))
        .collect();
    let mut filling = vec![vec![0usize; lambda.first().copied().unwrap_or(0)]; lambda.len()];
    fn go(cells: &[(usize, usize)], at: usize, d: usize, filling: &mut Vec<Vec<usize>>) -> usize {
        if at == cells.len() {
            return 1;
        }
        let (i, j) = cells[at];
        let low = match (j > 0, i > 0) {
            (true, true) => filling[i][j - 1].max(filling[i - 1][j] + 1),
            (true, false) => filling[i][j - 1],
            (false, true) => filling[i - 1][j] + 1,
            (false, false) => 0,
        };
        (low..d)
            .map(|v| {
                filling[i][j] = v;
                go(cells, at + 1, d, filling)
            })
            .sum()
    }
    go(&cells, 0, d, &mut filling)
}

/// The hook-content formula counts semistandard tableaux (every λ ⊢ k ≤ 6, d ≤ 4), and gives
/// `C(d+k−1, k)` for `(k)` and `C(d, k)` for `(1^k)`.
#[test]
fn hook_content_formula_counts_semistandard_tableaux() {
    for k in 1..=6 {
        for lambda in Partition::all(k) {
            for d in 1..=4 {
                let w = weyl_dimension(&lambda, d).to_usize().unwrap();
                assert_eq!(w, count_ssyt(lambda.parts(), d), "{lambda} d={d}");
            }
        }
    }
    let binomial = |n: usize, r: usize| -> usize {
        if r > n {
            0
        } else {
            (0..r).fold(1, |acc, i| acc * (n - i) / (i + 1))
        }
    };
    for k in 1..=6 {
        for d in 1..=5 {
            let row = Partition::new(vec![k]).unwrap();
            let column = Partition::new(vec![1; k]).unwrap();
            assert_eq!(weyl_dimension(&row, d), binomial(d + k - 1, k).into());
            assert_eq!(weyl_dimension(&column, d), binomial(d, k).into());
        }
    }
}

/// Schur–Weyl: `rank P_λ = f^λ · dim S_λ(R^d)` for k ≤ 4, d ≤ 4 — exact rank over `Q` when
/// `d^k ≤ 81`, and both the trace and the SVD rank (with a clear gap) for all.
#[test]
fn isotypic_rank_is_degree_times_weyl_dimension() {
    for k in 1..=4 {
        for d in 1..=4usize {
            for lambda in Partition::all(k) {
                let expected = (lambda.dimension() * weyl_dimension(&lambda, d))
                    .to_usize()
                    .unwrap();
                let p = isotypic_projector(d, &lambda).unwrap();
                assert!((p.trace() - expected as f64).abs() < 1e-9, "{lambda} d={d}");
                let ns = nullspace_svd(&p, None).unwrap();
                assert_eq!(ns.rank(), expected, "{lambda} d={d}");
                if d.pow(k as u32) <= 81 {
                    let exact = isotypic_projector_exact(d, &lambda).unwrap();
                    assert_eq!(rank(&exact), expected, "{lambda} d={d}");
                }
                assert_eq!(symmetric_part(d, &lambda).unwrap().ncols(), expected);
            }
        }
    }
}

/// `c_T² = (k!/f^λ) c_T` for every standard tableau with k ≤ 4 (d = 2, 3), its image lies in
/// the λ-isotypic part (`P_λ c_T = c_T`) and has dimension `dim S_λ(R^d)`.
#[test]
fn young_symmetrizer_is_quasi_idempotent() {
    for k in 1..=4usize {
        let factorial: usize = (1..=k).product();
        for d in 2..=3 {
            for lambda in Partition::all(k) {
                let f = lambda.dimension().to_usize().unwrap();
                let p = isotypic_projector(d, &lambda).unwrap();
                for tableau in standard_tableaux(&lambda).unwrap() {
                    let c = young_symmetrizer(d, &tableau).unwrap();
                    let scaled = &c * (factorial / f) as f64;
                    assert_eq!(&c * &c, scaled, "T={:?} d={d}", tableau.rows());
                    assert!((&p * &c - &c).norm() < 1e-10);
                    let w = weyl_dimension(&lambda, d).to_usize().unwrap();
                    assert_eq!(nullspace_svd(&c, None).unwrap().rank(), w);
                }
            }
        }
    }
}

fn assert_orthonormal(b: &DMatrix<f64>) {
    let gram = b.transpose() * b;
    assert!((gram - DMatrix::<f64>::identity(b.ncols(), b.ncols())).norm() < 1e-12);
}

/// Distance from `span(a)` to `span(b)` for orthonormal bases of equal size.
fn same_span(a: &DMatrix<f64>, b: &DMatrix<f64>) -> bool {
    a.ncols() == b.ncols() && (a - b * (b.transpose() * a)).norm() < 1e-10
}

/// e3nn's examples on R^3: "ij=ji" → 6 = dim Sym², "ij=-ji" → 3 = dim Λ², "ijk=jik=jki" → 10 =
/// dim Sym³; the bases are orthonormal, satisfy their relations, and span `P_{(2)}`, `P_{(1,1)}`,
/// `P_{(3)}`, `P_{(1,1,1)}` images.
#[test]
fn symmetry_strings_give_the_expected_subspaces() {
    let cases = [
        ("ij=ji", 6, Some("[2]")),
        ("ij=-ji", 3, Some("[1,1]")),
        ("ijk=jik=jki", 10, Some("[3]")),
        ("ijk=-jik=-ikj", 1, Some("[1,1,1]")),
        ("ij", 9, None),
        ("ij=-ij", 0, None),
        ("ijk=jik", 18, None),
        ("-ab = ba", 3, None),
    ];
    for (formula, dim, shape) in cases {
        let b = symmetry_subspace(3, formula).unwrap();
        assert_eq!(b.ncols(), dim, "{formula}");
        assert_orthonormal(&b);
        let symmetry: IndexSymmetry = formula.parse().unwrap();
        let k = symmetry.degree();
        for (pi, s) in symmetry.relations() {
            let residual = dense(3, k, pi) * &b * f64::from(*s) - &b;
            assert!(residual.norm() < 1e-12, "{formula}");
        }
        if let Some(shape) = shape {
            let part = symmetric_part(3, &shape.parse().unwrap()).unwrap();
            assert!(same_span(&b, &part), "{formula} vs {shape}");
        }
    }
}

fn random_orthogonal(rng: &mut StdRng, d: usize) -> DMatrix<f64> {
    let a = DMatrix::from_fn(d, d, |_, _| rng.random_range(-1.0..1.0));
    a.qr().q()
}

/// Schur–Weyl duality: for random `Q ∈ O(d)`, `Q^{⊗k}` maps every index-symmetry subspace and
/// every isotypic part into itself, `‖(I − BBᵀ) Q^{⊗k} B‖ < 1e-10`; a non-invariant control
/// (`span e_0⊗e_0`) fails the same check.
#[test]
fn subspaces_are_invariant_under_diagonal_orthogonal_group() {
    let mut rng = StdRng::seed_from_u64(5);
    let invariant = |b: &DMatrix<f64>, big: &DMatrix<f64>| {
        let image = big * b;
        (&image - b * (b.transpose() * &image)).norm()
    };
    for d in 2..=3 {
        for formula in [
            "ij=ji",
            "ij=-ji",
            "ijk=jik=jki",
            "ijk=jik",
            "ijk=-jki",
            "ijkl=jilk",
        ] {
            let b = symmetry_subspace(d, formula).unwrap();
            let k = formula.split('=').next().unwrap().len();
            let q = random_orthogonal(&mut rng, d);
            let big = kron_all(&vec![q; k]).unwrap();
            assert!(invariant(&b, &big) < 1e-10, "{formula} d={d}");
        }
        for k in 2..=4 {
            let q = random_orthogonal(&mut rng, d);
            let big = kron_all(&vec![q; k]).unwrap();
            for lambda in Partition::all(k) {
                let b = symmetric_part(d, &lambda).unwrap();
                assert!(invariant(&b, &big) < 1e-10, "{lambda} d={d}");
            }
        }
        let q = random_orthogonal(&mut rng, d);
        let big = kron_all(&[q.clone(), q]).unwrap();
        let mut control = DMatrix::zeros(d * d, 1);
        control[0] = 1.0;
        assert!(invariant(&control, &big) > 1e-3);
    }
}

/// Malformed formulas are `Error::Parse` at the offending position; oversized or degenerate
/// requests are `Error::TooLarge` / `Error::InvalidInput`, never a panic.
#[test]
fn bad_input_is_refused() {
    for (formula, position) in [
        ("", 0),
        ("ij=", 3),
        ("=ij", 0),
        ("ij==ji", 3),
        ("ij=jk", 4),
        ("ii=ii", 1),
        ("ij=j", 4),
        ("ij=jik", 5),
        ("i1=1i", 1),
        ("--ij=ji", 1),
        ("ij-=ji", 2),
    ] {
        match symmetry_subspace(3, formula) {
            Err(Error::Parse { position: p, .. }) => assert_eq!(p, position, "{formula:?}"),
            other => panic!("{formula:?}: expected a parse error, got {other:?}"),
        }
    }
    assert!(matches!(
        symmetry_subspace(4, "ijklmn=jiklmn"),
        Err(Error::TooLarge { .. })
    ));
    let nine: Partition = "[9]".parse().unwrap();
    assert!(matches!(
        isotypic_projector(1, &nine),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        isotypic_projector(2, &"[6,5]".parse().unwrap()),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        isotypic_projector(0, &"[2]".parse().unwrap()),
        Err(Error::InvalidInput(_))
    ));
    let swap = Permutation::from_images(vec![1, 0]).unwrap();
    assert!(matches!(
        factor_permutation(2, 3, &swap),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        factor_permutation(2, 11, &Permutation::identity(11)),
        Err(Error::TooLarge { .. })
    ));
}
