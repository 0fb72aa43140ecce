//! Property tests of `equivariant::linalg`: exact RREF / rank / nullspace / inverse /
//! determinant over `Q` against each other, against the reference Gauss–Jordan elimination and
//! against `f64` (SVD); orthonormalisation; Kronecker products and sums; permutation matrices.
//! Each property is a theorem of linear algebra, checked on random rational matrices whose
//! rank is set by multiplying random factors.

use equivariant::Error;
use equivariant::linalg::{
    QMatrix, determinant, inverse, kron, kron_all, kron_sum, nullspace, nullspace_svd,
    orthonormalize, permutation_csr, permutation_matrix, qmatrix_from_i64, qmatrix_to_f64, rank,
    rref, rref_reference,
};
use nalgebra::DMatrix;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

fn int_in(g: &mut Gen, lo: i64, hi: i64) -> i64 {
    lo + (u32::arbitrary(g) as i64).rem_euclid(hi - lo + 1)
}

fn small_rational(g: &mut Gen) -> BigRational {
    BigRational::new(
        BigInt::from(int_in(g, -4, 4)),
        BigInt::from(int_in(g, 1, 3)),
    )
}

fn qint(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// `rows × rank` small rationals times `rank × cols` small integers: rank at most `rank`.
fn random_matrix(g: &mut Gen, rows: usize, cols: usize, rank: usize) -> QMatrix {
    let l = QMatrix::from_fn(rows, rank, |_, _| small_rational(g));
    let r = QMatrix::from_fn(rank, cols, |_, _| qint(int_in(g, -3, 3)));
    &l * &r
}

/// A random rational matrix of shape up to 8 × 8 and random rank.
#[derive(Clone, Debug)]
struct Mat(QMatrix);

impl Arbitrary for Mat {
    fn arbitrary(g: &mut Gen) -> Self {
        let rows = int_in(g, 0, 8) as usize;
        let cols = int_in(g, 0, 8) as usize;
        let rank = int_in(g, 0, rows.min(cols) as i64) as usize;
        Mat(random_matrix(g, rows, cols, rank))
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let a = self.0.clone();
        let mut smaller = Vec::new();
        if a.nrows() > 0 {
            smaller.push(Mat(a.clone().remove_row(a.nrows() - 1)));
        }
        if a.ncols() > 0 {
            smaller.push(Mat(a.clone().remove_column(a.ncols() - 1)));
        }
        Box::new(smaller.into_iter())
    }
}

/// Two random square matrices of the same size `n ≤ 6` (any rank).
#[derive(Clone, Debug)]
struct SquarePair(QMatrix, QMatrix);

impl Arbitrary for SquarePair {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = int_in(g, 0, 6) as usize;
        let r1 = int_in(g, 0, n as i64) as usize;
        let r2 = int_in(g, 0, n as i64) as usize;
        SquarePair(random_matrix(g, n, n, r1), random_matrix(g, n, n, r2))
    }
}

/// A random invertible matrix `P L U` (`P` a permutation, `L` unit lower triangular, `U` upper
/// triangular with non-zero diagonal), size `n ≤ 7`.
#[derive(Clone, Debug)]
struct Invertible(QMatrix);

impl Arbitrary for Invertible {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = int_in(g, 0, 7) as usize;
        let l = QMatrix::from_fn(n, n, |i, j| match i.cmp(&j) {
            std::cmp::Ordering::Greater => small_rational(g),
            std::cmp::Ordering::Equal => BigRational::one(),
            std::cmp::Ordering::Less => BigRational::zero(),
        });
        let u = QMatrix::from_fn(n, n, |i, j| match i.cmp(&j) {
            std::cmp::Ordering::Less => small_rational(g),
            std::cmp::Ordering::Equal => {
                let v = int_in(g, 1, 4) * if bool::arbitrary(g) { 1 } else { -1 };
                BigRational::new(BigInt::from(v), BigInt::from(int_in(g, 1, 3)))
            }
            std::cmp::Ordering::Greater => BigRational::zero(),
        });
        let perm = random_permutation(g, n);
        let p = QMatrix::from_fn(n, n, |i, j| {
            if perm[j] == i {
                BigRational::one()
            } else {
                BigRational::zero()
            }
        });
        Invertible(p * l * u)
    }
}

fn random_permutation(g: &mut Gen, n: usize) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = int_in(g, 0, i as i64) as usize;
        perm.swap(i, j);
    }
    perm
}

