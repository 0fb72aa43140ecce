//! Deep Sets: permutation-invariant and permutation-equivariant layers on sets.
//!
//! A set of `n` elements with `c` features each is a matrix `X ∈ R^{n×c}`, one row per element
//! (a `DMatrix`, column-major, so its storage is the channel-major vector of
//! `c · V = V ⊕ … ⊕ V`, the representation `rep::multiple(&rep::defining(S_n), c)`).
//! `S_n` acts by permuting rows, `X ↦ P X`.
//!
//! * [`DeepSetsLayer`], the equivariant layer
//!   `X ↦ σ(X Λ + 1 pool(X) Γ + 1 βᵀ)` with `Λ, Γ ∈ R^{c_in×c_out}`, `β ∈ R^{c_out}` and
//!   `pool(X) ∈ R^{1×c_in}` the column sums `1ᵀX` ([`Pooling::Sum`]), the column means
//!   `1ᵀX / n` ([`Pooling::Mean`]) or the column maxima ([`Pooling::Max`]). With one channel and
//!   sum pooling this is Zaheer et al.'s `σ(λ x + γ (1ᵀx) 1)`; the max-pooling variant is their
//!   `σ(λ x + γ max(x) 1)`.
//! * [`DeepSetsInvariant`], the invariant model `ρ(pool_i φ(x_i))` (Zaheer et al., Theorem 2:
//!   every continuous invariant function of a set of bounded size has this form with sum
//!   pooling), with `φ` and `ρ` small [`Mlp`]s or any user-supplied [`RowMap`].
//! * [`Dense`] and [`Mlp`], a minimal dense layer (seeded Gaussian initialisation) applied to
//!   each row independently.
//!
//! Every linear `S_n`-equivariant map `R^n → R^n` is `λ I + γ 1 1ᵀ` (the commutant of the
//! permutation representation is 2-dimensional), so with `c` channels the sum layer's linear
//! part is the most general equivariant linear map `c_in V → c_out V`.
//!
//! ```
//! use equivariant::nn::deep_sets::{DeepSetsLayer, Pooling};
//! use nalgebra::{DMatrix, DVector};
//!
//! // One channel, σ = identity: x ↦ 2x + 3 (1ᵀx) 1.
//! let lambda = DMatrix::from_element(1, 1, 2.0);
//! let gamma = DMatrix::from_element(1, 1, 3.0);
//! let layer = DeepSetsLayer::new(lambda, gamma, DVector::zeros(1), Pooling::Sum, None).unwrap();
//! let x = DMatrix::from_column_slice(3, 1, &[1.0, 2.0, 3.0]);
//! assert_eq!(layer.forward(&x).unwrap().as_slice(), &[20.0, 22.0, 24.0]);
//! ```
//!
//! Reference: Zaheer et al., "Deep Sets", NeurIPS 2017, arXiv:1703.06114 (Theorem 2, Lemma 3
//! and §2.3). Theory and the tests behind each claim: `theory/deep-sets-and-graphs.md`.

use nalgebra::{DMatrix, DVector, RowDVector};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

use crate::nn::point_cloud::Activation;
use crate::{Error, Result};

/// How a set is summarised over its elements, channel by channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pooling {
    /// `Σ_i x_i` (the empty set sums to `0`).
    Sum,
    /// `(1/n) Σ_i x_i` (refused for the empty set).
    Mean,
    /// `max_i x_i` per channel (refused for the empty set).
    Max,
}

impl Pooling {
    /// The pooled row `pool(X) ∈ R^{1×c}` over the rows of `X ∈ R^{n×c}`; invariant under
    /// every row permutation. [`Error::InvalidInput`] for an empty set with mean or max pooling.
    pub fn pool(self, x: &DMatrix<f64>) -> Result<RowDVector<f64>> {
        if x.nrows() == 0 && self != Pooling::Sum {
            return Err(Error::InvalidInput(format!(
                "{self:?} pooling of an empty set is undefined"
            )));
        }
        Ok(match self {
            Pooling::Sum => x.row_sum(),
            Pooling::Mean => x.row_mean(),
            Pooling::Max => RowDVector::from_iterator(x.ncols(), x.column_iter().map(|c| c.max())),
        })
    }
}

