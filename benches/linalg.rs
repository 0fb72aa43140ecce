//! Exact (multimodular) and SVD nullspaces of 200×200 matrices of rank 150.

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::linalg::{QMatrix, nullspace, nullspace_svd, permutation_matrix, qmatrix_to_f64};
use nalgebra::DMatrix;
use num_bigint::BigInt;
use num_rational::BigRational;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::hint::black_box;

/// `n × n` of rank `r`: `r` rows of random integers in `[-5, 5]`, some divided by 2 or 3
/// (rational entries), then `n − r` rows that are sums or differences of two earlier rows.
fn rank_deficient(n: usize, r: usize, seed: u64) -> QMatrix {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut a = QMatrix::from_element(n, n, BigRational::from_integer(BigInt::from(0)));
    for i in 0..r {
        let den = BigInt::from(rng.random_range(1i64..=3));
        for j in 0..n {
            let v = BigInt::from(rng.random_range(-5i64..=5));
            a[(i, j)] = BigRational::new(v, den.clone());
        }
    }
    for i in r..n {
        let s = rng.random_range(0..r);
        let t = rng.random_range(0..r);
        let sign = if rng.random_bool(0.5) { 1 } else { -1 };
        for j in 0..n {
            let v = &a[(s, j)] + &a[(t, j)] * BigRational::from_integer(BigInt::from(sign));
            a[(i, j)] = v;
        }
    }
    a
}

/// The equivariance constraints `P X − X P = 0` for the two generators of `S_n` acting on
/// `V ⊗ V` (`V = R^n`, so `P = P(g) ⊗ P(g)` is `n² × n²` and the system is `2n⁴ × n⁴` with
/// entries 0/±1): the sparse case of the nullspace route. The solution space is
/// `End_{S_n}(V ⊗ V)`, of dimension Bell(4) = 15.
fn permutation_constraints(n: usize) -> QMatrix {
    let cycle: Vec<usize> = (0..n).map(|i| (i + 1) % n).collect();
    let mut swap: Vec<usize> = (0..n).collect();
    swap.swap(0, 1);
    let d = n * n;
    let mut a = QMatrix::from_element(2 * d * d, d * d, BigRational::from_integer(BigInt::from(0)));
    for (g, perm) in [cycle, swap].iter().enumerate() {
        let p = permutation_matrix(perm).unwrap();
        let p2 = p.kronecker(&p);
        // vec(P X − X P) = (I ⊗ P − Pᵀ ⊗ I) vec(X) (column-major vec).
        let id = DMatrix::<f64>::identity(d, d);
        let m = id.kronecker(&p2) - p2.transpose().kronecker(&id);
        for i in 0..d * d {
            for j in 0..d * d {
                if m[(i, j)] != 0.0 {
                    a[(g * d * d + i, j)] =
                        BigRational::from_integer(BigInt::from(m[(i, j)] as i64));
                }
            }
        }
    }
    a
}

fn exact(c: &mut Criterion) {
    let a = rank_deficient(200, 150, 2024);
    c.bench_function("exact_nullspace_200", |b| {
        b.iter(|| nullspace(black_box(&a)).ncols())
    });
    let p = permutation_constraints(6);
    c.bench_function("exact_nullspace_end_s6_of_v_tensor_v", |b| {
        b.iter(|| nullspace(black_box(&p)).ncols())
    });
}

fn numeric(c: &mut Criterion) {
    let a = qmatrix_to_f64(&rank_deficient(200, 150, 2024));
    c.bench_function("svd_nullspace_200", |b| {
        b.iter(|| nullspace_svd(black_box(&a), None).unwrap().basis.ncols())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = exact, numeric
}
criterion_main!(benches);
