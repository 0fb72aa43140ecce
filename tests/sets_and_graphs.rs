//! Deep Sets and `S_n`-equivariant graph layers: equivariance and invariance under random
//! permutations, the 15 = Bell(4) basis maps of `Hom_{S_n}(V⊗V, V⊗V)` (independence and
//! spanning, counted by characters), pooling behaviour and refusal of bad input.
//! theory/deep-sets-and-graphs.md names the test behind each claim.

use equivariant::Error;
use equivariant::group::{FiniteGroup, PermutationGroup};
use equivariant::linalg::{qmatrix_from_i64, rank};
use equivariant::nn::deep_sets::{DeepSetsInvariant, DeepSetsLayer, Dense, Mlp, Pooling, RowMap};
use equivariant::nn::graph::{
    BasisOp, GraphLayer, InvariantGraphNetwork, Reduce, Spread, basis, stack_matrices,
    unstack_matrices,
};
use equivariant::nn::point_cloud::Activation;
use equivariant::rep::{self, Rep};
use equivariant::testing::assert_equivariant;
use nalgebra::{DMatrix, DVector};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::sync::Arc;

fn random_matrix(rows: usize, cols: usize, rng: &mut StdRng) -> DMatrix<f64> {
    DMatrix::from_fn(rows, cols, |_, _| rng.random::<f64>() * 2.0 - 1.0)
}

fn random_vector(len: usize, rng: &mut StdRng) -> DVector<f64> {
    DVector::from_fn(len, |_, _| rng.random::<f64>() * 2.0 - 1.0)
}

fn symmetric(n: usize) -> Arc<PermutationGroup> {
    Arc::new(PermutationGroup::symmetric(n).unwrap())
}

/// `c` copies of the order-`k` representation of `S_n`: trivial, `V` or `V ⊗ V` (with the
/// channel-major layout of a column-major `n^k × c` matrix).
fn order_rep(group: &Arc<PermutationGroup>, order: usize, c: usize) -> Rep<PermutationGroup> {
    let one = match order {
        0 => rep::trivial(group),
        1 => rep::defining(group),
        _ => rep::tensor_power(&rep::defining(group), order as u32).unwrap(),
    };
    rep::multiple(&one, c).unwrap()
}

/// `x` (flat, channel-major) as an `rows × c` matrix, `f` applied, and the result flattened.
fn flat<F: Fn(&DMatrix<f64>) -> DMatrix<f64>>(
    rows: usize,
    f: F,
) -> impl Fn(&DVector<f64>) -> DVector<f64> {
    move |x| {
        let m = DMatrix::from_column_slice(rows, x.len() / rows, x.as_slice());
        DVector::from_column_slice(f(&m).as_slice())
    }
}

fn bell(m: usize) -> usize {
    [1, 1, 2, 5, 15][m]
}

/// `(1/n!) Σ_{g ∈ S_n} fix(g)^m = dim Hom_{S_n}(V^{⊗k}, V^{⊗l})` for `k + l = m`: the
/// multiplicity of the trivial character in `χ_V^m` (`χ_V(g)` = number of fixed points).
fn commutant_dimension(n: usize, m: u32) -> usize {
    let group = PermutationGroup::symmetric(n).unwrap();
    let elements = group.elements().unwrap();
    let total: usize = elements.iter().map(|g| g.fixed_points().pow(m)).sum();
    assert_eq!(total % elements.len(), 0);
    total / elements.len()
}

fn random_deep_sets_layer(pooling: Pooling, rng: &mut StdRng) -> DeepSetsLayer {
    DeepSetsLayer::new(
        random_matrix(3, 4, rng),
        random_matrix(3, 4, rng),
        random_vector(4, rng),
        pooling,
        Some(Activation::Tanh),
    )
    .unwrap()
}

