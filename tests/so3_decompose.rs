//! Decomposition of representations of SO(3) and O(3) into the standard real irreps
//! (theory/so3-decomposition.md).

use equivariant::Error;
use equivariant::linalg::{direct_sum, kron_sum};
use equivariant::so3::angular_momentum::{angular_momentum, real_generators, so3_basis};
use equivariant::so3::decompose::{
    MAX_SO3_DECOMPOSE_DIM, Parity, So3Decomposition, decompose_so3, real_irrep_generators_sum,
    real_irrep_parity_sum,
};
use equivariant::so3::real_basis::complex_to_real;
use nalgebra::{DMatrix, linalg::Schur};
use num_complex::Complex64;
use quickcheck::QuickCheck;
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::collections::BTreeMap;

type Multiplicities = Vec<(usize, Option<Parity>, usize)>;

fn gaussian_matrix(rng: &mut StdRng, rows: usize, cols: usize) -> DMatrix<f64> {
    // Sum of uniforms: symmetric, unit variance, enough for generic matrices.
    DMatrix::from_fn(rows, cols, |_, _| {
        (0..4).map(|_| rng.random::<f64>() - 0.5).sum::<f64>() * 3f64.sqrt()
    })
}

fn random_orthogonal(rng: &mut StdRng, d: usize) -> DMatrix<f64> {
    gaussian_matrix(rng, d, d).qr().q()
}

/// `I + 0.4 G / √d`: invertible, far from orthogonal, condition number of a few units.
fn random_invertible(rng: &mut StdRng, d: usize) -> DMatrix<f64> {
    DMatrix::identity(d, d) + gaussian_matrix(rng, d, d) * (0.4 / (d.max(1) as f64).sqrt())
}

fn conjugate(t: &DMatrix<f64>, ms: &[DMatrix<f64>]) -> Vec<DMatrix<f64>> {
    let t_inv = t.clone().try_inverse().expect("invertible");
    ms.iter().map(|m| t * m * &t_inv).collect()
}

fn tensor(a: &[DMatrix<f64>], b: &[DMatrix<f64>]) -> Vec<DMatrix<f64>> {
    a.iter()
        .zip(b)
        .map(|(x, y)| kron_sum(x, y).unwrap())
        .collect()
}

fn parity_tensor(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    equivariant::linalg::kron(a, b).unwrap()
}

fn max_abs(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |a, x| a.max(x.abs()))
}

/// Sorts and merges `(l, parity)` blocks into the decomposition's multiplicity list.
fn expected(blocks: &[(usize, Option<Parity>)]) -> Multiplicities {
    let mut counts: BTreeMap<(usize, Option<Parity>), usize> = BTreeMap::new();
    for &b in blocks {
        *counts.entry(b).or_default() += 1;
    }
    counts.into_iter().map(|((l, p), m)| (l, p, m)).collect()
}

/// The defining property of the result: `Q⁻¹ X_k Q = ⊕ real_generators`, `Q⁻¹ P Q = ⊕ ±I`,
/// `Q⁻¹ Q = I`, all to `tol`, and the reported residual is at most `tol`.
fn check_result(d: &So3Decomposition, x: &[DMatrix<f64>], parity: Option<&DMatrix<f64>>, tol: f64) {
    let n = d.q.nrows();
    let ls: Vec<usize> = d.blocks().iter().map(|b| b.0).collect();
    let targets = real_irrep_generators_sum(&ls).unwrap();
    for (xk, bk) in x.iter().zip(&targets) {
        assert!(max_abs(&(&d.q_inverse * xk * &d.q - bk)) < tol);
    }
    if let Some(p) = parity {
        let pi = d.block_parity().expect("O(3) result");
        assert!(max_abs(&(&d.q_inverse * p * &d.q - pi)) < tol);
    }
    assert!(max_abs(&(&d.q_inverse * &d.q - DMatrix::identity(n, n))) < tol);
    assert!(d.max_residual < tol, "residual {}", d.max_residual);
    if d.orthogonal {
        assert!(max_abs(&(d.q.transpose() * &d.q - DMatrix::identity(n, n))) < tol);
    }
}

