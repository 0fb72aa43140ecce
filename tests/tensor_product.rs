//! Tensor products and linear layers of `O(3)` irreps strings (theory/tensor-products.md).

use equivariant::Error;
use equivariant::so3::angular_momentum::real_generators;
use equivariant::so3::clebsch_gordan::{coupling_matrix, real_clebsch_gordan};
use equivariant::so3::irreps::{Irrep, Irreps, MulIrrep, Parity};
use equivariant::so3::linear::Linear;
use equivariant::so3::tensor_product::{
    FullyConnectedTensorProduct, TensorProduct, tensor_product_irreps,
};
use nalgebra::{DMatrix, DVector};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use rand_distr::StandardNormal;

fn irreps(text: &str) -> Irreps {
    text.parse().expect("a valid irreps string")
}

fn random_vec(rng: &mut StdRng, n: usize) -> Vec<f64> {
    (0..n).map(|_| rng.sample(StandardNormal)).collect()
}

/// A random irreps string: 1–3 blocks, multiplicities 0–3, `l ≤ 3`, random parities.
fn random_irreps(rng: &mut StdRng) -> Irreps {
    let blocks = (0..rng.random_range(1..4))
        .map(|_| MulIrrep {
            mul: rng.random_range(0..4),
            irrep: Irrep {
                l: rng.random_range(0..4),
                parity: if rng.random::<bool>() {
                    Parity::Even
                } else {
                    Parity::Odd
                },
            },
        })
        .collect();
    Irreps::new(blocks).unwrap()
}

fn max_abs_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).fold(0.0, |m, (x, y)| m.max((x - y).abs()))
}