/// Theorem (Zaheer et al., Lemma 3): `σ(XΛ + 1 pool(X) Γ + 1βᵀ)` is `S_n`-equivariant for
/// sum, mean and max pooling (`pool` is invariant, `XΛ` and σ commute with row permutations).
#[test]
fn deep_sets_layers_are_equivariant() {
    let mut rng = StdRng::seed_from_u64(1);
    let (n, group) = (7, symmetric(7));
    for pooling in [Pooling::Sum, Pooling::Mean, Pooling::Max] {
        let layer = random_deep_sets_layer(pooling, &mut rng);
        let f = flat(n, |x| layer.forward(x).unwrap());
        let report = assert_equivariant(
            f,
            group.as_ref(),
            &order_rep(&group, 1, 3),
            &order_rep(&group, 1, 4),
        )
        .unwrap();
        assert!(report.worst_residual < 1e-12, "{pooling:?}: {report:?}");
    }
}

/// The layer is exactly `σ(XΛ + 11ᵀXΓ/d + 1βᵀ)` with `d = 1` for sum and `d = n` for mean
/// pooling, and with the column maxima in place of `1ᵀX` for max pooling.
#[test]
fn deep_sets_layer_matches_its_formula() {
    let mut rng = StdRng::seed_from_u64(2);
    let (lambda, gamma, beta) = (
        random_matrix(3, 2, &mut rng),
        random_matrix(3, 2, &mut rng),
        random_vector(2, &mut rng),
    );
    let x = random_matrix(5, 3, &mut rng);
    let ones = DMatrix::from_element(5, 1, 1.0);
    let maxima = DMatrix::from_fn(1, 3, |_, c| x.column(c).max());
    for (pooling, pooled) in [
        (Pooling::Sum, ones.transpose() * &x),
        (Pooling::Mean, ones.transpose() * &x / 5.0),
        (Pooling::Max, maxima),
    ] {
        let layer =
            DeepSetsLayer::new(lambda.clone(), gamma.clone(), beta.clone(), pooling, None).unwrap();
        let expected = &x * &lambda + &ones * (pooled * &gamma) + &ones * beta.transpose();
        assert!(
            (layer.forward(&x).unwrap() - expected).norm() < 1e-12,
            "{pooling:?}"
        );
    }
}

/// Theorem (Zaheer et al., Theorem 2, the easy direction): `ρ(Σ_i φ(x_i))` is invariant under
/// permutations of the set; so are its mean and max variants.
#[test]
fn deep_sets_invariant_model_is_invariant() {
    let (n, group) = (6, symmetric(6));
    for pooling in [Pooling::Sum, Pooling::Mean, Pooling::Max] {
        let model = DeepSetsInvariant::random(3, 8, 2, pooling, Activation::Silu, 5).unwrap();
        let f = flat(n, |x| {
            let y = model.forward(x).unwrap();
            DMatrix::from_column_slice(y.len(), 1, y.as_slice())
        });
        let report = assert_equivariant(
            f,
            group.as_ref(),
            &order_rep(&group, 1, 3),
            &rep::multiple(&rep::trivial(&group), 2).unwrap(),
        )
        .unwrap();
        assert!(report.worst_residual < 1e-12, "{pooling:?}: {report:?}");
    }
}

/// User-supplied `φ` and `ρ` (closures acting row by row) give an invariant model, and a
/// batch is the same as one set at a time.
#[test]
fn deep_sets_with_user_supplied_phi_and_rho_is_invariant() {
    let phi = |x: &DMatrix<f64>| -> equivariant::Result<DMatrix<f64>> {
        Ok(DMatrix::from_fn(x.nrows(), 2, |i, k| {
            x.row(i).map(|v| v.powi(k as i32 + 1)).sum()
        }))
    };
    let rho = |s: &DMatrix<f64>| -> equivariant::Result<DMatrix<f64>> { Ok(s.map(f64::sin)) };
    let model = DeepSetsInvariant::new(phi, rho, Pooling::Sum);
    let mut rng = StdRng::seed_from_u64(3);
    let x = random_matrix(5, 3, &mut rng);
    let reversed = DMatrix::from_fn(5, 3, |i, c| x[(4 - i, c)]);
    let (a, b) = (
        model.forward(&x).unwrap(),
        model.forward(&reversed).unwrap(),
    );
    assert!((&a - &b).norm() < 1e-14);
    let batch = model.forward_batch(&[x.clone(), reversed]).unwrap();
    assert_eq!(batch, vec![a.clone(), b]);
    // ρ(Σφ): the power sums Σ x^1 and Σ x^2 of all entries, then sin.
    let expected = DVector::from_vec(vec![x.sum().sin(), x.map(|v| v * v).sum().sin()]);
    assert!((a - expected).norm() < 1e-12);
}