/// A random list of `(l, parity)` blocks, `l ≤ 4`, in random order.
fn random_blocks(rng: &mut StdRng, with_parity: bool) -> Vec<(usize, Option<Parity>)> {
    let count = 1 + (rng.random::<f64>() * 6.0) as usize;
    (0..count)
        .map(|_| {
            let l = (rng.random::<f64>() * 5.0) as usize;
            let p = with_parity.then(|| {
                if rng.random::<f64>() < 0.5 {
                    Parity::Even
                } else {
                    Parity::Odd
                }
            });
            (l, p)
        })
        .collect()
}

/// The generators (and parity) of `⊕ blocks` conjugated by `t`.
fn conjugated_sum(
    blocks: &[(usize, Option<Parity>)],
    t: &DMatrix<f64>,
) -> (Vec<DMatrix<f64>>, Option<DMatrix<f64>>) {
    let ls: Vec<usize> = blocks.iter().map(|b| b.0).collect();
    let x = conjugate(t, &real_irrep_generators_sum(&ls).unwrap());
    let parities: Option<Vec<(usize, Parity)>> =
        blocks.iter().map(|&(l, p)| p.map(|p| (l, p))).collect();
    let p = parities.map(|ps| conjugate(t, &[real_irrep_parity_sum(&ps).unwrap()]).remove(0));
    (x, p)
}

fn dim(blocks: &[(usize, Option<Parity>)]) -> usize {
    blocks.iter().map(|b| 2 * b.0 + 1).sum()
}

/// Theorem: `T (⊕ D^{l_b}) T⁻¹` for an orthogonal `T` decomposes back into the same irreps
/// with an orthogonal `Q` (SO(3) and O(3)).
#[test]
fn random_direct_sums_conjugated_by_orthogonal_matrices_decompose_back() {
    fn prop(seed: u64, with_parity: bool) -> bool {
        let mut rng = StdRng::seed_from_u64(seed);
        let blocks = random_blocks(&mut rng, with_parity);
        let t = random_orthogonal(&mut rng, dim(&blocks));
        let (x, p) = conjugated_sum(&blocks, &t);
        let d = decompose_so3(&x, p.as_ref()).unwrap();
        assert!(d.orthogonal);
        check_result(&d, &x, p.as_ref(), 1e-10);
        d.multiplicities == expected(&blocks)
    }
    QuickCheck::new()
        .tests(40)
        .quickcheck(prop as fn(u64, bool) -> bool);
}

/// Theorem: the same for an invertible, non-orthogonal `T` (a non-orthogonal representation):
/// the multiplicities are recovered and `Q⁻¹ X_k Q` is exactly the block form.
#[test]
fn random_direct_sums_conjugated_by_invertible_matrices_decompose_back() {
    fn prop(seed: u64, with_parity: bool) -> bool {
        let mut rng = StdRng::seed_from_u64(seed);
        let blocks = random_blocks(&mut rng, with_parity);
        let t = random_invertible(&mut rng, dim(&blocks));
        let (x, p) = conjugated_sum(&blocks, &t);
        let d = decompose_so3(&x, p.as_ref()).unwrap();
        // Only the zero generators of a sum of `l = 0` blocks stay antisymmetric.
        let antisymmetric = |m: &DMatrix<f64>| max_abs(&(m + m.transpose())) < 1e-12;
        let symmetric = |m: &DMatrix<f64>| max_abs(&(m - m.transpose())) < 1e-12;
        let orthogonal = x.iter().all(antisymmetric) && p.as_ref().is_none_or(symmetric);
        assert_eq!(d.orthogonal, orthogonal);
        check_result(&d, &x, p.as_ref(), 1e-10);
        d.multiplicities == expected(&blocks)
    }
    QuickCheck::new()
        .tests(40)
        .quickcheck(prop as fn(u64, bool) -> bool);
}