/// [`Error::InvalidInput`] unless every entry is finite.
pub(crate) fn check_finite(what: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(k) => Err(Error::InvalidInput(format!(
            "{what} must be finite, entry {k} is {}",
            values[k]
        ))),
    }
}

/// [`Error::InvalidInput`] unless `x` has shape `rows × cols`.
pub(crate) fn check_shape(what: &str, x: &DMatrix<f64>, rows: usize, cols: usize) -> Result<()> {
    if x.shape() != (rows, cols) {
        return Err(Error::InvalidInput(format!(
            "{what} must be {rows}×{cols}, got {}×{}",
            x.nrows(),
            x.ncols()
        )));
    }
    Ok(())
}

/// [`Error::InvalidInput`] unless the bias has `c_out` finite entries.
pub(crate) fn check_bias(what: &str, bias: &DVector<f64>, c_out: usize) -> Result<()> {
    if bias.len() != c_out {
        return Err(Error::InvalidInput(format!(
            "{what} has {} entries, the weights {c_out} output channels",
            bias.len()
        )));
    }
    check_finite(what, bias.as_slice())
}

/// A `rows × cols` matrix of independent `N(0, 1/fan_in)` entries (`fan_in ≥ 1`).
pub(crate) fn gaussian(rows: usize, cols: usize, fan_in: usize, rng: &mut StdRng) -> DMatrix<f64> {
    let scale = 1.0 / (fan_in.max(1) as f64).sqrt();
    DMatrix::from_fn(rows, cols, |_, _| {
        let z: f64 = StandardNormal.sample(&mut *rng);
        scale * z
    })
}

/// `Y + 1 rᵀ`: adds `r_j` to column `j` (to every row), column by column (contiguous).
fn add_to_rows<'a>(mut y: DMatrix<f64>, r: impl Iterator<Item = &'a f64>) -> DMatrix<f64> {
    for (mut column, v) in y.column_iter_mut().zip(r) {
        column.add_scalar_mut(*v);
    }
    y
}

/// Applies the activation entrywise (`None`: the identity).
pub(crate) fn activate(activation: Option<Activation>, mut x: DMatrix<f64>) -> DMatrix<f64> {
    if let Some(a) = activation {
        x.apply(|v| *v = a.apply(*v));
    }
    x
}

/// A map applied to each row of a matrix independently (`R^{n×a} → R^{n×b}`), such as `φ`
/// and `ρ` of the invariant model. Implemented by [`Dense`], [`Mlp`] and by every closure
/// `Fn(&DMatrix<f64>) -> Result<DMatrix<f64>>`; a closure must treat rows independently
/// (and keep their order), otherwise the model is not permutation-invariant.
pub trait RowMap {
    /// The image of every row.
    fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>>;
}

impl<F: Fn(&DMatrix<f64>) -> Result<DMatrix<f64>>> RowMap for F {
    fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        self(x)
    }
}

/// A dense layer on rows, `X ↦ σ(X W + 1 bᵀ)`, `W ∈ R^{c_in×c_out}`.
#[derive(Clone, Debug)]
pub struct Dense {
    weight: DMatrix<f64>,
    bias: DVector<f64>,
    activation: Option<Activation>,
}

impl Dense {
    /// The layer with the given weights (`c_in × c_out`) and bias (`c_out`).
    /// [`Error::InvalidInput`] for mismatched shapes or non-finite entries.
    pub fn new(
        weight: DMatrix<f64>,
        bias: DVector<f64>,
        activation: Option<Activation>,
    ) -> Result<Self> {
        check_finite("the weight", weight.as_slice())?;
        check_bias("the bias", &bias, weight.ncols())?;
        Ok(Dense {
            weight,
            bias,
            activation,
        })
    }