/// Max pooling with a planted outlier: the pooled row is the outlier's, every output row
/// carries `outlier · Γ`, and moving any other element (below the maximum) changes only its
/// own output row — unlike sum pooling, where every row moves.
#[test]
fn max_pool_layer_with_planted_outlier() {
    let mut rng = StdRng::seed_from_u64(4);
    let mut x = random_matrix(8, 3, &mut rng);
    x.row_mut(5).fill(100.0);
    let (lambda, gamma, beta) = (
        random_matrix(3, 4, &mut rng),
        random_matrix(3, 4, &mut rng),
        random_vector(4, &mut rng),
    );
    let layer = |pooling| {
        DeepSetsLayer::new(lambda.clone(), gamma.clone(), beta.clone(), pooling, None).unwrap()
    };
    let max_layer = layer(Pooling::Max);
    let y = max_layer.forward(&x).unwrap();
    let outlier_term = DMatrix::from_element(1, 3, 100.0) * &gamma;
    for i in 0..8 {
        let own = x.row(i) * &lambda + beta.transpose();
        assert!((y.row(i) - own - &outlier_term).norm() < 1e-10);
    }
    let mut moved = x.clone();
    moved[(2, 1)] += 0.5;
    let (y_moved, sum_layer) = (max_layer.forward(&moved).unwrap(), layer(Pooling::Sum));
    let sum_change = sum_layer.forward(&moved).unwrap() - sum_layer.forward(&x).unwrap();
    for i in (0..8).filter(|&i| i != 2) {
        assert_eq!(
            y_moved.row(i),
            y.row(i),
            "row {i} changed under max pooling"
        );
        assert!(
            sum_change.row(i).norm() > 1e-3,
            "row {i} unchanged under sum pooling"
        );
    }
    assert!((y_moved.row(2) - y.row(2)).norm() > 1e-3);
}

/// The batched layer equals the layer on each set, for sets of different sizes.
#[test]
fn deep_sets_batch_equals_each_set() {
    let mut rng = StdRng::seed_from_u64(6);
    let layer = random_deep_sets_layer(Pooling::Mean, &mut rng);
    let sets: Vec<_> = [1, 4, 9]
        .iter()
        .map(|&n| random_matrix(n, 3, &mut rng))
        .collect();
    let batch = layer.forward_batch(&sets).unwrap();
    for (x, y) in sets.iter().zip(&batch) {
        assert_eq!(&layer.forward(x).unwrap(), y);
    }
}

/// Theorem (Maron et al., Theorem 1 and Appendix A): each of the 15 maps `R^{n×n} → R^{n×n}`
/// commutes with `A ↦ P A Pᵀ` (the action of `V ⊗ V`), for random `A` and random `P`.
#[test]
fn each_of_the_15_operations_is_equivariant() {
    let ops = basis(2, 2).unwrap();
    assert_eq!(ops.len(), 15);
    for n in [4, 6] {
        let group = symmetric(n);
        let v2 = order_rep(&group, 2, 1);
        for op in &ops {
            let f = flat(n * n, |x| op.apply(n, x).unwrap());
            let report = assert_equivariant(f, group.as_ref(), &v2, &v2)
                .unwrap_or_else(|e| panic!("{op}: {e}"));
            assert!(report.worst_residual < 1e-12, "{op}: {report:?}");
        }
    }
}