/// A pair of random permutations of the same `n ≤ 8`.
#[derive(Clone, Debug)]
struct PermPair(Vec<usize>, Vec<usize>);

impl Arbitrary for PermPair {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = int_in(g, 0, 8) as usize;
        PermPair(random_permutation(g, n), random_permutation(g, n))
    }
}

/// Four random small rational matrices with shapes `A: m×n, B: q×r, C: n×p, D: r×s`, all ≤ 3.
#[derive(Clone, Debug)]
struct KronQuad(QMatrix, QMatrix, QMatrix, QMatrix);

impl Arbitrary for KronQuad {
    fn arbitrary(g: &mut Gen) -> Self {
        let d: Vec<usize> = (0..6).map(|_| int_in(g, 1, 3) as usize).collect();
        let (m, n, p, q, r, s) = (d[0], d[1], d[2], d[3], d[4], d[5]);
        let mut mk = |rows, cols| QMatrix::from_fn(rows, cols, |_, _| small_rational(g));
        let a = mk(m, n);
        let b = mk(q, r);
        let c = mk(n, p);
        let dd = mk(r, s);
        KronQuad(a, b, c, dd)
    }
}

/// Two random square small rational matrices `X: p×p`, `Y: q×q` (`p, q ≤ 3`) and a rational `t`.
#[derive(Clone, Debug)]
struct KronSumCase(QMatrix, QMatrix, BigRational);

impl Arbitrary for KronSumCase {
    fn arbitrary(g: &mut Gen) -> Self {
        let p = int_in(g, 0, 3) as usize;
        let q = int_in(g, 0, 3) as usize;
        let x = QMatrix::from_fn(p, p, |_, _| small_rational(g));
        let y = QMatrix::from_fn(q, q, |_, _| small_rational(g));
        KronSumCase(x, y, small_rational(g))
    }
}

fn check<A: Arbitrary + std::fmt::Debug>(tests: u64, prop: fn(A) -> TestResult) {
    QuickCheck::new()
        .tests(tests)
        .max_tests(tests * 20)
        .quickcheck(prop);
}

fn is_zero_matrix(a: &QMatrix) -> bool {
    a.iter().all(|x| x.is_zero())
}

/// `‖Q Qᵀ − B Bᵀ‖` for orthonormal `Q`, `B`: zero iff they span the same space.
fn projector_distance(q: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    (q * q.transpose() - b * b.transpose()).norm()
}

// ---------------------------------------------------------------------------------------------
// Exact elimination
// ---------------------------------------------------------------------------------------------

#[test]
fn exact_rank_matches_numeric_rank() {
    fn prop(m: Mat) -> TestResult {
        let a = m.0;
        let exact = rank(&a);
        let ns = nullspace_svd(&qmatrix_to_f64(&a), None).unwrap();
        let numeric = ns
            .singular_values
            .iter()
            .filter(|&&s| s > ns.tolerance)
            .count();
        // The gap the SVD cut at brackets the tolerance.
        let gap_ok = ns
            .gap
            .is_none_or(|(kept, dropped)| kept > ns.tolerance && dropped <= ns.tolerance);
        TestResult::from_bool(exact == numeric && ns.rank() == exact && gap_ok)
    }
    check(300, prop);
}

#[test]
fn nullspace_is_annihilated_exactly_and_has_n_minus_rank_columns() {
    fn prop(m: Mat) -> TestResult {
        let a = m.0;
        let n = nullspace(&a);
        let r = rank(&a);
        let shape_ok = n.nrows() == a.ncols() && n.ncols() == a.ncols() - r;
        let annihilated = a.nrows() == 0 || n.ncols() == 0 || is_zero_matrix(&(&a * &n));
        // The columns are independent.
        TestResult::from_bool(shape_ok && annihilated && rank(&n) == n.ncols())
    }
    check(300, prop);
}

#[test]
fn nullspace_is_the_canonical_basis_read_off_the_rref() {
    fn prop(m: Mat) -> TestResult {
        let a = m.0;
        let (r, pivots) = rref(&a);
        let n = nullspace(&a);
        let free: Vec<usize> = (0..a.ncols()).filter(|c| !pivots.contains(c)).collect();
        for (j, &c) in free.iter().enumerate() {
            for (j2, &c2) in free.iter().enumerate() {
                let expected = if j == j2 {
                    BigRational::one()
                } else {
                    BigRational::zero()
                };
                if n[(c2, j)] != expected {
                    return TestResult::failed();
                }
            }
            for (k, &pc) in pivots.iter().enumerate() {
                if n[(pc, j)] != -r[(k, c)].clone() {
                    return TestResult::failed();
                }
            }
        }
        TestResult::passed()
    }
    check(200, prop);
}