    /// A layer with `N(0, 1/c_in)` weights and zero bias, reproducible from `seed`.
    pub fn random(c_in: usize, c_out: usize, activation: Option<Activation>, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        Dense {
            weight: gaussian(c_in, c_out, c_in, &mut rng),
            bias: DVector::zeros(c_out),
            activation,
        }
    }

    /// Input width `c_in`.
    pub fn input_dim(&self) -> usize {
        self.weight.nrows()
    }

    /// Output width `c_out`.
    pub fn output_dim(&self) -> usize {
        self.weight.ncols()
    }
}

impl RowMap for Dense {
    /// `σ(X W + 1 bᵀ)`; [`Error::InvalidInput`] unless `X` has `c_in` columns.
    fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        check_shape("the input of a dense layer", x, x.nrows(), self.input_dim())?;
        Ok(activate(
            self.activation,
            add_to_rows(x * &self.weight, self.bias.iter()),
        ))
    }
}

/// A multilayer perceptron on rows: dense layers, the activation after each but the last.
#[derive(Clone, Debug)]
pub struct Mlp {
    layers: Vec<Dense>,
}

impl Mlp {
    /// The composition of `layers` (applied first to last). [`Error::InvalidInput`] when
    /// there are none or consecutive widths do not match.
    pub fn new(layers: Vec<Dense>) -> Result<Self> {
        if layers.is_empty() {
            return Err(Error::InvalidInput(
                "an MLP needs at least one layer".into(),
            ));
        }
        if let Some(k) = layers
            .windows(2)
            .position(|w| w[0].output_dim() != w[1].input_dim())
        {
            return Err(Error::InvalidInput(format!(
                "layer {k} outputs {} features, layer {} takes {}",
                layers[k].output_dim(),
                k + 1,
                layers[k + 1].input_dim()
            )));
        }
        Ok(Mlp { layers })
    }

    /// Widths `[d_0, d_1, …, d_L]` (at least two), random layers seeded from `seed`, the
    /// activation after every layer but the last (which is linear).
    pub fn random(widths: &[usize], activation: Activation, seed: u64) -> Result<Self> {
        if widths.len() < 2 {
            return Err(Error::InvalidInput(format!(
                "an MLP needs at least an input and an output width, got {widths:?}"
            )));
        }
        let last = widths.len() - 2;
        let layers = widths
            .windows(2)
            .enumerate()
            .map(|(k, w)| {
                let act = (k < last).then_some(activation);
                Dense::random(w[0], w[1], act, seed.wrapping_add(k as u64))
            })
            .collect();
        Mlp::new(layers)
    }

    /// Input width.
    pub fn input_dim(&self) -> usize {
        self.layers[0].input_dim()
    }

    /// Output width.
    pub fn output_dim(&self) -> usize {
        self.layers[self.layers.len() - 1].output_dim()
    }
}

impl RowMap for Mlp {
    fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        self.layers[1..]
            .iter()
            .try_fold(self.layers[0].forward(x)?, |y, layer| layer.forward(&y))
    }
}

/// The permutation-equivariant Deep Sets layer
/// `X ↦ σ(X Λ + 1 pool(X) Γ + 1 βᵀ)` (module docs; `pool` sum, mean or max).
#[derive(Clone, Debug)]
pub struct DeepSetsLayer {
    lambda: DMatrix<f64>,
    gamma: DMatrix<f64>,
    beta: DVector<f64>,
    pooling: Pooling,
    activation: Option<Activation>,
}

impl DeepSetsLayer {
    /// The layer with `Λ`, `Γ` (`c_in × c_out`) and `β` (`c_out`). [`Error::InvalidInput`]
    /// for mismatched shapes or non-finite entries.
    pub fn new(
        lambda: DMatrix<f64>,
        gamma: DMatrix<f64>,
        beta: DVector<f64>,
        pooling: Pooling,
        activation: Option<Activation>,
    ) -> Result<Self> {
        check_finite("Λ", lambda.as_slice())?;
        check_shape("Γ", &gamma, lambda.nrows(), lambda.ncols())?;
        check_finite("Γ", gamma.as_slice())?;
        check_bias("β", &beta, lambda.ncols())?;
        Ok(DeepSetsLayer {
            lambda,
            gamma,
            beta,
            pooling,
            activation,
        })
    }