/// Theorem (Clebsch–Gordan series): `D^{l1} ⊗ D^{l2} = ⊕_{l=|l1−l2|}^{l1+l2} D^l`, each once.
#[test]
fn tensor_products_follow_the_clebsch_gordan_series() {
    for l1 in 0..=4 {
        for l2 in 0..=4 {
            let x = tensor(&real_generators(l1), &real_generators(l2));
            let d = decompose_so3(&x, None).unwrap();
            let series: Multiplicities =
                (l1.abs_diff(l2)..=l1 + l2).map(|l| (l, None, 1)).collect();
            assert_eq!(d.multiplicities, series, "{l1} ⊗ {l2}");
            assert!(d.orthogonal);
            check_result(&d, &x, None, 1e-10);
        }
    }
}

/// `χ_l(θ) = sin((2l+1)θ/2) / sin(θ/2)`, the character of `D^l` at a rotation by `θ`.
fn chi(l: usize, theta: f64) -> f64 {
    ((2 * l + 1) as f64 * theta / 2.0).sin() / (theta / 2.0).sin()
}

/// Multiplicity of `D^l` in a representation with character `f`, by the Weyl integration
/// formula `∫_{SO(3)} F = (1/π) ∫_0^π F(θ) (1 − cos θ) dθ`, written as `(1/2π) ∫_0^{2π}` (the
/// integrand is even) and evaluated by the midpoint rule, exact for trigonometric polynomials
/// of degree below the number of points.
fn weyl_multiplicity(l: usize, f: impl Fn(f64) -> f64) -> f64 {
    let n = 256;
    let h = 2.0 * std::f64::consts::PI / n as f64;
    (0..n)
        .map(|j| {
            let theta = (j as f64 + 0.5) * h;
            f(theta) * chi(l, theta) * (1.0 - theta.cos())
        })
        .sum::<f64>()
        * h
        / (2.0 * std::f64::consts::PI)
}

/// Theorem: `V^{⊗4}` (`V = D^1`, d = 81) has the multiplicities `⟨χ_V⁴, χ_l⟩` given by the Weyl
/// integration formula (they are 3, 6, 6, 3, 1 for l = 0..4).
#[test]
fn fourth_tensor_power_of_the_vector_matches_the_weyl_character_formula() {
    let v = real_generators(1);
    let x = tensor(&tensor(&v, &v), &tensor(&v, &v));
    let d = decompose_so3(&x, None).unwrap();
    check_result(&d, &x, None, 1e-10);
    let mut from_characters = Vec::new();
    for l in 0..=6 {
        let m = weyl_multiplicity(l, |t| chi(1, t).powi(4));
        assert!((m - m.round()).abs() < 1e-9, "l = {l}: {m}");
        if m.round() > 0.0 {
            from_characters.push((l, None, m.round() as usize));
        }
    }
    assert_eq!(d.multiplicities, from_characters);
    assert_eq!(d.irreps_string(), "3x0+6x1+6x2+3x3+1x4");
}

/// The matrices of `K = X ⊗ 1 + 1 ⊗ X` on the invariant subspace spanned by the columns of `s`:
/// `s⁺ K s` with `s⁺ = (sᵀs)⁻¹ sᵀ`.
fn restrict(x: &[DMatrix<f64>], s: &DMatrix<f64>) -> Vec<DMatrix<f64>> {
    let pinv = (s.transpose() * s).try_inverse().unwrap() * s.transpose();
    let restricted: Vec<DMatrix<f64>> = x.iter().map(|k| &pinv * k * s).collect();
    for (k, r) in x.iter().zip(&restricted) {
        assert!(max_abs(&(k * s - s * r)) < 1e-12, "subspace not invariant");
    }
    restricted
}

/// Theorem: `Sym²(D^1) = D^0 ⊕ D^2` (here in the non-orthonormal basis `e_i e_j`) and
/// `Λ²(D^1) = D^1`.
#[test]
fn symmetric_and_alternating_squares_of_the_vector() {
    let v = so3_basis();
    let x = tensor(&v, &v);
    let pairs: Vec<(usize, usize)> = (0..3).flat_map(|i| (i..3).map(move |j| (i, j))).collect();
    let sym = DMatrix::from_fn(9, pairs.len(), |r, c| {
        let (i, j) = pairs[c];
        f64::from(r == 3 * i + j) + f64::from(i != j && r == 3 * j + i)
    });
    let sym_x = restrict(&x, &sym);
    let d = decompose_so3(&sym_x, None).unwrap();
    assert!(!d.orthogonal);
    check_result(&d, &sym_x, None, 1e-10);
    assert_eq!(d.irreps_string(), "1x0+1x2");

    let strict: Vec<(usize, usize)> = pairs.into_iter().filter(|(i, j)| i < j).collect();
    let alt = DMatrix::from_fn(9, strict.len(), |r, c| {
        let (i, j) = strict[c];
        f64::from(r == 3 * i + j) - f64::from(r == 3 * j + i)
    });
    let alt_x = restrict(&x, &alt);
    let d = decompose_so3(&alt_x, None).unwrap();
    assert!(d.orthogonal);
    check_result(&d, &alt_x, None, 1e-10);
    assert_eq!(d.irreps_string(), "1x1");
}

