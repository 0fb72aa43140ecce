//! Tensor-field-network layers on point clouds: equivariance under `O(3)`, translations and
//! permutations, the neighbour search, the radial bases, and refusal of bad input.
//! theory/point-clouds.md names the test behind each claim.

use equivariant::Error;
use equivariant::group::Rotation;
use equivariant::nn::point_cloud::{
    Activation, Gate, InvariantReadout, NormActivation, RadialBasis, RadiusGraph, ReadoutSource,
    Reduction, SelfInteraction, TensorFieldNetwork, TfnConfig, TfnConvolution,
};
use equivariant::so3::irreps::Irreps;
use equivariant::so3::wigner_d::wigner_d_real;
use nalgebra::{DMatrix, DVector};
use rand::{RngExt, SeedableRng, rngs::StdRng};

/// An element `g = s·R` of `O(3)`: a rotation and whether it is composed with `−I`.
#[derive(Clone, Copy, Debug)]
struct O3 {
    rotation: Rotation,
    inverted: bool,
}

impl O3 {
    fn random(rng: &mut StdRng, inverted: bool) -> O3 {
        O3 {
            rotation: Rotation::random(rng),
            inverted,
        }
    }

    fn inversion() -> O3 {
        O3 {
            rotation: Rotation::identity(),
            inverted: true,
        }
    }

    fn sign(&self) -> f64 {
        if self.inverted { -1.0 } else { 1.0 }
    }

    /// `x ↦ s R x` on every point.
    fn positions(&self, xs: &[[f64; 3]]) -> Vec<[f64; 3]> {
        xs.iter()
            .map(|&x| self.rotation.apply(x).map(|c| self.sign() * c))
            .collect()
    }

    /// The block-diagonal `D(g)` of an irreps string: `D_real^l(R)` for every copy, times
    /// the parity sign `p` of the copy when `g` contains the inversion.
    fn matrix(&self, irreps: &Irreps) -> DMatrix<f64> {
        let (alpha, beta, gamma) = self.rotation.to_euler_zyz();
        let mut d = DMatrix::zeros(irreps.dim(), irreps.dim());
        let mut offset = 0;
        for irrep in irreps.copies() {
            let sign = if self.inverted {
                irrep.parity.sign()
            } else {
                1.0
            };
            let block = wigner_d_real(irrep.l, alpha, beta, gamma).unwrap() * sign;
            d.view_mut((offset, offset), (irrep.dim(), irrep.dim()))
                .copy_from(&block);
            offset += irrep.dim();
        }
        d
    }

    /// `D(g)` applied to the features `[N][dim]` of every point.
    fn features(&self, irreps: &Irreps, features: &[f64]) -> Vec<f64> {
        act(&self.matrix(irreps), features)
    }
}