#[test]
fn numeric_nullspace_spans_the_exact_nullspace() {
    fn prop(m: Mat) -> TestResult {
        let a = m.0;
        let exact = qmatrix_to_f64(&nullspace(&a));
        let q = orthonormalize(&exact, 1e-12);
        let numeric = nullspace_svd(&qmatrix_to_f64(&a), None).unwrap();
        let b = &numeric.basis;
        let orthonormal =
            (b.transpose() * b - DMatrix::<f64>::identity(b.ncols(), b.ncols())).norm() < 1e-12;
        TestResult::from_bool(
            q.ncols() == b.ncols() && orthonormal && projector_distance(&q, b) < 1e-9,
        )
    }
    check(300, prop);
}

#[test]
fn rref_matches_reference_gauss_jordan() {
    fn prop(m: Mat) -> TestResult {
        TestResult::from_bool(rref(&m.0) == rref_reference(&m.0))
    }
    check(300, prop);
}

#[test]
fn rref_is_idempotent() {
    fn prop(m: Mat) -> TestResult {
        let (r, pivots) = rref(&m.0);
        let (r2, pivots2) = rref(&r);
        TestResult::from_bool(r == r2 && pivots == pivots2)
    }
    check(200, prop);
}

#[test]
fn rref_has_echelon_form_and_the_same_row_space() {
    fn prop(m: Mat) -> TestResult {
        let a = m.0;
        let (r, pivots) = rref(&a);
        let k = pivots.len();
        for (row, &c) in pivots.iter().enumerate() {
            // Leading one, alone in its column, nothing to its left.
            for i in 0..r.nrows() {
                let expected = if i == row {
                    BigRational::one()
                } else {
                    BigRational::zero()
                };
                if r[(i, c)] != expected {
                    return TestResult::failed();
                }
            }
            if (0..c).any(|j| !r[(row, j)].is_zero()) {
                return TestResult::failed();
            }
        }
        if pivots.windows(2).any(|w| w[0] >= w[1]) {
            return TestResult::failed();
        }
        if (k..r.nrows()).any(|i| (0..r.ncols()).any(|j| !r[(i, j)].is_zero())) {
            return TestResult::failed();
        }
        // Row space: stacking A on R does not raise the rank.
        let mut stacked = QMatrix::zeros(a.nrows() + r.nrows(), a.ncols());
        stacked.view_mut((0, 0), a.shape()).copy_from(&a);
        stacked.view_mut((a.nrows(), 0), r.shape()).copy_from(&r);
        TestResult::from_bool(rank(&stacked) == k && rank(&a) == k)
    }
    check(200, prop);
}

#[test]
fn inverse_times_matrix_is_identity_exactly() {
    fn prop(m: Invertible) -> TestResult {
        let a = m.0;
        let n = a.nrows();
        let inv = inverse(&a).unwrap();
        let id = QMatrix::identity(n, n);
        TestResult::from_bool(&inv * &a == id && &a * &inv == id)
    }
    check(200, prop);
}

#[test]
fn determinant_is_multiplicative_exactly() {
    fn prop(p: SquarePair) -> TestResult {
        let (a, b) = (p.0, p.1);
        let lhs = determinant(&(&a * &b)).unwrap();
        TestResult::from_bool(lhs == determinant(&a).unwrap() * determinant(&b).unwrap())
    }
    check(300, prop);
}

#[test]
fn determinant_agrees_with_f64_determinant() {
    fn prop(p: Invertible) -> TestResult {
        let a = p.0;
        let exact = equivariant::num::rational::to_f64(&determinant(&a).unwrap());
        let float = qmatrix_to_f64(&a).determinant();
        TestResult::from_bool((exact - float).abs() <= 1e-9 * exact.abs().max(1.0))
    }
    check(200, prop);
    fn prop_any(p: SquarePair) -> TestResult {
        let a = p.0;
        let exact = equivariant::num::rational::to_f64(&determinant(&a).unwrap());
        let float = qmatrix_to_f64(&a).determinant();
        let scale = qmatrix_to_f64(&a).norm().powi(a.nrows() as i32).max(1.0);
        TestResult::from_bool((exact - float).abs() <= 1e-10 * scale)
    }
    check(200, prop_any);
}