/// Each basis map as written in the docs' table, entry by entry, on a random 5 × 5 matrix.
#[test]
fn basis_operations_match_their_index_formulas() {
    let n = 5;
    let a = random_matrix(n, n, &mut StdRng::seed_from_u64(7));
    let (row, col) = (|i: usize| a.row(i).sum(), |j: usize| a.column(j).sum());
    let (tr, total) = (a.trace(), a.sum());
    let d = |i: usize, j: usize| if i == j { 1.0 } else { 0.0 };
    let formulas: [&dyn Fn(usize, usize) -> f64; 15] = [
        &|i, j| a[(i, j)],
        &|i, j| a[(j, i)],
        &|i, j| d(i, j) * a[(i, i)],
        &|i, _| a[(i, i)],
        &|_, j| a[(j, j)],
        &|i, j| d(i, j) * row(i),
        &|i, _| row(i),
        &|_, j| row(j),
        &|i, j| d(i, j) * col(i),
        &|i, _| col(i),
        &|_, j| col(j),
        &|i, j| d(i, j) * tr,
        &|_, _| tr,
        &|i, j| d(i, j) * total,
        &|_, _| total,
    ];
    for (op, formula) in basis(2, 2).unwrap().iter().zip(formulas) {
        let expected = DMatrix::from_fn(n, n, formula);
        let got = op.apply_to_matrix(&a).unwrap();
        assert!((got - expected).norm() < 1e-12, "{op}");
    }
    let names: Vec<String> = basis(2, 2)
        .unwrap()
        .iter()
        .map(|op| op.to_string())
        .collect();
    assert_eq!(names[0], "Y = A");
    assert_eq!(names[6], "Y = (A1) 1ᵀ");
    assert_eq!(names[14], "Y = 1ᵀA1 11ᵀ");
}

/// The `n^l × n^k` matrix of a basis map (its images of the standard basis vectors).
fn operator_matrix(op: &BasisOp, n: usize) -> DMatrix<f64> {
    let dim_in = n.pow(op.order_in as u32);
    op.apply(n, &DMatrix::identity(dim_in, dim_in)).unwrap()
}

/// The exact rank over `Q` of the vectorised operator matrices of `basis(k, l)` on `n` nodes.
fn basis_rank(order_in: usize, order_out: usize, n: usize) -> usize {
    let ops = basis(order_in, order_out).unwrap();
    let columns: Vec<DMatrix<f64>> = ops.iter().map(|op| operator_matrix(op, n)).collect();
    let rows = columns[0].len();
    let data: Vec<i64> = (0..rows)
        .flat_map(|r| columns.iter().map(move |m| m.as_slice()[r] as i64))
        .collect();
    rank(&qmatrix_from_i64(rows, ops.len(), &data).unwrap())
}

/// Theorem: the 15 maps are linearly independent for `n ≥ 4` (rank 15 on `n = 4, 5`) and span
/// the commutant: they lie in it (previous test) and their rank equals
/// `dim Hom_{S_n}(V⊗V, V⊗V) = (1/n!) Σ_g fix(g)^4`, computed by enumerating `S_n` — also for
/// `n = 2, 3`, where the commutant is smaller (8 and 14) and the maps dependent.
#[test]
fn the_15_operations_are_independent_and_span_the_commutant() {
    for n in [4, 5] {
        assert_eq!(commutant_dimension(n, 4), 15);
        assert_eq!(basis_rank(2, 2, n), 15);
    }
    assert_eq!(commutant_dimension(3, 4), 14);
    assert_eq!(commutant_dimension(2, 4), 8);
    for n in [2, 3] {
        assert_eq!(basis_rank(2, 2, n), commutant_dimension(n, 4));
    }
}

/// Theorem: for every pair of orders `k, l ≤ 2`, `basis(k, l)` has Bell(k+l) maps, which is
/// `dim Hom_{S_n}(V^{⊗k}, V^{⊗l}) = (1/n!) Σ_g fix(g)^{k+l}` for `n = 4, 5`, and they are
/// independent there. In particular `k = l = 1`: the equivariant linear maps of `R^n` are
/// exactly `λ I + γ 11ᵀ` (dimension 2).
#[test]
fn basis_counts_are_bell_numbers_and_commutant_dimensions() {
    assert_eq!(commutant_dimension(5, 2), 2);
    for k in 0..=2 {
        for l in 0..=2 {
            let count = basis(k, l).unwrap().len();
            assert_eq!(count, bell(k + l), "{k} → {l}");
            for n in [4, 5] {
                assert_eq!(count, commutant_dimension(n, (k + l) as u32), "{k} → {l}");
                assert_eq!(basis_rank(k, l, n), count, "{k} → {l} on n = {n}");
            }
        }
    }
}