/// The multi-indices `α` with `|α| = k` in 3 variables.
fn monomials(k: usize) -> Vec<[usize; 3]> {
    (0..=k)
        .flat_map(|a| (0..=k - a).map(move |b| [a, b, k - a - b]))
        .collect()
}

/// `X` acting on `Sym^k(ℝ³)` as a derivation, in the monomial basis `e^α`:
/// `X e^α = Σ_{i,j} α_i X_{ji} e^{α − e_i + e_j}`.
fn sym_power(x: &DMatrix<f64>, k: usize) -> DMatrix<f64> {
    let basis = monomials(k);
    let index: BTreeMap<[usize; 3], usize> =
        basis.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let mut m = DMatrix::zeros(basis.len(), basis.len());
    for (col, alpha) in basis.iter().enumerate() {
        for i in (0..3).filter(|&i| alpha[i] > 0) {
            for j in 0..3 {
                let mut beta = *alpha;
                beta[i] -= 1;
                beta[j] += 1;
                m[(index[&beta], col)] += alpha[i] as f64 * x[(j, i)];
            }
        }
    }
    m
}

/// Theorem (harmonic decomposition): the homogeneous polynomials of degree `k` on `ℝ³` are
/// `H_k ⊕ r² P_{k−2}`, so `Sym^k(1o) = ⊕_{j = k, k−2, …} D^j` with parity `(−1)^k`; here in the
/// (non-orthogonal) monomial basis.
#[test]
fn symmetric_powers_in_the_monomial_basis_are_sums_of_harmonics() {
    for k in 0..=6 {
        let x: Vec<DMatrix<f64>> = so3_basis().iter().map(|g| sym_power(g, k)).collect();
        let n = x[0].nrows();
        let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
        let p = DMatrix::identity(n, n) * sign;
        let d = decompose_so3(&x, Some(&p)).unwrap();
        check_result(&d, &x, Some(&p), 1e-9);
        let parity = if k % 2 == 0 {
            Parity::Even
        } else {
            Parity::Odd
        };
        let harmonics: Multiplicities = (0..=k)
            .filter(|j| (k - j) % 2 == 0)
            .map(|j| (j, Some(parity), 1))
            .collect();
        assert_eq!(d.multiplicities, harmonics, "k = {k}");
    }
}

/// The `O(3)` irrep `(l, p)`: generators and parity matrix.
fn o3_irrep(l: usize, p: Parity) -> (Vec<DMatrix<f64>>, DMatrix<f64>) {
    let n = 2 * l + 1;
    (real_generators(l), DMatrix::identity(n, n) * p.sign())
}