#[test]
fn determinant_nonzero_iff_invertible_iff_full_rank() {
    fn prop(p: SquarePair) -> TestResult {
        let a = p.0;
        let n = a.nrows();
        let nonzero = !determinant(&a).unwrap().is_zero();
        let invertible = inverse(&a).is_ok();
        TestResult::from_bool(nonzero == invertible && invertible == (rank(&a) == n))
    }
    check(300, prop);
}

#[test]
fn exact_algorithms_agree_on_large_entries() {
    // Factors with 60-digit numerators and denominators: many primes, Hadamard bounds far above
    // 64 bits, entries beyond i64; the multimodular RREF must still equal the reference
    // elimination, and det / inverse must agree with the rank.
    let mut g = Gen::new(100);
    let big = BigInt::from(10).pow(60u32);
    for _ in 0..30 {
        let rows = int_in(&mut g, 1, 7) as usize;
        let cols = int_in(&mut g, 1, 7) as usize;
        let rk = int_in(&mut g, 0, rows.min(cols) as i64) as usize;
        let l = QMatrix::from_fn(rows, rk, |_, _| {
            small_rational(&mut g)
                + BigRational::new(BigInt::from(int_in(&mut g, -9, 9)), big.clone() + 7)
        });
        let r = QMatrix::from_fn(rk, cols, |_, _| {
            qint(int_in(&mut g, -3, 3)) * BigRational::new(big.clone() - 1, big.clone() + 3)
                + qint(int_in(&mut g, 0, 1))
        });
        let a = &l * &r;
        assert_eq!(rref(&a), rref_reference(&a), "{a}");
        assert_eq!(rank(&a), rref_reference(&a).1.len());
        if rows == cols {
            let det = determinant(&a).unwrap();
            assert_eq!(det.is_zero(), inverse(&a).is_err());
            if let Ok(inv) = inverse(&a) {
                assert_eq!(&inv * &a, QMatrix::identity(rows, rows));
            }
        }
    }
}

#[test]
fn rref_matches_reference_on_matrices_spanning_several_elimination_blocks() {
    // Ranks up to 60 exercise the blocked back-substitution (blocks of 32 rows) and the
    // row-bucket elimination on sparse (5 %, 20 %) and dense factors.
    use rand::rngs::StdRng;
    use rand::{RngExt, SeedableRng};
    let mut rng = StdRng::seed_from_u64(99);
    for (trial, density) in [0.05, 0.2, 1.0, 0.05, 0.2, 1.0].into_iter().enumerate() {
        let m = 40 + 5 * trial;
        let n = 60 - 3 * trial;
        let r = m.min(n) - trial;
        let mut entry = |max_num: i64, max_den: i64| {
            if rng.random_bool(density) {
                BigRational::new(
                    BigInt::from(rng.random_range(-max_num..=max_num)),
                    BigInt::from(rng.random_range(1..=max_den)),
                )
            } else {
                BigRational::zero()
            }
        };
        let l = QMatrix::from_fn(m, r, |_, _| entry(3, 2));
        let f = QMatrix::from_fn(r, n, |_, _| entry(2, 1));
        let a = &l * &f;
        let expected = rref_reference(&a);
        assert_eq!(rref(&a), expected, "trial {trial}");
        assert_eq!(rank(&a), expected.1.len());
    }
}

#[test]
fn cycle_graph_incidence_matrix_has_the_constants_as_nullspace() {
    // Rows e_i − e_{i+1 mod n} of the cycle C_n: rank n − 1, nullspace spanned by (1, …, 1).
    // Hadamard's bound (2^{(n−1)/2}) is far above the true minors (±1), so this exercises the
    // early-terminating reconstruction and its full certificate.
    for n in [3usize, 64, 700] {
        let mut data = vec![0i64; n * n];
        for i in 0..n {
            data[i * n + i] += 1;
            data[i * n + (i + 1) % n] -= 1;
        }
        let a = qmatrix_from_i64(n, n, &data).unwrap();
        assert_eq!(rank(&a), n - 1);
        assert_eq!(
            nullspace(&a),
            QMatrix::from_element(n, 1, BigRational::one())
        );
        let (r, pivots) = rref(&a);
        assert_eq!(pivots, (0..n - 1).collect::<Vec<_>>());
        assert!((0..n - 1).all(|k| r[(k, n - 1)] == qint(-1)));
    }
}