fn random_graph_layer(k: usize, l: usize, rng: &mut StdRng) -> GraphLayer {
    let weights = (0..bell(k + l)).map(|_| random_matrix(2, 3, rng)).collect();
    let biases = (0..bell(l)).map(|_| random_vector(3, rng)).collect();
    GraphLayer::new(k, l, weights, biases, Some(Activation::Tanh)).unwrap()
}

/// Theorem: every graph layer `k → l` (`k, l ≤ 2`), with channel mixing, biases and a pointwise
/// nonlinearity, is `S_n`-equivariant; those with `l = 0` are invariant.
#[test]
fn every_graph_layer_is_equivariant() {
    let mut rng = StdRng::seed_from_u64(8);
    let (n, group) = (5usize, symmetric(5));
    for k in 0..=2 {
        for l in 0..=2 {
            let layer = random_graph_layer(k, l, &mut rng);
            let f = flat(n.pow(k as u32), |x| layer.forward(n, x).unwrap());
            let report = assert_equivariant(
                f,
                group.as_ref(),
                &order_rep(&group, k, 2),
                &order_rep(&group, l, 3),
            )
            .unwrap_or_else(|e| panic!("{k} → {l}: {e}"));
            assert!(report.worst_residual < 1e-12, "{k} → {l}: {report:?}");
        }
    }
}

/// The fast layer (reduce once, mix at the reduced size, then spread) equals the slow sum
/// `Σ_m L_m(X) W_m + biases` over the basis maps.
#[test]
fn graph_layer_equals_weighted_sum_of_basis_maps() {
    let mut rng = StdRng::seed_from_u64(9);
    let n = 6;
    let weights: Vec<_> = (0..15).map(|_| random_matrix(3, 2, &mut rng)).collect();
    let biases = vec![random_vector(2, &mut rng), random_vector(2, &mut rng)];
    let layer = GraphLayer::new(2, 2, weights.clone(), biases.clone(), None).unwrap();
    let x = random_matrix(n * n, 3, &mut rng);
    let mut expected = DMatrix::zeros(n * n, 2);
    for (op, w) in basis(2, 2).unwrap().iter().zip(&weights) {
        expected += op.apply(n, &x).unwrap() * w;
    }
    for (op, b) in basis(0, 2).unwrap().iter().zip(&biases) {
        expected += op
            .apply(n, &DMatrix::from_row_slice(1, 2, b.as_slice()))
            .unwrap();
    }
    let bias =
        DMatrix::<f64>::identity(n, n) * biases[0][0] + DMatrix::from_element(n, n, biases[1][0]);
    let got = layer.forward(n, &x).unwrap();
    assert!((&got - &expected).norm() < 1e-12);
    // With zero weights only the biases remain: b_diag I + b_const 11ᵀ in channel 0.
    let zero = vec![DMatrix::zeros(3, 2); 15];
    let bias_only = GraphLayer::new(2, 2, zero, biases, None).unwrap();
    let y = unstack_matrices(&bias_only.forward(n, &x).unwrap()).unwrap();
    assert!((&y[0] - bias).norm() < 1e-14);
}

/// Theorem (Maron et al., §5): the invariant graph network `L_{2→0} ∘ σ ∘ L_{2→2}` is
/// invariant under `A ↦ P A Pᵀ`.
#[test]
fn invariant_graph_network_is_invariant() {
    let (n, group) = (6, symmetric(6));
    let network = InvariantGraphNetwork::random(2, 4, 3, Activation::Relu, 10).unwrap();
    let f = flat(n * n, |x| {
        let y = network.forward(n, x).unwrap();
        DMatrix::from_column_slice(3, 1, y.as_slice())
    });
    let report = assert_equivariant(
        f,
        group.as_ref(),
        &order_rep(&group, 2, 2),
        &rep::multiple(&rep::trivial(&group), 3).unwrap(),
    )
    .unwrap();
    assert!(report.worst_residual < 1e-12, "{report:?}");
}