fn max_abs(a: &[f64]) -> f64 {
    a.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// `X_irreps = ⊕ real_generators(l)[axis]` over the copies (each copy contiguous, `[u][m]`).
fn generator(irreps: &Irreps, axis: usize) -> DMatrix<f64> {
    let n = irreps.dim();
    let mut x = DMatrix::zeros(n, n);
    let mut at = 0;
    for irrep in irreps.copies() {
        let d = irrep.dim();
        x.view_mut((at, at), (d, d))
            .copy_from(&real_generators(irrep.l)[axis]);
        at += d;
    }
    x
}

/// The inversion: `+1` or `−1` on each component by its block's parity.
fn inversion(irreps: &Irreps) -> DMatrix<f64> {
    let signs: Vec<f64> = irreps
        .copies()
        .flat_map(|ir| std::iter::repeat_n(ir.parity.sign(), ir.dim()))
        .collect();
    DMatrix::from_diagonal(&DVector::from_vec(signs))
}

/// Applies a `dim × dim` matrix to every row of a `[batch][dim]` array.
fn apply(m: &DMatrix<f64>, x: &[f64], batch: usize) -> Vec<f64> {
    let d = m.nrows();
    let rows = DMatrix::from_row_slice(batch, d, x) * m.transpose();
    (0..batch)
        .flat_map(|z| (0..d).map(move |i| (z, i)))
        .map(|(z, i)| rows[(z, i)])
        .collect()
}

/// The slow reference: explicit sums over the dense real Clebsch–Gordan tensor, with the
/// normalisation `1/√fan_in` recomputed here from the multiplicities.
fn reference_tp(tp: &TensorProduct, x1: &[f64], x2: &[f64], w: &[f64], batch: usize) -> Vec<f64> {
    let (in1, in2, out) = (tp.irreps_in1(), tp.irreps_in2(), tp.irreps_out());
    let (o1, o2, oo) = (in1.offsets(), in2.offsets(), out.offsets());
    let (d1, d2, d_out) = (in1.dim(), in2.dim(), out.dim());
    let mut fan_in = vec![0usize; out.blocks().len()];
    for p in tp.paths() {
        fan_in[p.out] += p.muls[0] * p.muls[1];
    }
    let mut y = vec![0.0; batch * d_out];
    for p in tp.paths() {
        let [ir1, ir2, ir3] = p.irreps;
        let [mul1, mul2, mul_out] = p.muls;
        let c = real_clebsch_gordan(ir1.l, ir2.l, ir3.l).unwrap();
        let [n1, n2, n3] = c.shape();
        let alpha = 1.0 / (fan_in[p.out] as f64).sqrt();
        for z in 0..batch {
            for wo in 0..mul_out {
                for k in 0..n3 {
                    let mut s = 0.0;
                    for u in 0..mul1 {
                        for v in 0..mul2 {
                            let weight = w[p.weight_offset + (wo * mul1 + u) * mul2 + v];
                            for i in 0..n1 {
                                for j in 0..n2 {
                                    s += weight
                                        * c.get(i, j, k).unwrap()
                                        * x1[z * d1 + o1[p.i1] + u * n1 + i]
                                        * x2[z * d2 + o2[p.i2] + v * n2 + j];
                                }
                            }
                        }
                    }
                    y[z * d_out + oo[p.out] + wo * n3 + k] += alpha * s;
                }
            }
        }
    }
    y
}

const CASES: &[(&str, &str, &str)] = &[
    ("16x0e+16x1o+16x2e", "0e+1o+2e", "16x0e+16x1o+16x2e"),
    (
        "3x0e+2x1o+2x2e+1x3o",
        "2x0e+3x1o+1x2o",
        "4x0e+3x1o+2x1e+2x2e+2x3o",
    ),
    ("2x1e+7x2o", "2x2e+1x1e", "5x0o+3x1e+6x2o+1x4o"),
    ("0x1o+2x0e", "1o", "0x0e+3x1o"),
    ("1x4e", "1x3o", "2x1o+2x7o+1x4o"),
];

/// The kernels (sparse CG step + stacked GEMM, chunked and parallel) compute exactly the
/// defining sum `α_o Σ W[w][u][v] C[i][j][k] x1[u][i] x2[v][j]`.
#[test]
fn forward_matches_the_dense_reference() {
    let mut rng = StdRng::seed_from_u64(1);
    for &(a, b, c) in CASES {
        let tp = FullyConnectedTensorProduct::new(&irreps(a), &irreps(b), &irreps(c)).unwrap();
        for batch in [1usize, 7, 300] {
            let x1 = random_vec(&mut rng, batch * tp.irreps_in1().dim());
            let x2 = random_vec(&mut rng, batch * tp.irreps_in2().dim());
            let w = random_vec(&mut rng, tp.weight_numel());
            let fast = tp.forward(&x1, &x2, &w, batch).unwrap();
            let slow = reference_tp(&tp, &x1, &x2, &w, batch);
            let scale = max_abs(&slow).max(1.0);
            assert!(
                max_abs_diff(&fast, &slow) < 1e-12 * scale,
                "{a} x {b} -> {c}, batch {batch}"
            );
        }
    }
}

/// Explicit instructions (a subset of the paths, repeated paths allowed) also match the
/// reference, and the weights follow the instruction order.
#[test]
fn explicit_paths_match_the_dense_reference() {
    let mut rng = StdRng::seed_from_u64(2);
    let (a, b, c) = (
        irreps("2x0e+3x1o"),
        irreps("1o+2x1e"),
        irreps("2x1o+1x0o+2x2o+1x2e"),
    );
    let instructions = [
        (1, 0, 3),
        (0, 0, 0),
        (1, 1, 2),
        (1, 1, 0),
        (1, 1, 1),
        (1, 1, 2),
    ];
    let tp = TensorProduct::new(&a, &b, &c, &instructions).unwrap();
    let got: Vec<_> = tp.paths().iter().map(|p| (p.i1, p.i2, p.out)).collect();
    assert_eq!(got, instructions);
    let batch = 20;
    let x1 = random_vec(&mut rng, batch * a.dim());
    let x2 = random_vec(&mut rng, batch * b.dim());
    let w = random_vec(&mut rng, tp.weight_numel());
    let fast = tp.forward(&x1, &x2, &w, batch).unwrap();
    let slow = reference_tp(&tp, &x1, &x2, &w, batch);
    assert!(max_abs_diff(&fast, &slow) < 1e-12 * max_abs(&slow).max(1.0));
}

/// Infinitesimal equivariance: for each generator `X` of `so(3)`,
/// `TP(X₁x₁, x₂) + TP(x₁, X₂x₂) = X_out TP(x₁, x₂)` (the Leibniz rule, since `C` intertwines
/// the Kronecker sum `X^{l1} ⊗ 1 + 1 ⊗ X^{l2}` with `X^{l3}` and the weights act on
/// multiplicities only).
#[test]
fn forward_commutes_with_the_lie_algebra() {
    let mut rng = StdRng::seed_from_u64(3);
    let mut cases: Vec<(Irreps, Irreps, Irreps)> = CASES
        .iter()
        .map(|&(a, b, c)| (irreps(a), irreps(b), irreps(c)))
        .collect();
    cases.extend((0..10).map(|_| {
        let (a, b) = (random_irreps(&mut rng), random_irreps(&mut rng));
        let c = tensor_product_irreps(&a, &b).unwrap().simplified();
        (a, b, c)
    }));
    for (a, b, c) in cases {
        let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
        let batch = 3;
        let x1 = random_vec(&mut rng, batch * a.dim());
        let x2 = random_vec(&mut rng, batch * b.dim());
        let w = random_vec(&mut rng, tp.weight_numel());
        let y = tp.forward(&x1, &x2, &w, batch).unwrap();
        for axis in 0..3 {
            let (g1, g2, g3) = (
                generator(&a, axis),
                generator(&b, axis),
                generator(&c, axis),
            );
            let left = tp.forward(&apply(&g1, &x1, batch), &x2, &w, batch).unwrap();
            let right = tp.forward(&x1, &apply(&g2, &x2, batch), &w, batch).unwrap();
            let sum: Vec<f64> = left.iter().zip(&right).map(|(l, r)| l + r).collect();
            let expected = apply(&g3, &y, batch);
            let scale = max_abs(&expected).max(1.0);
            assert!(
                max_abs_diff(&sum, &expected) < 1e-11 * scale,
                "{a} x {b} -> {c}, axis {axis}"
            );
        }
    }
}

/// Parity: `TP(P₁x₁, P₂x₂) = P_out TP(x₁, x₂)` for the inversion `P` (each block's sign), as
/// every path has `p_out = p₁ p₂`.
#[test]
fn forward_commutes_with_the_inversion() {
    let mut rng = StdRng::seed_from_u64(4);
    for _ in 0..20 {
        let (a, b, c) = (
            random_irreps(&mut rng),
            random_irreps(&mut rng),
            random_irreps(&mut rng),
        );
        let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
        let batch = 2;
        let x1 = random_vec(&mut rng, batch * a.dim());
        let x2 = random_vec(&mut rng, batch * b.dim());
        let w = random_vec(&mut rng, tp.weight_numel());
        let y = tp.forward(&x1, &x2, &w, batch).unwrap();
        let (p1, p2, p3) = (inversion(&a), inversion(&b), inversion(&c));
        let inverted = tp
            .forward(&apply(&p1, &x1, batch), &apply(&p2, &x2, batch), &w, batch)
            .unwrap();
        assert!(max_abs_diff(&inverted, &apply(&p3, &y, batch)) < 1e-12 * max_abs(&y).max(1.0));
    }
}

/// `TP` is bilinear in `(x₁, x₂)` and linear in the weights.
#[test]
fn forward_is_bilinear_and_linear_in_the_weights() {
    let mut rng = StdRng::seed_from_u64(5);
    let (a, b, c) = (
        irreps("2x0e+3x1o+1x2e"),
        irreps("1x1o+2x0e"),
        irreps("2x1o+3x0e+1x2e"),
    );
    let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
    let batch = 5;
    let r = |rng: &mut StdRng, n| random_vec(rng, n);
    let (x1, y1) = (r(&mut rng, batch * a.dim()), r(&mut rng, batch * a.dim()));
    let (x2, y2) = (r(&mut rng, batch * b.dim()), r(&mut rng, batch * b.dim()));
    let (w, v) = (
        r(&mut rng, tp.weight_numel()),
        r(&mut rng, tp.weight_numel()),
    );
    let (s, t) = (
        rng.random::<f64>() * 4.0 - 2.0,
        rng.random::<f64>() * 4.0 - 2.0,
    );
    let combo = |p: &[f64], q: &[f64]| -> Vec<f64> {
        p.iter().zip(q).map(|(p, q)| s * p + t * q).collect()
    };
    let f = |x1: &[f64], x2: &[f64], w: &[f64]| tp.forward(x1, x2, w, batch).unwrap();
    let check = |lhs: Vec<f64>, rhs: Vec<f64>| {
        assert!(max_abs_diff(&lhs, &rhs) < 1e-12 * max_abs(&rhs).max(1.0));
    };
    check(
        f(&combo(&x1, &y1), &x2, &w),
        combo(&f(&x1, &x2, &w), &f(&y1, &x2, &w)),
    );
    check(
        f(&x1, &combo(&x2, &y2), &w),
        combo(&f(&x1, &x2, &w), &f(&x1, &y2, &w)),
    );
    check(
        f(&x1, &x2, &combo(&w, &v)),
        combo(&f(&x1, &x2, &w), &f(&x1, &x2, &v)),
    );
}

/// The `f32` kernels agree with the `f64` ones to `f32` accuracy.
#[test]
fn f32_agrees_with_f64() {
    let mut rng = StdRng::seed_from_u64(6);
    let (a, b, c) = (irreps(CASES[0].0), irreps(CASES[0].1), irreps(CASES[0].2));
    let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
    let batch = 400;
    let x1 = random_vec(&mut rng, batch * a.dim());
    let x2 = random_vec(&mut rng, batch * b.dim());
    let w = random_vec(&mut rng, tp.weight_numel());
    let single = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
    let y64 = tp.forward(&x1, &x2, &w, batch).unwrap();
    let y32 = tp
        .forward(&single(&x1), &single(&x2), &single(&w), batch)
        .unwrap();
    let y32: Vec<f64> = y32.iter().map(|&x| x as f64).collect();
    assert!(max_abs_diff(&y32, &y64) < 1e-5 * max_abs(&y64));
    let lin = Linear::new(&a, &c, true).unwrap();
    let (lw, lb) = (
        random_vec(&mut rng, lin.weight_numel()),
        random_vec(&mut rng, 16),
    );
    let z64 = lin.forward(&x1, &lw, &lb, batch).unwrap();
    let z32 = lin
        .forward(&single(&x1), &single(&lw), &single(&lb), batch)
        .unwrap();
    let z32: Vec<f64> = z32.iter().map(|&x| x as f64).collect();
    assert!(max_abs_diff(&z32, &z64) < 1e-5 * max_abs(&z64));
}

/// `weight_numel = Σ_{allowed (i1, i2, o)} mul1 · mul2 · mul_out`; for e3nn's benchmark
/// `16x0e+16x1o+16x2e ⊗ 0e+1o+2e → 16x0e+16x1o+16x2e` there are 11 paths and 2816 weights.
#[test]
fn weight_numel_matches_the_path_formula() {
    let tp = FullyConnectedTensorProduct::new(
        &irreps("16x0e+16x1o+16x2e"),
        &irreps("0e+1o+2e"),
        &irreps("16x0e+16x1o+16x2e"),
    )
    .unwrap();
    assert_eq!(tp.paths().len(), 11);
    assert_eq!(tp.weight_numel(), 2816);
    let mut rng = StdRng::seed_from_u64(7);
    for _ in 0..50 {
        let (a, b, c) = (
            random_irreps(&mut rng),
            random_irreps(&mut rng),
            random_irreps(&mut rng),
        );
        let mut expected = 0;
        for x in a.blocks() {
            for y in b.blocks() {
                for z in c.blocks() {
                    let allowed = x.irrep.tensor(&y.irrep).any(|ir| ir == z.irrep);
                    if allowed {
                        expected += x.mul * y.mul * z.mul;
                    }
                }
            }
        }
        let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
        assert_eq!(tp.weight_numel(), expected, "{a} x {b} -> {c}");
    }
}

/// The Clebsch–Gordan series with multiplicities: `dim(in1 ⊗ in2) = dim in1 · dim in2`, and
/// `l1 ⊗ l2` contains each `l3` of the series once with parity `p1 p2`.
#[test]
fn tensor_product_irreps_has_the_product_dimension() {
    let mut rng = StdRng::seed_from_u64(8);
    for _ in 0..100 {
        let (a, b) = (random_irreps(&mut rng), random_irreps(&mut rng));
        let out = tensor_product_irreps(&a, &b).unwrap();
        assert_eq!(out.dim(), a.dim() * b.dim(), "{a} x {b}");
    }
    let out = tensor_product_irreps(&irreps("2x1o+1x2e"), &irreps("3x1o")).unwrap();
    assert_eq!(out.to_string(), "6x0e+6x1e+3x1o+6x2e+3x2o+3x3o");
}

/// Reverse mode is the adjoint of the forward map in each argument (the map is linear in
/// each): `⟨g, TP(δx₁, x₂, W)⟩ = ⟨∂x₁, δx₁⟩`, and likewise for `x₂` and `W`.
#[test]
fn backward_is_the_adjoint_of_forward() {
    let mut rng = StdRng::seed_from_u64(9);
    for &(a, b, c) in CASES {
        let tp = FullyConnectedTensorProduct::new(&irreps(a), &irreps(b), &irreps(c)).unwrap();
        let (d1, d2, d3) = (
            tp.irreps_in1().dim(),
            tp.irreps_in2().dim(),
            tp.irreps_out().dim(),
        );
        for batch in [1usize, 300] {
            let r = |rng: &mut StdRng, n| random_vec(rng, n);
            let (x1, x2, w) = (
                r(&mut rng, batch * d1),
                r(&mut rng, batch * d2),
                r(&mut rng, tp.weight_numel()),
            );
            let g = r(&mut rng, batch * d3);
            let grads = tp.backward(&x1, &x2, &w, &g, batch).unwrap();
            let (e1, e2, ew) = (
                r(&mut rng, batch * d1),
                r(&mut rng, batch * d2),
                r(&mut rng, tp.weight_numel()),
            );
            let dot = |p: &[f64], q: &[f64]| p.iter().zip(q).map(|(p, q)| p * q).sum::<f64>();
            let pairs = [
                (
                    dot(&g, &tp.forward(&e1, &x2, &w, batch).unwrap()),
                    dot(&grads.x1, &e1),
                ),
                (
                    dot(&g, &tp.forward(&x1, &e2, &w, batch).unwrap()),
                    dot(&grads.x2, &e2),
                ),
                (
                    dot(&g, &tp.forward(&x1, &x2, &ew, batch).unwrap()),
                    dot(&grads.weights, &ew),
                ),
            ];
            for (which, (lhs, rhs)) in pairs.into_iter().enumerate() {
                let scale = lhs.abs().max(1.0) * (batch as f64).sqrt();
                assert!(
                    (lhs - rhs).abs() < 1e-10 * scale,
                    "{a} x {b} -> {c}, arg {which}: {lhs} vs {rhs}"
                );
            }
        }
    }
}

/// Normalisation: with independent unit-variance inputs and weights, every output component
/// has unit variance (`‖C[·][·][k]‖ = 1` and `α_o² · fan_in = 1`); estimated over a batch.
#[test]
fn unit_variance_inputs_give_unit_variance_outputs() {
    let mut rng = StdRng::seed_from_u64(10);
    let (a, b, c) = (
        irreps("8x0e+8x1o+8x2e"),
        irreps("2x0e+1o+2e"),
        irreps("8x0e+8x1o+8x2e"),
    );
    let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
    let batch = 2000;
    let (mut sum, mut count) = (0.0, 0usize);
    for _ in 0..5 {
        let x1 = random_vec(&mut rng, batch * a.dim());
        let x2 = random_vec(&mut rng, batch * b.dim());
        let w = random_vec(&mut rng, tp.weight_numel());
        let y = tp.forward(&x1, &x2, &w, batch).unwrap();
        sum += y.iter().map(|v| v * v).sum::<f64>();
        count += y.len();
    }
    let variance = sum / count as f64;
    assert!((variance - 1.0).abs() < 0.1, "variance {variance}");
}

/// The slow reference of the linear layer: `α_o Σ_u W[w][u] x[u][m]` per pair of equal irreps,
/// `α_o = 1/√(Σ mul_in)` recomputed here, plus biases on the `0e` blocks.
fn reference_linear(lin: &Linear, x: &[f64], w: &[f64], b: &[f64], batch: usize) -> Vec<f64> {
    let (inp, out) = (lin.irreps_in(), lin.irreps_out());
    let (oi, oo) = (inp.offsets(), out.offsets());
    let (di, d_out) = (inp.dim(), out.dim());
    let mut y = vec![0.0; batch * d_out];
    let mut offset = 0;
    for (i, bi) in inp.blocks().iter().enumerate() {
        for (o, bo) in out.blocks().iter().enumerate() {
            if bi.irrep != bo.irrep {
                continue;
            }
            let fan_in: usize = inp
                .blocks()
                .iter()
                .filter(|x| x.irrep == bo.irrep)
                .map(|x| x.mul)
                .sum();
            let n = bi.irrep.dim();
            for z in 0..batch {
                for wo in 0..bo.mul {
                    for u in 0..bi.mul {
                        for m in 0..n {
                            y[z * d_out + oo[o] + wo * n + m] += w[offset + wo * bi.mul + u]
                                * x[z * di + oi[i] + u * n + m]
                                / (fan_in as f64).sqrt();
                        }
                    }
                }
            }
            offset += bi.mul * bo.mul;
        }
    }
    let mut at = 0;
    for (o, bo) in out.blocks().iter().enumerate() {
        if bo.irrep.l == 0 && bo.irrep.parity == Parity::Even && !b.is_empty() {
            for z in 0..batch {
                for wo in 0..bo.mul {
                    y[z * d_out + oo[o] + wo] += b[at + wo];
                }
            }
            at += bo.mul;
        }
    }
    y
}

/// The linear layer equals its dense reference (chunked, parallel, strided GEMM).
#[test]
fn linear_matches_the_dense_reference() {
    let mut rng = StdRng::seed_from_u64(11);
    let cases = [
        ("16x0e+16x1o+16x2e", "16x0e+16x1o+16x2e"),
        ("3x0e+2x1o+4x0e+1x1e", "2x0e+5x1o+1x2e+1x0e"),
        ("8x1o+2x3e", "9x1o+3x0e"),
    ];
    for (a, c) in cases {
        for bias in [false, true] {
            let lin = Linear::new(&irreps(a), &irreps(c), bias).unwrap();
            for batch in [3usize, 600] {
                let x = random_vec(&mut rng, batch * lin.irreps_in().dim());
                let w = random_vec(&mut rng, lin.weight_numel());
                let b = random_vec(&mut rng, lin.bias_numel());
                let fast = lin.forward(&x, &w, &b, batch).unwrap();
                let slow = reference_linear(&lin, &x, &w, &b, batch);
                assert!(
                    max_abs_diff(&fast, &slow) < 1e-12 * max_abs(&slow).max(1.0),
                    "{a} -> {c}"
                );
            }
        }
    }
}

/// The linear layer commutes with `so(3)` and the inversion (Schur: `W ⊗ 1` on equal irreps).
#[test]
fn linear_is_equivariant() {
    let mut rng = StdRng::seed_from_u64(12);
    for _ in 0..20 {
        let (a, c) = (random_irreps(&mut rng), random_irreps(&mut rng));
        let lin = Linear::new(&a, &c, false).unwrap();
        let batch = 2;
        let x = random_vec(&mut rng, batch * a.dim());
        let w = random_vec(&mut rng, lin.weight_numel());
        let y = lin.forward(&x, &w, &[], batch).unwrap();
        let mut maps: Vec<(DMatrix<f64>, DMatrix<f64>)> = (0..3)
            .map(|axis| (generator(&a, axis), generator(&c, axis)))
            .collect();
        maps.push((inversion(&a), inversion(&c)));
        for (g_in, g_out) in maps {
            let moved = lin
                .forward(&apply(&g_in, &x, batch), &w, &[], batch)
                .unwrap();
            let expected = apply(&g_out, &y, batch);
            assert!(
                max_abs_diff(&moved, &expected) < 1e-12 * max_abs(&expected).max(1.0),
                "{a} -> {c}"
            );
        }
    }
}

/// The explicit decomposition: for `C = coupling_matrix(l1, l2)` (orthogonal),
/// `Cᵀ (X^{l1} ⊗ 1 + 1 ⊗ X^{l2}) C = ⊕_{l3} X^{l3}` for each generator.
#[test]
fn coupling_matrix_block_diagonalises_the_kronecker_sum() {
    for l1 in 0..5 {
        for l2 in 0..5 {
            let c = coupling_matrix(l1, l2).unwrap();
            let (n1, n2) = (2 * l1 + 1, 2 * l2 + 1);
            let series = Irreps::from_irreps((l1.abs_diff(l2)..=l1 + l2).map(|l| Irrep {
                l,
                parity: Parity::Even,
            }))
            .unwrap();
            for axis in 0..3 {
                let x1 = &real_generators(l1)[axis];
                let x2 = &real_generators(l2)[axis];
                let sum = x1.kronecker(&DMatrix::identity(n2, n2))
                    + DMatrix::identity(n1, n1).kronecker(x2);
                let reduced = c.transpose() * sum * &c;
                let expected = generator(&series, axis);
                let err = (reduced - expected).amax();
                assert!(err < 1e-12, "l1 = {l1}, l2 = {l2}, axis {axis}: {err}");
            }
        }
    }
}

/// Bad shapes and disallowed paths are errors, never panics; outputs and weights too large are
/// refused before allocating.
#[test]
fn bad_input_is_an_error() {
    let (a, b, c) = (irreps("2x0e+1x1o"), irreps("1o"), irreps("3x1o+1x0e"));
    let tp = FullyConnectedTensorProduct::new(&a, &b, &c).unwrap();
    let w = vec![0.0; tp.weight_numel()];
    let invalid = |r: Result<Vec<f64>, Error>, needle: &str| match r {
        Err(Error::InvalidInput(m)) => assert!(m.contains(needle), "{m}"),
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    invalid(
        tp.forward(&[0.0; 9], &[0.0; 6], &w, 2),
        "x1 has length 9, expected 10",
    );
    invalid(
        tp.forward(&[0.0; 10], &[0.0; 5], &w, 2),
        "x2 has length 5, expected 6",
    );
    invalid(tp.forward(&[0.0; 10], &[0.0; 6], &w[1..], 2), "weights");
    let grad = tp.backward(&[0.0; 10], &[0.0; 6], &w, &[0.0; 3], 2);
    assert!(matches!(grad, Err(Error::InvalidInput(m)) if m.contains("grad_out")));
    // 0e x 1o -> 0e violates the Clebsch-Gordan series, 1o x 1o -> 1o parity; then indices.
    for bad in [(0, 0, 1), (1, 0, 0), (0, 0, 3), (2, 0, 0)] {
        assert!(
            matches!(
                TensorProduct::new(&a, &b, &c, &[bad]),
                Err(Error::InvalidInput(_))
            ),
            "{bad:?}"
        );
    }
    let huge = TensorProduct::new(
        &irreps("100000x0e"),
        &irreps("100000x0e"),
        &irreps("1000x0e"),
        &[(0, 0, 0)],
    );
    assert!(matches!(huge, Err(Error::TooLarge { .. })));
    // No weights (mul_out = 0), but a fan-in of 10^10 products per sample.
    let fan_in = TensorProduct::new(
        &irreps("100000x0e"),
        &irreps("100000x0e"),
        &irreps("0x0e"),
        &[(0, 0, 0)],
    );
    assert!(matches!(fan_in, Err(Error::TooLarge { .. })));
    let wide = FullyConnectedTensorProduct::new(&irreps("0e"), &irreps("0e"), &irreps("100000x0e"))
        .unwrap();
    let big = wide.forward(
        &vec![0.0f32; 20000],
        &vec![0.0f32; 20000],
        &vec![0.0f32; 100000],
        20000,
    );
    assert!(matches!(big, Err(Error::TooLarge { .. })), "{big:?}");
    let lin = Linear::new(&a, &c, true).unwrap();
    let lw = vec![0.0; lin.weight_numel()];
    invalid(
        lin.forward(&[0.0; 9], &lw, &[0.0; 1], 2),
        "x has length 9, expected 10",
    );
    invalid(
        lin.forward(&[0.0; 10], &lw, &[], 2),
        "biases has length 0, expected 1",
    );
    invalid(lin.forward(&[0.0; 10], &lw[1..], &[0.0; 1], 2), "weights");
}
