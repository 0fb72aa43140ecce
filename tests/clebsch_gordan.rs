//! Clebsch–Gordan coefficients, 3j and 6j symbols (theory/clebsch-gordan.md).
//!
//! Reference values are from the Particle Data Group's table "Clebsch-Gordan coefficients,
//! spherical harmonics, and d functions" (Condon–Shortley convention) and from
//! `sympy.physics.wigner` / `sympy.physics.quantum.cg` (exact, same convention).

use equivariant::Error;
use equivariant::num::factorial::Factorization;
use equivariant::num::rational::{Q, q};
use equivariant::num::sqrt_rational::SqrtRational;
use equivariant::so3::angular_momentum::{angular_momentum, real_generators};
use equivariant::so3::clebsch_gordan::{
    ClebschGordanTable, RealCoupling, clebsch_gordan, clebsch_gordan_exact, coupling_matrix,
    real_clebsch_gordan, triangle, wigner_3j, wigner_3j_exact,
};
use equivariant::so3::real_basis::complex_to_real;
use equivariant::so3::wigner_6j::{wigner_6j, wigner_6j_exact};
use nalgebra::DMatrix;
use num_complex::Complex64;
use num_traits::Zero;
use quickcheck::{QuickCheck, TestResult};
use rand::{RngExt, SeedableRng, rngs::StdRng};

fn sr(sign: i32, num: i64, den: i64) -> SqrtRational {
    SqrtRational::signed_sqrt(sign, q(num, den)).unwrap()
}

fn cg_exact(l1: usize, m1: i64, l2: usize, m2: i64, l3: usize, m3: i64) -> SqrtRational {
    clebsch_gordan_exact(l1, m1, l2, m2, l3, m3).unwrap()
}

fn ms(l: usize) -> impl Iterator<Item = i64> {
    -(l as i64)..=l as i64
}

fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

/// The exact sum of signed square roots that are pairwise commensurate (all ratios rational),
/// as `first · Σ (t_i / first)`: `None` if some ratio is irrational.
fn commensurate_sum(terms: &[SqrtRational]) -> Option<SqrtRational> {
    let Some(first) = terms.iter().find(|t| !t.is_zero()) else {
        return Some(SqrtRational::zero());
    };
    let inverse = first.recip().ok()?;
    let mut ratio_sum = Q::zero();
    for t in terms {
        ratio_sum += (t * &inverse).to_rational()?;
    }
    Some(first * &SqrtRational::from_rational(&ratio_sum))
}

// ---------------------------------------------------------------- known values

/// Textbook values (PDG table; sympy) in the Condon–Shortley convention.
#[test]
fn known_values_match_the_condon_shortley_tables() {
    let cases = [
        ((1, 1, 1, -1, 0, 0), sr(1, 1, 3)),
        ((1, 0, 1, 0, 0, 0), sr(-1, 1, 3)),
        ((1, 0, 1, 0, 2, 0), sr(1, 2, 3)),
        ((1, 1, 1, 0, 1, 1), sr(1, 1, 2)),
        ((1, 0, 1, 1, 1, 1), sr(-1, 1, 2)),
        ((1, 0, 1, 0, 1, 0), SqrtRational::zero()),
        ((2, 1, 1, -1, 2, 0), sr(1, 1, 2)),
        ((3, 2, 2, -1, 4, 1), sr(1, 35, 100)),
        ((2, 0, 2, 0, 2, 0), sr(-1, 2, 7)),
        ((3, -1, 2, 2, 4, 1), sr(-1, 2, 7)),
        ((4, 2, 3, -3, 5, -1), sr(1, 25 * 273, 182 * 182)),
    ];
    for ((l1, m1, l2, m2, l3, m3), expected) in cases {
        let exact = cg_exact(l1, m1, l2, m2, l3, m3);
        assert_eq!(exact, expected, "<{l1} {m1} {l2} {m2} | {l3} {m3}>");
        let float = clebsch_gordan(l1, m1, l2, m2, l3, m3).unwrap();
        assert!((float - expected.to_f64()).abs() < 1e-15);
    }
    // 3j symbols (sympy.physics.wigner.wigner_3j).
    assert_eq!(
        wigner_3j_exact(3, -2, 4, 1, 5, 1).unwrap(),
        sr(1, 625 * 1001, 6006 * 6006)
    );
    assert_eq!(
        wigner_3j_exact(10, 0, 10, 0, 10, 0).unwrap(),
        sr(-1, 126 * 126 * 233_753_485, 33_393_355 * 33_393_355)
    );
    let w = wigner_3j(10, 0, 10, 0, 10, 0).unwrap();
    assert!((w - wigner_3j_exact(10, 0, 10, 0, 10, 0).unwrap().to_f64()).abs() < 1e-16);
    assert_eq!(
        cg_exact(1, 1, 1, -1, 0, 0).to_string(),
        "sqrt(1/3)",
        "Display form used by `cg --exact`"
    );
}