/// Bad shapes, counts, orders and values are errors, never panics.
#[test]
fn bad_input_is_an_error() {
    let mut rng = StdRng::seed_from_u64(11);
    let invalid = |r: Result<_, Error>| matches!(r, Err(Error::InvalidInput(_)));
    // Deep Sets.
    let layer = random_deep_sets_layer(Pooling::Max, &mut rng);
    assert!(invalid(
        layer.forward(&random_matrix(4, 2, &mut rng)).map(drop)
    ));
    assert!(invalid(layer.forward(&DMatrix::zeros(0, 3)).map(drop)));
    let mut nan = random_matrix(4, 3, &mut rng);
    nan[(1, 1)] = f64::NAN;
    assert!(invalid(layer.forward(&nan).map(drop)));
    assert!(invalid(
        layer
            .forward_batch(&[random_matrix(2, 3, &mut rng), nan])
            .map(drop)
    ));
    let (l34, g43) = (random_matrix(3, 4, &mut rng), random_matrix(4, 3, &mut rng));
    let beta = random_vector(4, &mut rng);
    assert!(invalid(
        DeepSetsLayer::new(l34.clone(), g43, beta.clone(), Pooling::Sum, None).map(drop)
    ));
    assert!(invalid(
        DeepSetsLayer::new(
            l34.clone(),
            l34.clone(),
            random_vector(3, &mut rng),
            Pooling::Sum,
            None
        )
        .map(drop)
    ));
    assert!(invalid(Mlp::random(&[3], Activation::Relu, 0).map(drop)));
    let mismatched = vec![Dense::random(3, 4, None, 0), Dense::random(5, 2, None, 1)];
    assert!(invalid(Mlp::new(mismatched).map(drop)));
    let model = DeepSetsInvariant::random(3, 4, 2, Pooling::Sum, Activation::Relu, 0).unwrap();
    assert!(invalid(
        model.forward(&random_matrix(4, 5, &mut rng)).map(drop)
    ));
    assert!(invalid(
        Dense::random(3, 4, None, 0)
            .forward(&random_matrix(2, 2, &mut rng))
            .map(drop)
    ));
    // Graph layers.
    assert!(matches!(basis(3, 2), Err(Error::Unsupported(_))));
    let graph = random_graph_layer(2, 2, &mut rng);
    assert!(invalid(
        graph.forward(4, &random_matrix(15, 2, &mut rng)).map(drop)
    ));
    assert!(invalid(
        graph.forward(4, &random_matrix(16, 3, &mut rng)).map(drop)
    ));
    assert!(invalid(
        graph.forward(0, &random_matrix(0, 2, &mut rng)).map(drop)
    ));
    assert!(invalid(
        GraphLayer::new(2, 2, vec![random_matrix(2, 3, &mut rng); 14], vec![], None).map(drop)
    ));
    let mut weights = vec![random_matrix(2, 3, &mut rng); 15];
    weights[7] = random_matrix(3, 3, &mut rng);
    let biases = vec![random_vector(3, &mut rng); 2];
    assert!(invalid(
        GraphLayer::new(2, 2, weights, biases, None).map(drop)
    ));
    let op = basis(2, 2).unwrap()[0];
    assert!(invalid(
        op.apply_to_matrix(&random_matrix(3, 4, &mut rng)).map(drop)
    ));
    assert!(invalid(
        basis(1, 2).unwrap()[0]
            .apply_to_matrix(&DMatrix::zeros(3, 3))
            .map(drop)
    ));
    let wrong = BasisOp {
        order_in: 1,
        order_out: 2,
        reduce: Reduce::Transpose,
        spread: Spread::Rows,
    };
    assert!(invalid(wrong.apply(3, &DMatrix::zeros(3, 1)).map(drop)));
    assert!(invalid(stack_matrices(&[]).map(drop)));
    assert!(invalid(unstack_matrices(&DMatrix::zeros(5, 1)).map(drop)));
    let hidden = GraphLayer::random(2, 2, 1, 4, Some(Activation::Relu), 0).unwrap();
    let readout = GraphLayer::random(2, 1, 4, 1, None, 0).unwrap();
    assert!(invalid(
        InvariantGraphNetwork::new(hidden, readout).map(drop)
    ));
    // Too large: a 2 → 2 layer on 10⁵ nodes would need 80 GB per channel.
    let big = GraphLayer::random(0, 2, 1, 1, None, 0).unwrap();
    assert!(matches!(
        big.forward(100_000, &DMatrix::zeros(1, 1)),
        Err(Error::TooLarge { .. })
    ));
}