/// Multiplies `a · b`, skipping zero entries of `a` (fast for sparse 0/±1 constraint matrices).
fn sparse_mul(a: &QMatrix, b: &QMatrix) -> QMatrix {
    let mut out = QMatrix::zeros(a.nrows(), b.ncols());
    for i in 0..a.nrows() {
        for k in 0..a.ncols() {
            if a[(i, k)].is_zero() {
                continue;
            }
            for j in 0..b.ncols() {
                let v = &out[(i, j)] + &a[(i, k)] * &b[(k, j)];
                out[(i, j)] = v;
            }
        }
    }
    out
}

#[test]
fn permutation_constraint_nullspace_has_bell_number_dimension() {
    // End_{S_n}(V ⊗ V) for the permutation representation V = Q^n has dimension
    // Bell(4) = 15 once n ≥ 4 (the orbits of S_n on [n]^4, i.e. set partitions of 4 points).
    // Solve P X = X P for the two generators of S_n acting on V ⊗ V (a 2n⁴ × n⁴ sparse 0/±1
    // system) exactly.
    for n in [4usize, 5] {
        let cycle: Vec<usize> = (0..n).map(|i| (i + 1) % n).collect();
        let mut swap: Vec<usize> = (0..n).collect();
        swap.swap(0, 1);
        let d = n * n;
        let mut a = QMatrix::zeros(2 * d * d, d * d);
        for (g, perm) in [cycle, swap].iter().enumerate() {
            let p = permutation_matrix(perm).unwrap();
            let p2 = kron(&p, &p).unwrap();
            // vec(P X − X P) = (I ⊗ P − Pᵀ ⊗ I) vec(X), column-major vec.
            let id = DMatrix::<f64>::identity(d, d);
            let m = kron(&id, &p2).unwrap() - kron(&p2.transpose(), &id).unwrap();
            for i in 0..d * d {
                for j in 0..d * d {
                    if m[(i, j)] != 0.0 {
                        a[(g * d * d + i, j)] = qint(m[(i, j)] as i64);
                    }
                }
            }
        }
        let basis = nullspace(&a);
        assert_eq!(basis.ncols(), 15, "n = {n}");
        assert!(is_zero_matrix(&sparse_mul(&a, &basis)));
    }
}

// ---------------------------------------------------------------------------------------------
// Numeric
// ---------------------------------------------------------------------------------------------

#[test]
fn orthonormalize_gives_orthonormal_columns_with_the_same_span() {
    fn prop(m: Mat) -> TestResult {
        let a = qmatrix_to_f64(&m.0);
        let q = orthonormalize(&a, 1e-10);
        let k = q.ncols();
        let orthonormal = (q.transpose() * &q - DMatrix::<f64>::identity(k, k)).norm() < 1e-12;
        // Same span: projecting A onto span(Q) changes nothing, and dim = rank.
        let residual = (&q * (q.transpose() * &a) - &a).norm();
        TestResult::from_bool(
            orthonormal && residual <= 1e-10 * a.norm().max(1.0) && k == rank(&m.0),
        )
    }
    check(300, prop);
}

#[test]
fn svd_nullspace_handles_wide_tall_zero_and_empty_matrices() {
    let wide = DMatrix::from_row_slice(1, 4, &[1.0, 2.0, 3.0, 4.0]);
    let ns = nullspace_svd(&wide, None).unwrap();
    assert_eq!(ns.basis.shape(), (4, 3));
    assert_eq!(ns.singular_values.len(), 4);
    assert!((&wide * &ns.basis).norm() < 1e-12);
    let zero = DMatrix::<f64>::zeros(3, 2);
    let ns = nullspace_svd(&zero, None).unwrap();
    assert_eq!(ns.basis.ncols(), 2);
    assert_eq!(ns.gap, None);
    for (r, c) in [(0, 0), (0, 3), (3, 0)] {
        let ns = nullspace_svd(&DMatrix::zeros(r, c), None).unwrap();
        assert_eq!(ns.basis.shape(), (c, c));
        assert_eq!(ns.singular_values, vec![0.0; c]);
    }
    let full = DMatrix::<f64>::identity(3, 3);
    let ns = nullspace_svd(&full, None).unwrap();
    assert_eq!(ns.basis.ncols(), 0);
    assert_eq!(ns.gap, None);
    // An explicit tolerance moves the cut and the reported gap.
    let diag = DMatrix::from_diagonal(&nalgebra::DVector::from_vec(vec![1.0, 1e-3, 1e-8]));
    let ns = nullspace_svd(&diag, Some(1e-5)).unwrap();
    assert_eq!(ns.basis.ncols(), 1);
    assert_eq!(ns.gap, Some((1e-3, 1e-8)));
}