/// The stretched coefficient has the closed form
/// `⟨l1 m1 l2 m2 | l1+l2 M⟩ = √[C(2l1, l1+m1) C(2l2, l2+m2) / C(2L, L+M)]` (Varshalovich
/// §8.5 eq. (1)); checked exactly at l in the hundreds, where every factorial overflows any
/// machine integer.
#[test]
fn stretched_coefficients_match_the_binomial_formula_at_high_l() {
    let binomial = |n: usize, k: usize| {
        &Factorization::factorial(n)
            / &(&Factorization::factorial(k) * &Factorization::factorial(n - k))
    };
    for (l1, m1, l2, m2) in [
        (150usize, 7i64, 220usize, -99i64),
        (300, -300, 301, 0),
        (5, 2, 3, 3),
    ] {
        let big_l = l1 + l2;
        let big_m = m1 + m2;
        let expected = &(&binomial(2 * l1, (l1 as i64 + m1) as usize)
            * &binomial(2 * l2, (l2 as i64 + m2) as usize))
            / &binomial(2 * big_l, (big_l as i64 + big_m) as usize);
        let value = cg_exact(l1, m1, l2, m2, big_l, big_m);
        assert_eq!(value, expected.signed_sqrt(1).unwrap());
        let float = clebsch_gordan(l1, m1, l2, m2, big_l, big_m).unwrap();
        assert!(((float - value.to_f64()) / value.to_f64()).abs() < 1e-13);
    }
}

// ---------------------------------------------------------------- orthogonality

/// `Σ_{m1+m2=M} ⟨l1 m1 l2 m2 | l3 M⟩ ⟨l1 m1 l2 m2 | l3' M⟩ = δ_{l3 l3'}`, exactly over `Q`
/// (all terms are rational multiples of one square root, since the `m`-dependent factorials
/// under the root are shared).
#[test]
fn orthogonality_over_m_holds_exactly() {
    for l1 in 0..=3usize {
        for l2 in 0..=3usize {
            for big_m in -((l1 + l2) as i64)..=(l1 + l2) as i64 {
                let l3s: Vec<usize> = (l1.abs_diff(l2)..=l1 + l2)
                    .filter(|&l3| big_m.unsigned_abs() as usize <= l3)
                    .collect();
                for &a in &l3s {
                    for &b in &l3s {
                        let terms: Vec<SqrtRational> = ms(l1)
                            .filter(|m1| (big_m - m1).unsigned_abs() as usize <= l2)
                            .map(|m1| {
                                &cg_exact(l1, m1, l2, big_m - m1, a, big_m)
                                    * &cg_exact(l1, m1, l2, big_m - m1, b, big_m)
                            })
                            .collect();
                        let sum = commensurate_sum(&terms).expect("commensurate terms");
                        let expected = if a == b {
                            SqrtRational::one()
                        } else {
                            SqrtRational::zero()
                        };
                        assert_eq!(sum, expected, "({l1} {l2}) M = {big_m}, l3 = {a}, {b}");
                    }
                }
            }
        }
    }
}