/// Theorem: `(l1, p1) ⊗ (l2, p2) = ⊕_l (l, p1 p2)` (parities multiply, `ρ(−I) = P1 ⊗ P2`);
/// in particular `1o ⊗ 1o = 0e + 1e + 2e`.
#[test]
fn o3_tensor_products_multiply_parities() {
    let cases = [
        ((1, Parity::Odd), (1, Parity::Odd), "1x0e+1x1e+1x2e"),
        ((1, Parity::Odd), (1, Parity::Even), "1x0o+1x1o+1x2o"),
        ((2, Parity::Even), (1, Parity::Odd), "1x1o+1x2o+1x3o"),
        ((0, Parity::Odd), (3, Parity::Odd), "1x3e"),
    ];
    for ((l1, p1), (l2, p2), label) in cases {
        let (x1, pm1) = o3_irrep(l1, p1);
        let (x2, pm2) = o3_irrep(l2, p2);
        let x = tensor(&x1, &x2);
        let p = parity_tensor(&pm1, &pm2);
        let d = decompose_so3(&x, Some(&p)).unwrap();
        check_result(&d, &x, Some(&p), 1e-10);
        assert_eq!(d.irreps_string(), label);
    }
    // 1o ⊗ 1o ⊕ 1o: even before odd within l = 1, in the label and in the columns.
    let (v, pv) = o3_irrep(1, Parity::Odd);
    let x: Vec<DMatrix<f64>> = tensor(&v, &v)
        .iter()
        .zip(&v)
        .map(|(a, b)| direct_sum(&[a.clone(), b.clone()]))
        .collect();
    let p = direct_sum(&[parity_tensor(&pv, &pv), pv]);
    let d = decompose_so3(&x, Some(&p)).unwrap();
    check_result(&d, &x, Some(&p), 1e-10);
    assert_eq!(d.irreps_string(), "1x0e+1x1e+1x1o+1x2e");
}

/// Number of eigenvalues of `J_z = i X_z` equal to `m`, from the Schur form of `X_z`
/// (`X_z v = −i m v`).
fn weight_count(xz: &DMatrix<f64>, m: i64) -> usize {
    Schur::new(xz.clone())
        .complex_eigenvalues()
        .iter()
        .filter(|z| (z.im + m as f64).abs() < 1e-6 && z.re.abs() < 1e-6)
        .count()
}

/// Theorem (weights): each copy of `D^l` contributes one `J_z = m` vector for `|m| ≤ l`, so the
/// multiplicity of `l` is `n_l − n_{l+1}` with `n_m` the number of `J_z = m` eigenvalues.
#[test]
fn multiplicity_equals_difference_of_weight_counts() {
    let mut rng = StdRng::seed_from_u64(7);
    for _ in 0..6 {
        let a = random_blocks(&mut rng, false);
        let b = random_blocks(&mut rng, false);
        let la: Vec<usize> = a.iter().take(3).map(|x| x.0).collect();
        let lb: Vec<usize> = b.iter().take(2).map(|x| x.0).collect();
        let x = tensor(
            &real_irrep_generators_sum(&la).unwrap(),
            &real_irrep_generators_sum(&lb).unwrap(),
        );
        let t = random_invertible(&mut rng, x[0].nrows());
        let x = conjugate(&t, &x);
        let d = decompose_so3(&x, None).unwrap();
        check_result(&d, &x, None, 1e-9);
        let lmax = la.iter().max().unwrap() + lb.iter().max().unwrap();
        for l in 0..=lmax + 1 {
            let from_weights = weight_count(&x[2], l as i64) - weight_count(&x[2], l as i64 + 1);
            let found = d
                .multiplicities
                .iter()
                .find(|e| e.0 == l)
                .map_or(0, |e| e.2);
            assert_eq!(found, from_weights, "l = {l} in {la:?} ⊗ {lb:?}");
        }
    }
}

/// Theorem (real basis): the columns of each copy, taken to the complex basis by `conj(U^l)`,
/// form a Condon–Shortley ladder of `J_k = i X_k`: `(i X_k) V = V J_k` with `J_k` from
/// `angular_momentum(l)`, i.e. `Q_copy = V (U^l)ᵀ` is real with `V` the ladder `|l m⟩`.
#[test]
fn columns_are_condon_shortley_ladders_in_the_real_basis() {
    let mut rng = StdRng::seed_from_u64(11);
    for orthogonal in [true, false] {
        let blocks: Vec<(usize, Option<Parity>)> =
            [3, 1, 2, 2, 0, 4].iter().map(|&l| (l, None)).collect();
        let n = dim(&blocks);
        let t = if orthogonal {
            random_orthogonal(&mut rng, n)
        } else {
            random_invertible(&mut rng, n)
        };
        let (x, _) = conjugated_sum(&blocks, &t);
        let d = decompose_so3(&x, None).unwrap();
        let i = Complex64::new(0.0, 1.0);
        let mut offset = 0;
        for (l, _) in d.blocks() {
            let size = 2 * l + 1;
            let copy = d.q.columns(offset, size).map(|v| Complex64::new(v, 0.0));
            let v = copy * complex_to_real(l).map(|z| z.conj());
            for (xk, jk) in x.iter().zip(angular_momentum(l)) {
                let lhs = xk.map(|a| i * a) * &v;
                let defect = (lhs - &v * jk).iter().fold(0.0f64, |a, z| a.max(z.norm()));
                assert!(defect < 1e-9, "l = {l}: {defect}");
            }
            offset += size;
        }
    }
}