// ---------------------------------------------------------------------------------------------
// Kronecker products
// ---------------------------------------------------------------------------------------------

#[test]
fn kron_mixed_product_property() {
    fn prop(k: KronQuad) -> TestResult {
        let KronQuad(a, b, c, d) = k;
        let lhs = kron(&a, &b).unwrap() * kron(&c, &d).unwrap();
        let rhs = kron(&(&a * &c), &(&b * &d)).unwrap();
        TestResult::from_bool(lhs == rhs)
    }
    check(200, prop);
}

#[test]
fn kron_sum_is_the_first_order_term_of_kron() {
    // (I + tX) ⊗ (I + tY) = I + t (X ⊗ I + I ⊗ Y) + t² (X ⊗ Y), exactly: kron_sum is the
    // derivative at t = 0 of the tensor product of the one-parameter families.
    fn prop(c: KronSumCase) -> TestResult {
        let KronSumCase(x, y, t) = c;
        let (p, q) = (x.nrows(), y.nrows());
        let ip = QMatrix::identity(p, p);
        let iq = QMatrix::identity(q, q);
        let lhs = kron(&(&ip + &x * t.clone()), &(&iq + &y * t.clone())).unwrap();
        let rhs = QMatrix::identity(p * q, p * q)
            + kron_sum(&x, &y).unwrap() * t.clone()
            + kron(&x, &y).unwrap() * (&t * &t);
        TestResult::from_bool(lhs == rhs)
    }
    check(200, prop);
}

#[test]
fn kron_all_is_associative_and_matches_repeated_kron() {
    fn prop(k: KronQuad) -> TestResult {
        let f = |m: &QMatrix| qmatrix_to_f64(&m.map(|x| x * BigRational::from_integer(6.into())));
        // Integer-valued f64 matrices: products are exact.
        let (a, b, c) = (f(&k.0), f(&k.1), f(&k.2));
        let all = kron_all(&[a.clone(), b.clone(), c.clone()]).unwrap();
        let left = kron(&kron(&a, &b).unwrap(), &c).unwrap();
        let right = kron(&a, &kron(&b, &c).unwrap()).unwrap();
        TestResult::from_bool(all == left && left == right)
    }
    check(100, prop);
}

// ---------------------------------------------------------------------------------------------
// Permutation matrices
// ---------------------------------------------------------------------------------------------

#[test]
fn permutation_matrix_is_a_homomorphism() {
    fn prop(pp: PermPair) -> TestResult {
        let PermPair(s, t) = pp;
        let composed: Vec<usize> = (0..s.len()).map(|i| s[t[i]]).collect();
        let ps = permutation_matrix(&s).unwrap();
        let pt = permutation_matrix(&t).unwrap();
        let pst = permutation_matrix(&composed).unwrap();
        let mut inv = vec![0; s.len()];
        for (i, &v) in s.iter().enumerate() {
            inv[v] = i;
        }
        let csr_ok = DMatrix::from(&permutation_csr(&s).unwrap()) == ps;
        let inverse_ok = permutation_matrix(&inv).unwrap() == ps.transpose();
        // P e_i = e_{s(i)}
        let action_ok = (0..s.len()).all(|i| ps[(s[i], i)] == 1.0 && ps.column(i).sum() == 1.0);
        TestResult::from_bool(pst == &ps * &pt && csr_ok && inverse_ok && action_ok)
    }
    check(300, prop);
}

// ---------------------------------------------------------------------------------------------
// Edge cases
// ---------------------------------------------------------------------------------------------

#[test]
fn zero_matrix_has_everything_as_nullspace() {
    let z = QMatrix::zeros(3, 4);
    assert_eq!(rank(&z), 0);
    assert_eq!(nullspace(&z), QMatrix::identity(4, 4));
    assert_eq!(rref(&z), (z.clone(), vec![]));
    assert_eq!(
        determinant(&QMatrix::zeros(3, 3)).unwrap(),
        BigRational::zero()
    );
    assert!(inverse(&QMatrix::zeros(3, 3)).is_err());
}