    /// A layer with `N(0, 1/(2 c_in))` entries in `Λ` and `Γ` and zero `β`, seeded.
    pub fn random(
        c_in: usize,
        c_out: usize,
        pooling: Pooling,
        activation: Option<Activation>,
        seed: u64,
    ) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        DeepSetsLayer {
            lambda: gaussian(c_in, c_out, 2 * c_in, &mut rng),
            gamma: gaussian(c_in, c_out, 2 * c_in, &mut rng),
            beta: DVector::zeros(c_out),
            pooling,
            activation,
        }
    }

    /// Input channels `c_in`.
    pub fn input_dim(&self) -> usize {
        self.lambda.nrows()
    }

    /// Output channels `c_out`.
    pub fn output_dim(&self) -> usize {
        self.lambda.ncols()
    }

    /// The layer on one set `X ∈ R^{n×c_in}`, giving `R^{n×c_out}`. [`Error::InvalidInput`]
    /// for the wrong number of channels, non-finite input, or an empty set with mean or max
    /// pooling.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        check_shape("the input set", x, x.nrows(), self.input_dim())?;
        check_finite("the input set", x.as_slice())?;
        let shared = self.pooling.pool(x)? * &self.gamma + self.beta.transpose();
        Ok(activate(
            self.activation,
            add_to_rows(x * &self.lambda, shared.iter()),
        ))
    }

    /// [`DeepSetsLayer::forward`] on each set of a batch (sets may differ in size), in
    /// parallel; the first error is returned.
    pub fn forward_batch(&self, sets: &[DMatrix<f64>]) -> Result<Vec<DMatrix<f64>>> {
        sets.par_iter().map(|x| self.forward(x)).collect()
    }
}

/// The permutation-invariant Deep Sets model `X ↦ ρ(pool_i φ(x_i))`.
#[derive(Clone, Debug)]
pub struct DeepSetsInvariant<P = Mlp, R = Mlp> {
    phi: P,
    rho: R,
    pooling: Pooling,
}

impl<P: RowMap, R: RowMap> DeepSetsInvariant<P, R> {
    /// The model from `φ`, `ρ` and the pooling (Zaheer et al. use [`Pooling::Sum`]).
    pub fn new(phi: P, rho: R, pooling: Pooling) -> Self {
        DeepSetsInvariant { phi, rho, pooling }
    }

    /// `ρ(pool_i φ(x_i))` for one set `X` (rows `x_i`); the errors of `φ`, `ρ` and pooling.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DVector<f64>> {
        let pooled = self.pooling.pool(&self.phi.forward(x)?)?;
        let out = self
            .rho
            .forward(&DMatrix::from_row_slice(1, pooled.len(), pooled.as_slice()))?;
        Ok(DVector::from_column_slice(out.as_slice()))
    }
}

impl<P: RowMap + Sync, R: RowMap + Sync> DeepSetsInvariant<P, R> {
    /// [`DeepSetsInvariant::forward`] on each set of a batch, in parallel.
    pub fn forward_batch(&self, sets: &[DMatrix<f64>]) -> Result<Vec<DVector<f64>>> {
        sets.par_iter().map(|x| self.forward(x)).collect()
    }
}

impl DeepSetsInvariant {
    /// A model with random MLPs `φ: R^d → R^h` (widths `[d, h, h]`) and `ρ: R^h → R^m`
    /// (widths `[h, h, m]`), the activation inside each, seeded.
    pub fn random(
        d: usize,
        hidden: usize,
        m: usize,
        pooling: Pooling,
        activation: Activation,
        seed: u64,
    ) -> Result<Self> {
        let phi = Mlp::random(&[d, hidden, hidden], activation, seed)?;
        let rho = Mlp::random(&[hidden, hidden, m], activation, seed.wrapping_add(1 << 32))?;
        Ok(DeepSetsInvariant::new(phi, rho, pooling))
    }
}