/// `stack_matrices` reads each matrix row by row (`x[i·n + j] = A_ij`) and `unstack_matrices`
/// inverts it, so one channel is acted on by `P ⊗ P` exactly as `A ↦ P A Pᵀ`.
#[test]
fn stacking_matches_the_kronecker_action() {
    let mut rng = StdRng::seed_from_u64(12);
    let group = symmetric(4);
    let a = random_matrix(4, 4, &mut rng);
    let x = stack_matrices(std::slice::from_ref(&a)).unwrap();
    assert_eq!(x[(4 + 2, 0)], a[(1, 2)]);
    assert_eq!(unstack_matrices(&x).unwrap(), vec![a.clone()]);
    let v2 = order_rep(&group, 2, 1);
    for g in equivariant::testing::random_elements(group.as_ref(), 5, 1).unwrap() {
        let p = rep::defining(&group).matrix(&g);
        let acted = unstack_matrices(&(v2.matrix(&g) * &x)).unwrap();
        assert!((&acted[0] - &p * &a * p.transpose()).norm() < 1e-14);
    }
}

/// The row maps used as `φ`, `ρ` act row by row: a dense layer on a stacked matrix is the
/// layer on each row.
#[test]
fn dense_layers_act_row_by_row() {
    let mut rng = StdRng::seed_from_u64(13);
    let mlp = Mlp::random(&[3, 5, 2], Activation::Tanh, 4).unwrap();
    let x = random_matrix(6, 3, &mut rng);
    let y = mlp.forward(&x).unwrap();
    for i in 0..6 {
        let yi = mlp.forward(&x.rows(i, 1).into_owned()).unwrap();
        assert!((y.row(i) - yi.row(0)).norm() < 1e-14);
    }
    assert_eq!((mlp.input_dim(), mlp.output_dim()), (3, 2));
}

/// The set-partition layer of any order `k → l` is equivariant: permuting the nodes of the
/// input tensor permutes the output tensor the same way (here `3 → 1`, `1 → 3` and `2 → 2`).
#[test]
fn set_partition_layers_of_any_order_are_equivariant() {
    use equivariant::nn::tensor_layer::TensorLayer;
    use rand::{RngExt, SeedableRng};
    let n = 4;
    let mut rng = rand::rngs::StdRng::seed_from_u64(8);
    let perm: Vec<usize> = vec![2, 0, 3, 1];
    let permute = |x: &nalgebra::DMatrix<f64>, order: u32| {
        let mut out = x.clone();
        for row in 0..x.nrows() {
            let (mut rest, mut image, mut scale) = (row, 0, 1);
            for _ in 0..order {
                image += perm[rest % n] * scale;
                rest /= n;
                scale *= n;
            }
            out.set_row(image, &x.row(row));
        }
        out
    };
    for (k, l) in [(3u32, 1u32), (1, 3), (2, 2)] {
        let layer = TensorLayer::random(n, k as usize, l as usize, 2, 3, 1).unwrap();
        assert_eq!(layer.basis_len(), [0, 1, 2, 5, 15][(k + l) as usize]);
        let x = nalgebra::DMatrix::from_fn(n.pow(k), 2, |_, _| rng.random::<f64>() - 0.5);
        let y = layer.forward(&x).unwrap();
        let y_of_permuted = layer.forward(&permute(&x, k)).unwrap();
        assert!((y_of_permuted - permute(&y, l)).amax() < 1e-12, "{k} → {l}");
    }
    assert!(TensorLayer::new(4, 2, 2, 1, 1, vec![0.0; 3]).is_err());
}