#[test]
fn empty_matrices_are_handled() {
    for (r, c) in [(0, 0), (0, 3), (3, 0)] {
        let e = QMatrix::zeros(r, c);
        assert_eq!(rank(&e), 0);
        assert_eq!(rref(&e), (e.clone(), vec![]));
        assert_eq!(nullspace(&e), QMatrix::identity(c, c));
        assert_eq!(orthonormalize(&DMatrix::zeros(r, c), 1e-12).shape(), (r, 0));
    }
    assert_eq!(
        determinant(&QMatrix::zeros(0, 0)).unwrap(),
        BigRational::one()
    );
    assert_eq!(inverse(&QMatrix::zeros(0, 0)).unwrap().shape(), (0, 0));
    assert_eq!(permutation_matrix(&[]).unwrap().shape(), (0, 0));
    assert_eq!(kron_all(&[]).unwrap(), DMatrix::identity(1, 1));
}

#[test]
fn singular_or_non_square_inverse_is_err() {
    let singular = qmatrix_from_i64(3, 3, &[1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap();
    assert!(matches!(inverse(&singular), Err(Error::InvalidInput(_))));
    assert_eq!(determinant(&singular).unwrap(), BigRational::zero());
    let rect = QMatrix::zeros(2, 3);
    assert!(matches!(inverse(&rect), Err(Error::InvalidInput(_))));
    assert!(matches!(determinant(&rect), Err(Error::InvalidInput(_))));
}

#[test]
fn non_permutation_is_err() {
    for bad in [&[0usize, 0][..], &[1, 2], &[0, 2, 1, 3, 3]] {
        assert!(matches!(
            permutation_matrix(bad),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(permutation_csr(bad), Err(Error::InvalidInput(_))));
    }
}

#[test]
fn malformed_inputs_are_err() {
    assert!(matches!(
        qmatrix_from_i64(2, 2, &[1, 2, 3]),
        Err(Error::InvalidInput(_))
    ));
    let rect = DMatrix::<f64>::zeros(2, 3);
    assert!(matches!(
        kron_sum(&rect, &rect),
        Err(Error::InvalidInput(_))
    ));
    let mut nan = DMatrix::<f64>::identity(2, 2);
    nan[(1, 1)] = f64::NAN;
    assert!(matches!(
        nullspace_svd(&nan, None),
        Err(Error::InvalidInput(_))
    ));
    assert!(nullspace_svd(&rect, Some(-1.0)).is_err());
}

// ---------------------------------------------------------------------------------------------
// Timing (run with `cargo test --release --test linalg -- --ignored --nocapture`)
// ---------------------------------------------------------------------------------------------

#[test]
#[ignore]
fn exact_nullspace_200_timing() {
    use rand::rngs::StdRng;
    use rand::{RngExt, SeedableRng};
    // Same construction as `benches/linalg.rs`: 150 random rows (entries in [-5, 5], some rows
    // divided by 2 or 3), then 50 sums/differences of two of them.
    let mut rng = StdRng::seed_from_u64(2024);
    let (n, r) = (200, 150);
    let mut a = QMatrix::zeros(n, n);
    for i in 0..r {
        let den = BigInt::from(rng.random_range(1i64..=3));
        for j in 0..n {
            a[(i, j)] = BigRational::new(BigInt::from(rng.random_range(-5i64..=5)), den.clone());
        }
    }
    for i in r..n {
        let s = rng.random_range(0..r);
        let t = rng.random_range(0..r);
        let sign = qint(if rng.random_bool(0.5) { 1 } else { -1 });
        for j in 0..n {
            let v = &a[(s, j)] + &a[(t, j)] * &sign;
            a[(i, j)] = v;
        }
    }
    let start = std::time::Instant::now();
    let basis = nullspace(&a);
    let elapsed = start.elapsed();
    println!("exact nullspace of a 200×200 rank-150 rational matrix: {elapsed:?}");
    assert_eq!(basis.ncols(), 50);
    // Exact check A·N = 0 on a few columns (the full BigRational product is slow).
    let cols = basis.columns(0, 3).into_owned();
    assert!(is_zero_matrix(&sparse_mul(&a, &cols)));
}