/// Theorem (Schur): for a multiplicity-free sum of irreps already in the standard basis, the
/// change of basis is `±1` on each block.
#[test]
fn multiplicity_free_sums_in_the_standard_basis_give_signed_identity_blocks() {
    let ls = [0, 1, 2, 3, 5];
    let x = real_irrep_generators_sum(&ls).unwrap();
    let d = decompose_so3(&x, None).unwrap();
    let mut offset = 0;
    for l in ls {
        let n = 2 * l + 1;
        let block = d.q.view((offset, offset), (n, n)).into_owned();
        let sign = block[(0, 0)].signum();
        assert!(max_abs(&(block * sign - DMatrix::identity(n, n))) < 1e-12);
        offset += n;
    }
    assert!(max_abs(&d.q.abs()) <= 1.0 + 1e-12);
    assert!((d.q.norm().powi(2) - offset as f64).abs() < 1e-10);
}

/// `−(i/2) σ_k`, realified: a real representation of `su(2)` (spin 1/2) that satisfies the
/// `so(3)` relations but is not a representation of `SO(3)`.
fn spin_half_realified() -> Vec<DMatrix<f64>> {
    let c = |re: f64, im: f64| Complex64::new(re, im);
    let sigma = [
        [c(0.0, 0.0), c(1.0, 0.0), c(1.0, 0.0), c(0.0, 0.0)],
        [c(0.0, 0.0), c(0.0, -1.0), c(0.0, 1.0), c(0.0, 0.0)],
        [c(1.0, 0.0), c(0.0, 0.0), c(0.0, 0.0), c(-1.0, 0.0)],
    ];
    sigma
        .iter()
        .map(|s| {
            let a = DMatrix::from_row_slice(2, 2, s).map(|z| z * c(0.0, -0.5));
            let mut m = DMatrix::zeros(4, 4);
            m.view_mut((0, 0), (2, 2)).copy_from(&a.map(|z| z.re));
            m.view_mut((0, 2), (2, 2)).copy_from(&a.map(|z| -z.im));
            m.view_mut((2, 0), (2, 2)).copy_from(&a.map(|z| z.im));
            m.view_mut((2, 2), (2, 2)).copy_from(&a.map(|z| z.re));
            m
        })
        .collect()
}