/// `Σ_{l3} ⟨l1 m1 l2 m2 | l3 M⟩ ⟨l1 m1' l2 m2' | l3 M⟩ = δ_{m1 m1'}` (`m1+m2 = m1'+m2' = M`),
/// exactly over `Q`.
#[test]
fn orthogonality_over_l3_holds_exactly() {
    for l1 in 0..=3usize {
        for l2 in 0..=3usize {
            for m1 in ms(l1) {
                for m2 in ms(l2) {
                    let big_m = m1 + m2;
                    for m1p in ms(l1).filter(|m| (big_m - m).unsigned_abs() as usize <= l2) {
                        let lowest = l1.abs_diff(l2).max(big_m.unsigned_abs() as usize);
                        let terms: Vec<SqrtRational> = (lowest..=l1 + l2)
                            .map(|l3| {
                                &cg_exact(l1, m1, l2, m2, l3, big_m)
                                    * &cg_exact(l1, m1p, l2, big_m - m1p, l3, big_m)
                            })
                            .collect();
                        let sum = commensurate_sum(&terms).expect("commensurate terms");
                        let expected = if m1 == m1p {
                            SqrtRational::one()
                        } else {
                            SqrtRational::zero()
                        };
                        assert_eq!(sum, expected, "({l1} {m1} {l2} {m2}) vs m1' = {m1p}");
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------- symmetries

/// Maps arbitrary bytes to valid arguments `l ≤ 7`, `|m| ≤ l`.
fn arguments(raw: (u8, u8, u8, u8, u8, u8)) -> (usize, i64, usize, i64, usize, i64) {
    let (a, b, c, d, e, f) = raw;
    let l1 = (a % 8) as usize;
    let l2 = (b % 8) as usize;
    let l3 = (c % 8) as usize;
    let m = |l: usize, x: u8| (x as i64 % (2 * l as i64 + 1)) - l as i64;
    (l1, m(l1, d), l2, m(l2, e), l3, m(l3, f))
}

/// `⟨l2 m2 l1 m1 | l3 m3⟩ = (−1)^{l1+l2−l3} ⟨l1 m1 l2 m2 | l3 m3⟩` and
/// `⟨l1 −m1 l2 −m2 | l3 −m3⟩ = (−1)^{l1+l2−l3} ⟨l1 m1 l2 m2 | l3 m3⟩` (Edmonds (3.5.14–15)),
/// exactly, for random arguments with `m3 = m1 + m2`.
#[test]
fn swap_and_reflection_symmetries_hold_exactly() {
    fn prop(raw: (u8, u8, u8, u8, u8, u8)) -> TestResult {
        let (l1, m1, l2, m2, l3, _) = arguments(raw);
        let m3 = m1 + m2;
        if m3.unsigned_abs() as usize > l3 {
            return TestResult::discard();
        }
        let c = cg_exact(l1, m1, l2, m2, l3, m3);
        let phase = if (l1 + l2 + l3).is_multiple_of(2) {
            c.clone()
        } else {
            -c.clone()
        };
        TestResult::from_bool(
            cg_exact(l2, m2, l1, m1, l3, m3) == phase
                && cg_exact(l1, -m1, l2, -m2, l3, -m3) == phase,
        )
    }
    QuickCheck::new()
        .tests(300)
        .quickcheck(prop as fn((u8, u8, u8, u8, u8, u8)) -> TestResult);
}

/// The 3j symbol is invariant under cyclic permutations of its columns and picks up
/// `(−1)^{l1+l2+l3}` under odd ones and under `m → −m` (Edmonds (3.7.5–6)), exactly.
#[test]
fn three_j_permutation_symmetries_hold_exactly() {
    /// Draws whose symbol is zero (invalid `m3`, a triangle violation or an accidental zero)
    /// are discarded: the relations would hold vacuously.
    fn prop(raw: (u8, u8, u8, u8, u8, u8)) -> TestResult {
        let (l1, m1, l2, m2, l3, _) = arguments(raw);
        let m3 = -m1 - m2;
        if m3.unsigned_abs() as usize > l3 {
            return TestResult::discard();
        }
        let w = |a: (usize, i64), b: (usize, i64), c: (usize, i64)| {
            wigner_3j_exact(a.0, a.1, b.0, b.1, c.0, c.1).unwrap()
        };
        let (x, y, z) = ((l1, m1), (l2, m2), (l3, m3));
        let base = w(x, y, z);
        if base.is_zero() {
            return TestResult::discard();
        }
        let odd = if (l1 + l2 + l3).is_multiple_of(2) {
            base.clone()
        } else {
            -base.clone()
        };
        let flipped = w((l1, -m1), (l2, -m2), (l3, -m3));
        TestResult::from_bool(
            w(y, z, x) == base
                && w(z, x, y) == base
                && w(y, x, z) == odd
                && w(x, z, y) == odd
                && w(z, y, x) == odd
                && flipped == odd,
        )
    }
    QuickCheck::new()
        .tests(300)
        .max_tests(100_000)
        .quickcheck(prop as fn((u8, u8, u8, u8, u8, u8)) -> TestResult);
}

// ---------------------------------------------------------------- f64 accuracy

/// `f64` and exact values agree to 1e-13 relative, up to an absolute 1e-15: a three-term
/// recursion has an absolute error of a few ulps of the line's scale (`Σ_J c² = 1`), so a
/// value at or next to a node of the line (an accidental zero, or `1e-4` where its
/// neighbours are `0.3`) is only that accurate in absolute terms.
fn close(value: f64, exact: f64) -> bool {
    (value - exact).abs() <= 1e-13 * exact.abs() + 1e-15
}

/// The `f64` recursion agrees with the exact values to 1e-13 relative ([`close`]), for random
/// lines `(l1, m1, l2, m2)` with `l ≤ 60` and every `l3` on the line.
#[test]
fn f64_values_match_exact_ones_up_to_l_60() {
    let mut rng = StdRng::seed_from_u64(20240611);
    let mut worst: f64 = 0.0;
    for _ in 0..60 {
        let l1 = rng.random_range(0..=60usize);
        let l2 = rng.random_range(0..=60usize);
        let m1 = rng.random_range(-(l1 as i64)..=l1 as i64);
        let m2 = rng.random_range(-(l2 as i64)..=l2 as i64);
        let big_m = m1 + m2;
        for l3 in l1.abs_diff(l2).max(big_m.unsigned_abs() as usize)..=l1 + l2 {
            let exact = cg_exact(l1, m1, l2, m2, l3, big_m).to_f64();
            let float = clebsch_gordan(l1, m1, l2, m2, l3, big_m).unwrap();
            if exact.abs() > 1e-12 {
                worst = worst.max(((float - exact) / exact).abs());
            }
            assert!(
                close(float, exact),
                "<{l1} {m1} {l2} {m2} | {l3} {big_m}>: {float} vs {exact}"
            );
        }
    }
    eprintln!("worst relative error up to l = 60: {worst:e}");
}

/// At `l = 200` the exact and `f64` values still agree to 1e-13 relative.
#[test]
fn high_l_values_agree_with_exact_ones() {
    for (l1, m1, l2, m2, l3) in [
        (200usize, 3i64, 200usize, -1i64, 200usize),
        (200, 0, 200, 0, 200),
        (200, -150, 180, 100, 300),
        (150, 10, 60, -30, 100),
    ] {
        let m3 = m1 + m2;
        let exact = cg_exact(l1, m1, l2, m2, l3, m3).to_f64();
        let float = clebsch_gordan(l1, m1, l2, m2, l3, m3).unwrap();
        assert!(exact != 0.0);
        assert!(
            ((float - exact) / exact).abs() < 1e-13,
            "<{l1} {m1} {l2} {m2} | {l3} {m3}>: {float} vs {exact}"
        );
    }
}

/// Every entry of the table at `L = 8` equals the exact value ([`close`]); the table
/// holds exactly the coefficients `⟨l1 m1 l2 m2 | l3 m1+m2⟩` with `l1, l2, l3 ≤ L`, the
/// triangle condition and `|m1 + m2| ≤ l3`.
#[test]
fn table_entries_match_exact_values() {
    let lmax = 8;
    let table = ClebschGordanTable::new(lmax).unwrap();
    let mut count = 0;
    for l1 in 0..=lmax {
        for l2 in 0..=lmax {
            for l3 in (0..=lmax).filter(|&l3| triangle(l1, l2, l3)) {
                for m1 in ms(l1) {
                    for m2 in ms(l2).filter(|m2| (m1 + m2).unsigned_abs() as usize <= l3) {
                        count += 1;
                        let exact = cg_exact(l1, m1, l2, m2, l3, m1 + m2).to_f64();
                        let value = table.get(l1, m1, l2, m2, l3, m1 + m2).unwrap();
                        assert!(
                            close(value, exact),
                            "<{l1} {m1} {l2} {m2} | {l3}>: {value} vs {exact}"
                        );
                    }
                }
            }
        }
    }
    assert_eq!(table.len(), count);
    assert_eq!(table.get(1, 0, 1, 1, 2, 0).unwrap(), 0.0, "m not conserved");
    assert_eq!(
        table.get(1, 0, 1, 0, 3, 0).unwrap(),
        0.0,
        "triangle violated"
    );
}

/// The DESIGN's `bench cg --lmax 20` workload has 1.84 million coefficients; the parallel and
/// sequential builds agree bit for bit, and with the direct evaluation (which runs the line of
/// `(l1, l2)` where the table may use the swapped `(l2, l1)`) to rounding.
#[test]
fn table_at_l_20_has_the_benchmark_size_and_is_deterministic() {
    let parallel = ClebschGordanTable::new(20).unwrap();
    let sequential = ClebschGordanTable::new_sequential(20).unwrap();
    assert_eq!(parallel.len(), sequential.len());
    assert!(
        (1_835_000..1_845_000).contains(&parallel.len()),
        "{}",
        parallel.len()
    );
    for (l1, m1, l2, m2, l3) in [(20usize, 5i64, 13usize, -7i64, 20usize), (7, 0, 7, 0, 14)] {
        let a = parallel.get(l1, m1, l2, m2, l3, m1 + m2).unwrap();
        assert_eq!(a, sequential.get(l1, m1, l2, m2, l3, m1 + m2).unwrap());
        assert!((a - clebsch_gordan(l1, m1, l2, m2, l3, m1 + m2).unwrap()).abs() < 1e-15);
    }
}

// ---------------------------------------------------------------- intertwining

fn kron_sum_c(a: &DMatrix<Complex64>, b: &DMatrix<Complex64>) -> DMatrix<Complex64> {
    let ia = DMatrix::<Complex64>::identity(a.nrows(), a.nrows());
    let ib = DMatrix::<Complex64>::identity(b.nrows(), b.nrows());
    a.kronecker(&ib) + ia.kronecker(b)
}

fn kron_sum(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    let ia = DMatrix::<f64>::identity(a.nrows(), a.nrows());
    let ib = DMatrix::<f64>::identity(b.nrows(), b.nrows());
    a.kronecker(&ib) + ia.kronecker(b)
}

/// The complex coefficients as the `(2l1+1)(2l2+1) × (2l3+1)` matrix, rows in Kronecker order.
fn complex_matrix(l1: usize, l2: usize, l3: usize) -> DMatrix<Complex64> {
    let (n2, n3) = (2 * l2 + 1, 2 * l3 + 1);
    DMatrix::from_fn((2 * l1 + 1) * n2, n3, |row, k| {
        let (m1, m2) = ((row / n2) as i64 - l1 as i64, (row % n2) as i64 - l2 as i64);
        let m3 = k as i64 - l3 as i64;
        Complex64::new(clebsch_gordan(l1, m1, l2, m2, l3, m3).unwrap(), 0.0)
    })
}

/// `(J_k^{l1} ⊗ 1 + 1 ⊗ J_k^{l2}) C = C J_k^{l3}` for `k = x, y, z`: the columns span a copy
/// of the irrep `l3` inside `l1 ⊗ l2` with the standard `J` action.
#[test]
fn complex_coefficients_intertwine_the_angular_momentum() {
    for l1 in 0..=4usize {
        for l2 in 0..=4usize {
            for l3 in l1.abs_diff(l2)..=l1 + l2 {
                let c = complex_matrix(l1, l2, l3);
                let (j1, j2, j3) = (
                    angular_momentum(l1),
                    angular_momentum(l2),
                    angular_momentum(l3),
                );
                for k in 0..3 {
                    let lhs = kron_sum_c(&j1[k], &j2[k]) * &c;
                    let rhs = &c * &j3[k];
                    let err = (lhs - rhs).iter().fold(0.0f64, |a, z| a.max(z.norm()));
                    assert!(err < 1e-12, "({l1},{l2},{l3}) k = {k}: {err}");
                }
            }
        }
    }
}

/// `(X_k^{l1} ⊗ 1 + 1 ⊗ X_k^{l2}) C = C X_k^{l3}` for the real `so(3)` generators: the real
/// tensor intertwines the real irreps (Lie-algebra form of `(D1 ⊗ D2) C = C D3`).
#[test]
fn real_tensors_intertwine_the_real_generators() {
    for l1 in 0..=5usize {
        for l2 in 0..=5usize {
            for l3 in l1.abs_diff(l2)..=l1 + l2 {
                let c = real_clebsch_gordan(l1, l2, l3).unwrap().matrix();
                let (x1, x2, x3) = (
                    real_generators(l1),
                    real_generators(l2),
                    real_generators(l3),
                );
                for k in 0..3 {
                    let err = max_abs(&(kron_sum(&x1[k], &x2[k]) * &c - &c * &x3[k]));
                    assert!(err < 1e-12, "({l1},{l2},{l3}) k = {k}: {err}");
                }
            }
        }
    }
}

/// The change of basis `φ (U1 ⊗ U2) C_c U3†` computed densely has imaginary part below 1e-14
/// and its real part is the cached real tensor; the columns are orthonormal, `‖C‖² = 2l3+1`.
#[test]
fn real_tensors_are_real_with_orthonormal_columns() {
    for l1 in 0..=5usize {
        for l2 in 0..=5usize {
            for l3 in l1.abs_diff(l2)..=l1 + l2 {
                let u12 = complex_to_real(l1).kronecker(&complex_to_real(l2));
                let mut dense = u12 * complex_matrix(l1, l2, l3) * complex_to_real(l3).adjoint();
                if !(l1 + l2 + l3).is_multiple_of(2) {
                    dense *= Complex64::new(0.0, -1.0);
                }
                let imaginary = dense.iter().fold(0.0f64, |a, z| a.max(z.im.abs()));
                assert!(imaginary < 1e-14, "({l1},{l2},{l3}): {imaginary}");
                let c = real_clebsch_gordan(l1, l2, l3).unwrap().matrix();
                assert!(max_abs(&(dense.map(|z| z.re) - &c)) < 1e-14);
                let gram = c.transpose() * &c;
                let n3 = 2 * l3 + 1;
                assert!(max_abs(&(gram - DMatrix::identity(n3, n3))) < 1e-13);
                assert!((c.norm_squared() - n3 as f64).abs() < 1e-12);
            }
        }
    }
}

/// The sparse list holds every non-zero of the dense tensor, at most two per `(m1, m2)` (the
/// selection rules `|m3| = |m1| ± |m2|` and the parity of the number of negative `m`).
#[test]
fn sparse_entries_reproduce_the_dense_tensor() {
    for (l1, l2, l3) in [
        (1usize, 1usize, 1usize),
        (2, 3, 4),
        (4, 4, 0),
        (5, 3, 6),
        (6, 6, 7),
    ] {
        let c = real_clebsch_gordan(l1, l2, l3).unwrap();
        let [n1, n2, n3] = c.shape();
        let mut rebuilt = vec![0.0; n1 * n2 * n3];
        let mut per_pair = vec![0usize; n1 * n2];
        for e in c.nonzeros() {
            rebuilt[(e.i * n2 + e.j) * n3 + e.k] = e.value;
            per_pair[e.i * n2 + e.j] += 1;
        }
        assert_eq!(rebuilt.as_slice(), c.dense());
        assert!(per_pair.iter().all(|&n| n <= 2));
        assert_eq!(c.get(n1, 0, 0), None);
    }
}

/// `1 ⊗ 1 → 0` is `δ_ab / √3` and `1 ⊗ 1 → 1` is `±ε_abc / √2` in the axes `(y, z, x)`; after
/// dividing by `√(2l3+1)` these are e3nn's `wigner_3j(1,1,0) = I/√3 /√1` and
/// `wigner_3j(1,1,1) = ε/√6` (both invariant under the cyclic axis relabelling `P`).
#[test]
fn vector_couplings_are_the_dot_and_cross_products() {
    let dot = real_clebsch_gordan(1, 1, 0).unwrap();
    let cross = real_clebsch_gordan(1, 1, 1).unwrap();
    let sign = cross.get(2, 0, 1).unwrap().signum(); // x × y along z, in (y, z, x) order.
    for a in 0..3 {
        for b in 0..3 {
            let expected = if a == b { 1.0 / 3f64.sqrt() } else { 0.0 };
            assert!((dot.get(a, b, 0).unwrap().abs() - expected).abs() < 1e-15);
            for c in 0..3 {
                let epsilon = match (a, b, c) {
                    (0, 1, 2) | (1, 2, 0) | (2, 0, 1) => 1.0,
                    (0, 2, 1) | (2, 1, 0) | (1, 0, 2) => -1.0,
                    _ => 0.0,
                };
                let value = cross.get(a, b, c).unwrap();
                assert!((value - sign * epsilon / 2f64.sqrt()).abs() < 1e-15);
                let e3nn = value / 3f64.sqrt();
                assert!((e3nn.abs() - epsilon.abs() / 6f64.sqrt()).abs() < 1e-15);
            }
        }
    }
}

/// The coupling matrix is orthogonal and `Cᵀ (X1 ⊗ 1 + 1 ⊗ X2) C = ⊕_{l3} X^{l3}`: the
/// explicit decomposition `l1 ⊗ l2 = |l1−l2| ⊕ … ⊕ (l1+l2)` (the Clebsch–Gordan series).
#[test]
fn coupling_matrix_block_diagonalises_the_tensor_product() {
    for (l1, l2) in [(0usize, 0usize), (1, 1), (1, 2), (2, 2), (3, 1), (4, 3)] {
        let c = coupling_matrix(l1, l2).unwrap();
        let n = c.nrows();
        assert!(max_abs(&(c.transpose() * &c - DMatrix::identity(n, n))) < 1e-13);
        let (x1, x2) = (real_generators(l1), real_generators(l2));
        for k in 0..3 {
            let rotated = c.transpose() * kron_sum(&x1[k], &x2[k]) * &c;
            let mut expected = DMatrix::zeros(n, n);
            let mut offset = 0;
            for l3 in l1.abs_diff(l2)..=l1 + l2 {
                let d = 2 * l3 + 1;
                expected
                    .view_mut((offset, offset), (d, d))
                    .copy_from(&real_generators(l3)[k]);
                offset += d;
            }
            assert_eq!(offset, n, "dimensions of the Clebsch-Gordan series");
            assert!(
                max_abs(&(rotated - expected)) < 1e-12,
                "({l1},{l2}) k = {k}"
            );
        }
    }
}

// ---------------------------------------------------------------- 6j

/// Known values (sympy.physics.wigner.wigner_6j; Edmonds Table 5).
#[test]
fn six_j_known_values() {
    let cases = [
        ((1, 1, 1, 1, 1, 1), SqrtRational::from_rational(&q(1, 6))),
        ((2, 2, 2, 2, 2, 2), SqrtRational::from_rational(&q(-3, 70))),
        ((1, 2, 3, 2, 1, 2), sr(1, 21, 105 * 105)),
        ((3, 4, 5, 2, 3, 4), sr(1, 195, 385 * 385)),
        ((1, 1, 2, 1, 1, 2), SqrtRational::from_rational(&q(1, 30))),
        ((5, 5, 5, 5, 5, 5), SqrtRational::from_rational(&q(1, 52))),
        ((2, 3, 1, 3, 2, 4), sr(1, 55, 105 * 105)),
        ((1, 1, 3, 1, 1, 1), SqrtRational::zero()),
    ];
    for ((a, b, c, d, e, f), expected) in cases {
        assert_eq!(wigner_6j_exact(a, b, c, d, e, f).unwrap(), expected);
        assert!((wigner_6j(a, b, c, d, e, f).unwrap() - expected.to_f64()).abs() < 1e-16);
    }
}

/// The 6j symbol is invariant under permutations of its columns and under exchanging the
/// upper and lower entries of two columns (Edmonds (6.2.4–5)).
#[test]
fn six_j_tetrahedral_symmetries_hold_exactly() {
    let mut rng = StdRng::seed_from_u64(6);
    for _ in 0..200 {
        let j: Vec<usize> = (0..6).map(|_| rng.random_range(0..=5)).collect();
        let s = |a: usize, b: usize, c: usize, d: usize, e: usize, f: usize| {
            wigner_6j_exact(j[a], j[b], j[c], j[d], j[e], j[f]).unwrap()
        };
        let base = s(0, 1, 2, 3, 4, 5);
        assert_eq!(s(1, 2, 0, 4, 5, 3), base);
        assert_eq!(s(1, 0, 2, 4, 3, 5), base);
        assert_eq!(s(3, 4, 2, 0, 1, 5), base);
        assert_eq!(s(0, 4, 5, 3, 1, 2), base);
    }
}

/// `Σ_x (2x+1)(2j6+1) {j1 j2 x; j3 j4 j6} {j1 j2 x; j3 j4 j6'} = δ_{j6 j6'}` (Edmonds (6.2.9)).
#[test]
fn six_j_orthogonality() {
    for j1 in 0..=3usize {
        for j2 in 0..=3usize {
            for j3 in 0..=3usize {
                for j4 in 0..=3usize {
                    for j6 in 0..=6usize {
                        for j6p in 0..=6usize {
                            let sum: f64 = (0..=6usize)
                                .map(|x| {
                                    (2 * x + 1) as f64
                                        * (2 * j6 + 1) as f64
                                        * wigner_6j(j1, j2, x, j3, j4, j6).unwrap()
                                        * wigner_6j(j1, j2, x, j3, j4, j6p).unwrap()
                                })
                                .sum();
                            let allowed = triangle(j1, j4, j6) && triangle(j3, j2, j6);
                            let expected = if j6 == j6p && allowed { 1.0 } else { 0.0 };
                            assert!(
                                (sum - expected).abs() < 1e-13,
                                "{j1} {j2} {j3} {j4} {j6} {j6p}: {sum}"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The 6j symbol is a contraction of four 3j symbols:
/// `{j1 j2 j3; j4 j5 j6} = Σ_m (−1)^{Σ_k (j_k − m_k)} (j1 j2 j3; −m1 −m2 −m3)
/// (j1 j5 j6; m1 −m5 m6) (j4 j2 j6; m4 m2 −m6) (j4 j5 j3; −m4 m5 m3)`
/// (Wikipedia, "6-j symbol"; Varshalovich §9.1.1 eq. (8)); checked with the `f64` 3j symbols.
#[test]
fn six_j_is_a_contraction_of_four_3j_symbols() {
    let w3 = |a: usize, ma: i64, b: usize, mb: i64, c: usize, mc: i64| {
        if ma.unsigned_abs() as usize > a
            || mb.unsigned_abs() as usize > b
            || mc.unsigned_abs() as usize > c
        {
            0.0
        } else {
            wigner_3j(a, ma, b, mb, c, mc).unwrap()
        }
    };
    let mut rng = StdRng::seed_from_u64(3);
    let mut checked = 0;
    while checked < 25 {
        let j: Vec<usize> = (0..6).map(|_| rng.random_range(0..=3)).collect();
        let (j1, j2, j3, j4, j5, j6) = (j[0], j[1], j[2], j[3], j[4], j[5]);
        let expected = wigner_6j(j1, j2, j3, j4, j5, j6).unwrap();
        if expected == 0.0 {
            continue;
        }
        checked += 1;
        let mut sum = 0.0;
        for m1 in ms(j1) {
            for m2 in ms(j2) {
                let m3 = -m1 - m2;
                for m5 in ms(j5) {
                    let m6 = m5 - m1;
                    let m4 = m6 - m2;
                    if m3.unsigned_abs() as usize > j3
                        || m6.unsigned_abs() as usize > j6
                        || m4.unsigned_abs() as usize > j4
                    {
                        continue;
                    }
                    let phase_exponent =
                        (j1 + j2 + j3 + j4 + j5 + j6) as i64 - (m1 + m2 + m3 + m4 + m5 + m6);
                    let phase = if phase_exponent.rem_euclid(2) == 0 {
                        1.0
                    } else {
                        -1.0
                    };
                    sum += phase
                        * w3(j1, -m1, j2, -m2, j3, -m3)
                        * w3(j1, m1, j5, -m5, j6, m6)
                        * w3(j4, m4, j2, m2, j6, -m6)
                        * w3(j4, -m4, j5, m5, j3, m3);
                }
            }
        }
        assert!((sum - expected).abs() < 1e-13, "{j:?}: {sum} vs {expected}");
    }
}

// ---------------------------------------------------------------- errors and limits

/// `|m| > l` is an error (not a silent zero) everywhere; `m` non-conservation and triangle
/// violations are zeros; requests beyond the limits are refused up front.
#[test]
fn bad_input_is_an_error() {
    assert!(matches!(
        clebsch_gordan_exact(1, 2, 1, 0, 1, 2),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        clebsch_gordan(1, 0, 1, 0, 1, -2),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        wigner_3j_exact(0, 1, 1, 0, 1, -1),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        wigner_3j(2, 0, 1, 2, 1, -2),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(
        clebsch_gordan_exact(1, 1, 1, 0, 1, 0).unwrap(),
        SqrtRational::zero()
    );
    assert_eq!(
        clebsch_gordan_exact(1, 0, 1, 0, 3, 0).unwrap(),
        SqrtRational::zero()
    );
    assert_eq!(clebsch_gordan(1, 0, 1, 0, 3, 0).unwrap(), 0.0);
    assert_eq!(
        wigner_3j_exact(1, 1, 1, 1, 2, 0).unwrap(),
        SqrtRational::zero()
    );
    let table = ClebschGordanTable::new(2).unwrap();
    assert!(matches!(
        table.get(3, 0, 1, 0, 2, 0),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        table.get(1, -2, 1, 0, 2, -2),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        ClebschGordanTable::new(2000),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        ClebschGordanTable::new(200),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        RealCoupling::new(1, 1, 3),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        real_clebsch_gordan(5, 1, 1),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        real_clebsch_gordan(400, 400, 400),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        clebsch_gordan_exact(1_000_000, 0, 1_000_000, 0, 0, 0),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        wigner_6j_exact(1, 1, 1, 1, 1, 100_000),
        Err(Error::TooLarge { .. })
    ));
}

/// The real tensors are memoised: the same `Arc` comes back.
#[test]
fn real_tensors_are_cached() {
    let a = real_clebsch_gordan(3, 2, 4).unwrap();
    let b = real_clebsch_gordan(3, 2, 4).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    assert_eq!(a.ls(), [3, 2, 4]);
}