fn act(d: &DMatrix<f64>, features: &[f64]) -> Vec<f64> {
    features
        .chunks(d.ncols())
        .flat_map(|f| {
            (d * DVector::from_column_slice(f))
                .iter()
                .copied()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `max |a − b| / max(1, max |b|)`.
fn residual(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let scale = b.iter().fold(1.0f64, |m, x| m.max(x.abs()));
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
        / scale
}

fn random_cloud(rng: &mut StdRng, n: usize, side: f64) -> Vec<[f64; 3]> {
    (0..n)
        .map(|_| [0, 1, 2].map(|_| side * (rng.random::<f64>() - 0.5)))
        .collect()
}

fn random_features(rng: &mut StdRng, n: usize, irreps: &Irreps) -> Vec<f64> {
    (0..n * irreps.dim())
        .map(|_| 2.0 * rng.random::<f64>() - 1.0)
        .collect()
}

fn irreps(text: &str) -> Irreps {
    text.parse().unwrap()
}

/// A convolution with every parity and degrees up to 2 in, harmonics and outputs up to 3.
/// The relative defect `conv(g·x, g·f)` against `g·conv(x, f)` (`out = conv(x, f)`).
fn convolution_defect(
    conv: &TfnConvolution,
    xs: &[[f64; 3]],
    f: &[f64],
    out: &[f64],
    g: &O3,
) -> f64 {
    let moved = conv
        .forward(&g.positions(xs), &g.features(conv.irreps_in(), f))
        .unwrap();
    residual(&moved, &g.features(conv.irreps_out(), out))
}

fn random_convolution(rng: &mut StdRng) -> TfnConvolution {
    let radial = RadialBasis::bessel(6, 1.6).unwrap();
    let mut conv = TfnConvolution::new(&irreps("3x0e+1x0o+2x1o+1x1e+2x2e"), 3, 3, radial).unwrap();
    conv.randomize_weights(rng, 1.0);
    conv
}

fn permuted<T: Clone>(items: &[T], width: usize, perm: &[usize]) -> Vec<T> {
    perm.iter()
        .flat_map(|&p| items[p * width..(p + 1) * width].iter().cloned())
        .collect()
}

fn random_permutation(rng: &mut StdRng, n: usize) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        perm.swap(i, rng.random_range(0..=i));
    }
    perm
}

/// Theorem: `conv(R x, D(R) f) = D(R) conv(x, f)` for rotations `R`.
#[test]
fn convolution_is_equivariant_under_rotations() {
    let mut rng = StdRng::seed_from_u64(1);
    let conv = random_convolution(&mut rng);
    let xs = random_cloud(&mut rng, 60, 3.0);
    let f = random_features(&mut rng, 60, conv.irreps_in());
    let out = conv.forward(&xs, &f).unwrap();
    assert!(
        out.iter().any(|&x| x.abs() > 0.1),
        "the test needs a non-trivial output"
    );
    for _ in 0..5 {
        let g = O3::random(&mut rng, false);
        let defect = convolution_defect(&conv, &xs, &f, &out, &g);
        assert!(defect < 1e-10, "{defect}");
    }
}

/// Theorem: under `x ↦ −x` each input block picks up its parity `p_f`, each output block
/// `p_f (−1)^{l_Y}`, and the convolution commutes with these signs; likewise for every
/// improper `−R`.
#[test]
fn convolution_is_equivariant_under_inversion() {
    let mut rng = StdRng::seed_from_u64(2);
    let conv = random_convolution(&mut rng);
    let xs = random_cloud(&mut rng, 60, 3.0);
    let f = random_features(&mut rng, 60, conv.irreps_in());
    let out = conv.forward(&xs, &f).unwrap();
    let mut elements = vec![O3::inversion()];
    elements.extend((0..3).map(|_| O3::random(&mut rng, true)));
    for g in elements {
        let defect = convolution_defect(&conv, &xs, &f, &out, &g);
        assert!(defect < 1e-10, "{defect}");
    }
    let odd_output = conv.irreps_out().copies().any(|ir| ir.parity.sign() < 0.0);
    assert!(odd_output, "the test needs outputs of both parities");
}

/// Theorem: `conv(x + t, f) = conv(x, f)`: only `r_ij = x_j − x_i` enters.
#[test]
fn convolution_is_invariant_under_translations() {
    let mut rng = StdRng::seed_from_u64(3);
    let conv = random_convolution(&mut rng);
    let xs = random_cloud(&mut rng, 60, 3.0);
    let f = random_features(&mut rng, 60, conv.irreps_in());
    let out = conv.forward(&xs, &f).unwrap();
    for t in [[0.5, -0.25, 0.125], [10.0, 20.0, -30.0]] {
        let shifted: Vec<[f64; 3]> = xs
            .iter()
            .map(|x| [x[0] + t[0], x[1] + t[1], x[2] + t[2]])
            .collect();
        let moved = conv.forward(&shifted, &f).unwrap();
        assert!(residual(&moved, &out) < 1e-10, "{}", residual(&moved, &out));
    }
}

/// Theorem: relabelling the points by `π` relabels the output by `π`.
#[test]
fn convolution_is_equivariant_under_permutations() {
    let mut rng = StdRng::seed_from_u64(4);
    let conv = random_convolution(&mut rng);
    let n = 60;
    let xs = random_cloud(&mut rng, n, 3.0);
    let f = random_features(&mut rng, n, conv.irreps_in());
    let out = conv.forward(&xs, &f).unwrap();
    let perm = random_permutation(&mut rng, n);
    let moved = conv
        .forward(
            &permuted(&xs, 1, &perm),
            &permuted(&f, conv.irreps_in().dim(), &perm),
        )
        .unwrap();
    let expected = permuted(&out, conv.irreps_out().dim(), &perm);
    assert!(residual(&moved, &expected) < 1e-12);
}

/// Theorem: coincident points (`r_ij = 0`, where `Y_l = 0` for `l > 0`) keep the
/// convolution finite and equivariant.
#[test]
fn coincident_points_keep_the_convolution_equivariant() {
    let mut rng = StdRng::seed_from_u64(5);
    let conv = random_convolution(&mut rng);
    let mut xs = random_cloud(&mut rng, 30, 2.0);
    xs[7] = xs[3];
    xs[8] = xs[3];
    let f = random_features(&mut rng, 30, conv.irreps_in());
    let out = conv.forward(&xs, &f).unwrap();
    assert!(out.iter().all(|x| x.is_finite()));
    let g = O3::random(&mut rng, true);
    assert!(convolution_defect(&conv, &xs, &f, &out, &g) < 1e-10);
}

/// Theorem: with `f` in `0e` and only `l_Y = 0`, the convolution is the radial scalar
/// convolution `f'_{i,u} = Σ_{j ≠ i, |r_ij| ≤ r_c} Σ_b w_{u,b} B_b(|r_ij|) f_{j,u}`.
#[test]
fn scalar_path_is_a_radial_convolution() {
    let mut rng = StdRng::seed_from_u64(6);
    for radial in [
        RadialBasis::bessel(5, 1.2).unwrap(),
        RadialBasis::gaussian(7, 1.2).unwrap(),
    ] {
        let mut conv = TfnConvolution::new(&irreps("3x0e"), 0, 0, radial).unwrap();
        conv.randomize_weights(&mut rng, 1.0);
        assert_eq!(conv.irreps_out(), &irreps("3x0e"));
        let n = 40;
        let xs = random_cloud(&mut rng, n, 2.5);
        let f = random_features(&mut rng, n, &irreps("3x0e"));
        let out = conv.forward(&xs, &f).unwrap();
        let w = conv.weights();
        let mut direct = vec![0.0; n * 3];
        for i in 0..n {
            for j in (0..n).filter(|&j| j != i) {
                let r = (0..3)
                    .map(|a| (xs[j][a] - xs[i][a]).powi(2))
                    .sum::<f64>()
                    .sqrt();
                if r > radial.cutoff() {
                    continue;
                }
                let b = radial.evaluate(r).unwrap();
                for u in 0..3 {
                    let weight: f64 = (0..b.len()).map(|k| w[u * b.len() + k] * b[k]).sum();
                    direct[i * 3 + u] += weight * f[j * 3 + u];
                }
            }
        }
        assert!(
            residual(&out, &direct) < 1e-12,
            "{}",
            residual(&out, &direct)
        );
    }
}

/// The `O(N²)` reference: every ordered pair `i ≠ j` with `‖x_j − x_i‖² ≤ r²`.
fn brute_force(xs: &[[f64; 3]], radius: f64) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for i in 0..xs.len() {
        for j in (0..xs.len()).filter(|&j| j != i) {
            let d: f64 = (0..3).map(|a| (xs[j][a] - xs[i][a]).powi(2)).sum();
            if d <= radius * radius {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

fn graph_pairs(xs: &[[f64; 3]], radius: f64) -> Vec<(usize, usize)> {
    let graph = RadiusGraph::new(xs, radius).unwrap();
    for e in graph.edges() {
        assert_eq!(e.r, [0, 1, 2].map(|a| xs[e.j][a] - xs[e.i][a]));
    }
    graph.edges().iter().map(|e| (e.i, e.j)).collect()
}

/// Theorem: the cell list finds exactly the brute-force edges, the radius being inclusive
/// (lattice points at exactly the radius are neighbours).
#[test]
fn neighbour_search_equals_brute_force() {
    let mut rng = StdRng::seed_from_u64(7);
    for (n, side, radius) in [
        (200, 4.0, 0.7),
        (300, 10.0, 1.5),
        (50, 1.0, 3.0),
        (1, 1.0, 1.0),
        (0, 1.0, 1.0),
    ] {
        let xs = random_cloud(&mut rng, n, side);
        assert_eq!(graph_pairs(&xs, radius), brute_force(&xs, radius));
    }
    // An integer lattice: with r = 1 the six axis neighbours sit exactly at the radius.
    let lattice: Vec<[f64; 3]> = (0..64)
        .map(|k| [(k % 4) as f64, ((k / 4) % 4) as f64, (k / 16) as f64])
        .collect();
    for radius in [1.0, 2f64.sqrt(), 2.0] {
        let pairs = graph_pairs(&lattice, radius);
        assert_eq!(pairs, brute_force(&lattice, radius));
        assert!(pairs.contains(&(0, 1)) && pairs.contains(&(1, 0)));
    }
    // (3, 4, 0) is at distance exactly 5, and a cloud far from the origin.
    assert_eq!(
        graph_pairs(&[[0.0; 3], [3.0, 4.0, 0.0]], 5.0),
        vec![(0, 1), (1, 0)]
    );
    let far: Vec<[f64; 3]> = random_cloud(&mut rng, 100, 3.0)
        .into_iter()
        .map(|x| [x[0] + 1e6, x[1] - 1e6, x[2]])
        .collect();
    assert_eq!(graph_pairs(&far, 0.9), brute_force(&far, 0.9));
}

/// Theorem: the radial bases and their first two derivatives vanish at the cutoff (the
/// envelope behaves like `(1 − r/r_c)³`), and they are `0` beyond it.
#[test]
fn radial_bases_vanish_smoothly_at_the_cutoff() {
    let cutoff = 2.0;
    for basis in [
        RadialBasis::bessel(8, cutoff).unwrap(),
        RadialBasis::gaussian(8, cutoff).unwrap(),
    ] {
        assert_eq!(basis.evaluate(cutoff).unwrap(), vec![0.0; 8]);
        assert_eq!(basis.evaluate(cutoff * 1.5).unwrap(), vec![0.0; 8]);
        let at = |h: f64| basis.evaluate(cutoff - h).unwrap();
        let (coarse, fine) = (at(1e-2), at(1e-3));
        for b in 0..8 {
            // Third-order zero: shrinking h tenfold shrinks the value about a thousandfold
            // (at least 500-fold), so the value, slope and curvature all tend to 0.
            assert!(
                fine[b].abs() * 500.0 <= coarse[b].abs() + 1e-300,
                "{b}: {} {}",
                fine[b],
                coarse[b]
            );
            assert!(fine[b].abs() < 1e-6);
        }
        assert!(
            basis
                .evaluate(0.0)
                .unwrap()
                .iter()
                .all(|v| v.is_finite() && v.abs() > 0.0)
        );
    }
    // The Bessel basis is √(2/r_c) sin(bπ r/r_c)/r · u(r/r_c), with the envelope
    // u(d) = 1 − 28 d⁶ + 48 d⁷ − 21 d⁸.
    let many = RadialBasis::bessel(32, cutoff).unwrap();
    for r in [1e-3, 0.1, 0.77, 1.5, 1.999] {
        let d: f64 = r / cutoff;
        let envelope = 1.0 - 28.0 * d.powi(6) + 48.0 * d.powi(7) - 21.0 * d.powi(8);
        for (b, value) in many.evaluate(r).unwrap().into_iter().enumerate() {
            let k = (b + 1) as f64 * std::f64::consts::PI / cutoff;
            let expected = (2.0 / cutoff).sqrt() * (k * r).sin() / r * envelope;
            assert!(
                (value - expected).abs() < 1e-12 * (1.0 + expected.abs()),
                "{r} {b}"
            );
        }
    }
    // The Bessel basis is finite at r = 0, with the limit √(2/r_c) bπ/r_c.
    let bessel = RadialBasis::bessel(3, cutoff).unwrap();
    let (zero, near) = (
        bessel.evaluate(0.0).unwrap(),
        bessel.evaluate(1e-7).unwrap(),
    );
    for b in 0..3 {
        let limit = (2.0 / cutoff).sqrt() * (b + 1) as f64 * std::f64::consts::PI / cutoff;
        assert!((zero[b] - limit).abs() < 1e-12 && (near[b] - limit).abs() < 1e-9);
    }
}

/// Theorem: the gate commutes with `D(g)` for every `g ∈ O(3)` (gates and scalars are
/// invariant; odd scalars go through the odd `tanh`).
#[test]
fn gate_is_equivariant() {
    let mut rng = StdRng::seed_from_u64(8);
    let gate = Gate::new(&irreps("3x0e+2x0o"), &irreps("2x1o+1x1e+2x2e+1x3o+1x0o")).unwrap();
    let f = random_features(&mut rng, 10, gate.irreps_in());
    let out = gate.forward(&f).unwrap();
    for inverted in [false, true] {
        let g = O3::random(&mut rng, inverted);
        let moved = gate.forward(&g.features(gate.irreps_in(), &f)).unwrap();
        assert!(residual(&moved, &g.features(gate.irreps_out(), &out)) < 1e-13);
    }
}

/// Theorem: `f ↦ σ(‖f‖ + b) f/‖f‖` commutes with `D(g)` for every `g ∈ O(3)`, and maps `0`
/// to `0`.
#[test]
fn norm_activation_is_equivariant() {
    let mut rng = StdRng::seed_from_u64(9);
    let ir = irreps("2x0e+1x0o+2x1o+1x1e+1x2e");
    let biases: Vec<f64> = (0..ir.num_irreps())
        .map(|_| rng.random::<f64>() - 0.5)
        .collect();
    for activation in [
        Activation::Relu,
        Activation::Silu,
        Activation::Sigmoid,
        Activation::Tanh,
    ] {
        let norm = NormActivation::new(&ir, activation, biases.clone()).unwrap();
        let f = random_features(&mut rng, 10, &ir);
        let out = norm.forward(&f).unwrap();
        for inverted in [false, true] {
            let g = O3::random(&mut rng, inverted);
            let moved = norm.forward(&g.features(&ir, &f)).unwrap();
            assert!(residual(&moved, &g.features(&ir, &out)) < 1e-13);
        }
        assert_eq!(
            norm.forward(&vec![0.0; ir.dim()]).unwrap(),
            vec![0.0; ir.dim()]
        );
    }
}

/// Theorem: the self-interaction (channel mixing within each irrep) commutes with `D(g)`.
#[test]
fn self_interaction_is_equivariant() {
    let mut rng = StdRng::seed_from_u64(10);
    let (from, to) = (
        irreps("2x0e+3x1o+1x1o+2x2e+1x0o"),
        irreps("4x1o+1x0e+3x2e+2x0o"),
    );
    let mut mix = SelfInteraction::new(&from, &to).unwrap();
    mix.randomize_weights(&mut rng);
    let f = random_features(&mut rng, 10, &from);
    let out = mix.forward(&f).unwrap();
    let g = O3::random(&mut rng, true);
    let moved = mix.forward(&g.features(&from, &f)).unwrap();
    assert!(residual(&moved, &g.features(&to, &out)) < 1e-13);
}

/// Theorem: the readouts (sums and means of `0e` channels or of norms) are invariant under
/// `O(3)` acting on the features and under permutations of the points.
#[test]
fn readout_is_invariant() {
    let mut rng = StdRng::seed_from_u64(11);
    let ir = irreps("3x0e+2x0o+2x1o+1x2e");
    let n = 12;
    let f = random_features(&mut rng, n, &ir);
    let perm = random_permutation(&mut rng, n);
    for source in [ReadoutSource::Scalars, ReadoutSource::Norms] {
        for reduction in [Reduction::Sum, Reduction::Mean] {
            let readout = InvariantReadout::new(&ir, source, reduction).unwrap();
            let out = readout.forward(&f).unwrap();
            assert_eq!(
                out.len(),
                if source == ReadoutSource::Scalars {
                    3
                } else {
                    8
                }
            );
            for inverted in [false, true] {
                let g = O3::random(&mut rng, inverted);
                let moved = readout.forward(&g.features(&ir, &f)).unwrap();
                assert!(residual(&moved, &out) < 1e-13);
            }
            let shuffled = readout.forward(&permuted(&f, ir.dim(), &perm)).unwrap();
            assert!(residual(&shuffled, &out) < 1e-13);
        }
    }
}

fn small_network() -> (TensorFieldNetwork, Irreps) {
    let config = TfnConfig {
        irreps_in: irreps("2x0e"),
        sh_lmax: 2,
        radial: RadialBasis::bessel(8, 1.5).unwrap(),
        hidden_scalars: 8,
        hidden_gated: irreps("4x1o+2x2e"),
        num_outputs: 3,
        expected_neighbours: 10.0,
    };
    (
        TensorFieldNetwork::new(&config, 42).unwrap(),
        config.irreps_in,
    )
}

/// Theorem: the two-layer network (conv → gate → conv → readout) is invariant under
/// `O(3)`, translations and permutations of the points, and deterministic given its seed.
#[test]
fn network_output_is_invariant_under_e3_and_permutations() {
    let mut rng = StdRng::seed_from_u64(12);
    let (net, ir) = small_network();
    let n = 50;
    let xs = random_cloud(&mut rng, n, 3.0);
    let f = random_features(&mut rng, n, &ir);
    let out = net.forward(&xs, &f).unwrap();
    assert!(out.iter().any(|x| x.abs() > 1e-3));
    assert_eq!(small_network().0.forward(&xs, &f).unwrap(), out);
    for inverted in [false, true] {
        let g = O3::random(&mut rng, inverted);
        let moved: Vec<[f64; 3]> = g
            .positions(&xs)
            .iter()
            .map(|x| [x[0] + 3.0, x[1] - 1.0, x[2] + 0.5])
            .collect();
        let got = net.forward(&moved, &f).unwrap();
        assert!(residual(&got, &out) < 1e-10, "{}", residual(&got, &out));
    }
    let perm = random_permutation(&mut rng, n);
    let got = net
        .forward(&permuted(&xs, 1, &perm), &permuted(&f, ir.dim(), &perm))
        .unwrap();
    assert!(residual(&got, &out) < 1e-12);
}

fn is_invalid<T: std::fmt::Debug>(result: equivariant::Result<T>) -> bool {
    matches!(result, Err(Error::InvalidInput(_)))
}

/// Theorem (contract): bad input is an error, never a panic.
#[test]
fn bad_input_is_refused() {
    let mut rng = StdRng::seed_from_u64(13);
    let conv = random_convolution(&mut rng);
    let xs = random_cloud(&mut rng, 5, 1.0);
    let f = random_features(&mut rng, 5, conv.irreps_in());
    let mut nan = xs.clone();
    nan[2][1] = f64::NAN;
    assert!(is_invalid(conv.forward(&nan, &f)));
    assert!(is_invalid(conv.forward(&xs, &f[1..])));
    let mut bad_f = f.clone();
    bad_f[0] = f64::INFINITY;
    assert!(is_invalid(conv.forward(&xs, &bad_f)));
    for radius in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(is_invalid(RadiusGraph::new(&xs, radius)));
        assert!(is_invalid(RadialBasis::bessel(4, radius)));
    }
    assert!(is_invalid(RadialBasis::gaussian(0, 1.0)));
    assert!(is_invalid(
        RadialBasis::bessel(4, 1.0).unwrap().evaluate(-0.5)
    ));
    let small_graph = RadiusGraph::new(&xs, 0.5).unwrap();
    assert!(is_invalid(conv.forward_graph(&small_graph, &f)));
    assert!(is_invalid(Gate::new(&irreps("1x1o"), &irreps("1x1o"))));
    assert!(is_invalid(SelfInteraction::new(
        &irreps("1x0e"),
        &irreps("1x1o")
    )));
    assert!(is_invalid(NormActivation::new(
        &irreps("2x1o"),
        Activation::Relu,
        vec![0.0]
    )));
    assert!(is_invalid(InvariantReadout::new(
        &irreps("1x1o+1x0o"),
        ReadoutSource::Scalars,
        Reduction::Sum
    )));
    let readout =
        InvariantReadout::new(&irreps("1x0e"), ReadoutSource::Scalars, Reduction::Mean).unwrap();
    assert!(is_invalid(readout.forward(&[])));
    let gate = Gate::new(&irreps("1x0e"), &irreps("1x1o")).unwrap();
    assert!(is_invalid(gate.forward(&[0.5; 7])));
    let mut weights = conv.weights().to_vec();
    weights[0] = f64::NAN;
    assert!(is_invalid(conv.clone().set_weights(&weights)));
    assert!(is_invalid(conv.clone().set_weights(&weights[1..])));
    let radial = RadialBasis::bessel(2, 1.0).unwrap();
    assert!(matches!(
        TfnConvolution::new(&irreps("1x40e"), 1, 1, radial),
        Err(Error::TooLarge { .. })
    ));
    assert!(is_invalid(TfnConvolution::new(
        &irreps("1x3e"),
        1,
        1,
        radial
    )));
}