fn invalid_message(result: Result<So3Decomposition, Error>) -> String {
    match result {
        Err(Error::InvalidInput(message)) => message,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

/// Matrices that are not a representation of `SO(3)` are refused with a message: random
/// matrices, rescaled generators, spin 1/2 (alone, and hidden in a non-orthogonal sum).
#[test]
fn non_representations_are_refused() {
    let mut rng = StdRng::seed_from_u64(3);
    for n in [1, 2, 5, 9] {
        let x: Vec<DMatrix<f64>> = (0..3).map(|_| gaussian_matrix(&mut rng, n, n)).collect();
        assert!(invalid_message(decompose_so3(&x, None)).contains("so(3)"));
    }
    let doubled: Vec<DMatrix<f64>> = real_generators(2).iter().map(|g| g * 2.0).collect();
    assert!(invalid_message(decompose_so3(&doubled, None)).contains("[X_x, X_y]"));

    let half = spin_half_realified();
    for (a, b, c) in [(0, 1, 2), (1, 2, 0), (2, 0, 1)] {
        let commutator = &half[a] * &half[b] - &half[b] * &half[a];
        assert!(max_abs(&(commutator - &half[c])) < 1e-15);
    }
    assert!(invalid_message(decompose_so3(&half, None)).contains("integer"));

    let with_vector: Vec<DMatrix<f64>> = half
        .iter()
        .zip(real_generators(1))
        .map(|(h, v)| direct_sum(&[h.clone(), v]))
        .collect();
    let t = random_invertible(&mut rng, 7);
    let x = conjugate(&t, &with_vector);
    assert!(invalid_message(decompose_so3(&x, None)).contains("SO(3)"));
}

/// Wrong counts, shapes, non-finite or absurdly large entries and bad parity matrices are
/// refused, naming the problem.
#[test]
fn bad_shapes_and_values_are_refused() {
    let x = real_generators(1);
    assert!(invalid_message(decompose_so3(&x[..2], None)).contains("3 matrices"));
    let mut non_square = x.clone();
    non_square[1] = DMatrix::zeros(3, 2);
    assert!(invalid_message(decompose_so3(&non_square, None)).contains("X_y"));
    let mut mismatched = x.clone();
    mismatched[2] = real_generators(2)[2].clone();
    assert!(invalid_message(decompose_so3(&mismatched, None)).contains("X_z"));
    let mut nan = x.clone();
    nan[0][(1, 2)] = f64::NAN;
    assert!(invalid_message(decompose_so3(&nan, None)).contains("non-finite"));
    let mut inf = x.clone();
    inf[2][(0, 0)] = f64::INFINITY;
    assert!(invalid_message(decompose_so3(&inf, None)).contains("non-finite"));
    let mut huge = x.clone();
    huge[1][(2, 0)] = 1e200;
    assert!(invalid_message(decompose_so3(&huge, None)).contains("above"));

    let wrong_shape = DMatrix::identity(4, 4);
    assert!(invalid_message(decompose_so3(&x, Some(&wrong_shape))).contains("parity"));
    let not_involution = DMatrix::identity(3, 3) * 2.0;
    assert!(invalid_message(decompose_so3(&x, Some(&not_involution))).contains("involution"));
    let reflection = DMatrix::from_diagonal(&nalgebra::DVector::from_vec(vec![-1.0, 1.0, 1.0]));
    assert!(invalid_message(decompose_so3(&x, Some(&reflection))).contains("commute"));
    let mut nan_parity = DMatrix::identity(3, 3);
    nan_parity[(0, 1)] = f64::NAN;
    assert!(invalid_message(decompose_so3(&x, Some(&nan_parity))).contains("non-finite"));
}

/// Requests above the size limit are refused with `TooLarge` before any work.
#[test]
fn too_large_requests_are_refused() {
    assert!(matches!(
        real_irrep_generators_sum(&[usize::MAX]),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        real_irrep_generators_sum(&[MAX_SO3_DECOMPOSE_DIM / 2]),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        real_irrep_parity_sum(&[(MAX_SO3_DECOMPOSE_DIM, Parity::Even)]),
        Err(Error::TooLarge { .. })
    ));
    let n = MAX_SO3_DECOMPOSE_DIM + 1;
    let zero = DMatrix::zeros(n, n);
    let x = vec![zero.clone(), zero.clone(), zero];
    match decompose_so3(&x, None) {
        Err(Error::TooLarge { needed, .. }) => assert!(needed.contains(&n.to_string())),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

/// Edge cases: the zero representation (empty label) and the trivial representation of any
/// dimension (all `l = 0`, `Q` orthogonal); `Parity` prints as `e` / `o`.
#[test]
fn trivial_and_empty_representations_and_labels() {
    let empty = vec![DMatrix::zeros(0, 0); 3];
    let d = decompose_so3(&empty, None).unwrap();
    assert_eq!(d.irreps_string(), "");
    assert!(d.multiplicities.is_empty());

    let zero = vec![DMatrix::zeros(4, 4); 3];
    let p = DMatrix::from_diagonal(&nalgebra::DVector::from_vec(vec![1.0, -1.0, 1.0, -1.0]));
    let d = decompose_so3(&zero, Some(&p)).unwrap();
    check_result(&d, &zero, Some(&p), 1e-12);
    assert_eq!(d.irreps_string(), "2x0e+2x0o");
    assert_eq!(format!("{}{}", Parity::Even, Parity::Odd), "eo");
    assert_eq!(Parity::Odd.sign(), -1.0);
}
