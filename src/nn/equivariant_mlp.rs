//! Equivariant linear layers from `Hom_G` bases, nonlinearities that respect the type of each
//! block of a representation, and a generic equivariant MLP for any group of the library
//! (Finzi, Welling & Wilson, *A Practical Method for Constructing Equivariant Multilayer
//! Perceptrons for Arbitrary Matrix Groups*, ICML 2021, arXiv:2104.09459).
//!
//! **Layout.** A batch of `N` vectors of a representation `V` is a `dim V × N` [`DMatrix`],
//! one sample per column (column-major storage, so each sample is contiguous); `ρ_V(g)` acts
//! on the batch by left multiplication, `X ↦ ρ_V(g) X`.
//!
//! * [`EquivariantLinear`]: `x ↦ A x + c` with `A = Σ_b w_b B_b` for a basis `B_b` of
//!   `Hom_G(V, W)` and `c = Σ_k β_k u_k` for a basis `u_k` of the invariant vectors of `W`
//!   (`Hom_G(triv, W)`). Every equivariant affine map has this form: `x ↦ A x + c` is
//!   equivariant for all `x` exactly when `ρ_W(g) A = A ρ_V(g)` (the linear part, compare
//!   the two sides at `x` and at `0`) and `ρ_W(g) c = c` (the value at `0`).
//! * [`EquivariantNonlinearity`]: a pointwise activation on coordinates the group permutes,
//!   a norm nonlinearity `x ↦ σ(‖x‖ + b) x/‖x‖` on blocks it acts on by orthogonal matrices,
//!   and gates `x ↦ sigmoid(s) x` by invariant scalars `s`, each checked against `ρ` on the
//!   group's generators ([`FieldBlock`]).
//! * [`EquivariantMlp`]: alternating [`EquivariantLinear`] and [`EquivariantNonlinearity`]
//!   layers `V → H_1 → … → H_k → W`.
//!
//! ```
//! use equivariant::group::PermutationGroup;
//! use equivariant::nn::equivariant_mlp::{EquivariantMlp, FieldBlock, HiddenLayer};
//! use equivariant::nn::point_cloud::Activation;
//! use equivariant::rep;
//! use nalgebra::DMatrix;
//! use std::sync::Arc;
//!
//! // An S3-invariant MLP: V (3-dim permutation) → regular (6-dim, ReLU) → trivial.
//! let s3 = Arc::new(PermutationGroup::symmetric(3).unwrap());
//! let hidden = HiddenLayer {
//!     rep: rep::regular(&s3).unwrap(),
//!     blocks: vec![FieldBlock::Permutation { dim: 6 }],
//!     activation: Activation::Relu,
//! };
//! let mlp = EquivariantMlp::new(&rep::defining(&s3), &[hidden], &rep::trivial(&s3), 7).unwrap();
//! let x = DMatrix::from_column_slice(3, 2, &[1.0, 2.0, 3.0, 3.0, 1.0, 2.0]);
//! let y = mlp.forward(&x).unwrap();
//! assert!((y[(0, 0)] - y[(0, 1)]).abs() < 1e-12); // a permuted input, the same output
//! ```
//!
//! Theory and the tests behind each claim: `theory/equivariant-layers.md`.

use nalgebra::{DMatrix, DVector};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Normal};
use rayon::prelude::*;

use crate::group::Group;
use crate::hom::{Method, SchurGroup, hom_basis};
use crate::nn::deep_sets::{check_finite, check_shape};
use crate::nn::point_cloud::Activation;
use crate::rep::{Rep, Representation, generator_matrices, trivial};
use crate::{Error, Result};

/// Entries of `ρ(g)` and `dρ(X)` within this distance of the value a block type requires
/// count as that value ([`EquivariantNonlinearity::new`]).
const BLOCK_TOLERANCE: f64 = 1e-9;

/// A basis of `Hom_G(V, W)` and a basis of the invariant vectors of `W`.
type LayerBases = (Vec<DMatrix<f64>>, Vec<DVector<f64>>);

/// The one place where the layers obtain their bases: `(Hom_G(V, W), Hom_G(triv, W))`, the
/// latter as vectors of `W`, by [`hom_basis`] with [`Method::Auto`] (orbits for permutation
/// representations, Schur for Lie groups and large finite problems, else the nullspace).
fn hom_bases<G: SchurGroup + 'static>(
    rep_in: &dyn Representation<G>,
    rep_out: &dyn Representation<G>,
) -> Result<LayerBases> {
    let basis = hom_basis(rep_in, rep_out, Method::Auto)?.to_dense()?;
    let invariants = hom_basis(trivial(rep_out.group()).as_ref(), rep_out, Method::Auto)?
        .to_dense()?
        .into_iter()
        .map(|u| u.column(0).into_owned())
        .collect();
    Ok((basis, invariants))
}

/// An equivariant affine layer `V → W`, `x ↦ A x + c` with
///
/// ```text
/// A = Σ_b w_b B_b      (B_b a basis of Hom_G(V, W): ρ_W(g) B_b = B_b ρ_V(g))
/// c = Σ_k β_k u_k      (u_k a basis of the invariant vectors of W: ρ_W(g) u_k = u_k)
/// ```
///
/// the general equivariant affine map (module docs). `A` and `c` are assembled once, when the
/// parameters are set; [`EquivariantLinear::forward`] is then one matrix product (GEMM) over
/// the batch. Reference: Finzi et al. 2021 (module docs), §4; Cohen & Welling, *Steerable
/// CNNs*, ICLR 2017, §2.
#[derive(Clone, Debug)]
pub struct EquivariantLinear {
    dims: (usize, usize),
    basis: Vec<DMatrix<f64>>,
    bias_basis: Vec<DVector<f64>>,
    weights: DVector<f64>,
    bias: DVector<f64>,
    matrix: DMatrix<f64>,
    offset: DVector<f64>,
}

impl EquivariantLinear {
    /// The layer `x ↦ Σ_b w_b B_b x + Σ_k β_k u_k` from `dim V → dim W` (`dims = (dim V,
    /// dim W)`, needed when `Hom_G(V, W) = 0`), the basis `B_b` (each `dim W × dim V`), the
    /// invariant vectors `u_k` (each of length `dim W`), `weights = w` (one per `B_b`) and
    /// `bias = β` (one per `u_k`).
    ///
    /// The bases are taken as given: equivariance is the caller's to guarantee (use
    /// [`EquivariantLinear::between`] to compute them). [`Error::InvalidInput`] naming the
    /// offending entry for a basis element or invariant vector of the wrong shape, a weight or
    /// bias vector of the wrong length, or a non-finite value.
    pub fn new(
        dims: (usize, usize),
        basis: Vec<DMatrix<f64>>,
        bias_basis: Vec<DVector<f64>>,
        weights: DVector<f64>,
        bias: DVector<f64>,
    ) -> Result<Self> {
        let (dim_in, dim_out) = dims;
        for (b, element) in basis.iter().enumerate() {
            check_shape(&format!("basis element {b}"), element, dim_out, dim_in)?;
            check_finite(&format!("basis element {b}"), element.as_slice())?;
        }
        for (k, u) in bias_basis.iter().enumerate() {
            if u.len() != dim_out {
                return Err(Error::InvalidInput(format!(
                    "invariant vector {k} has {} entries, the output dimension is {dim_out}",
                    u.len()
                )));
            }
            check_finite(&format!("invariant vector {k}"), u.as_slice())?;
        }
        let mut layer = EquivariantLinear {
            dims,
            basis,
            bias_basis,
            weights: DVector::zeros(0),
            bias: DVector::zeros(0),
            matrix: DMatrix::zeros(dim_out, dim_in),
            offset: DVector::zeros(dim_out),
        };
        layer.set_parameters(weights, bias)?;
        Ok(layer)
    }

    /// The layer with weights `w_b ~ N(0, σ²)` i.i.d. (seeded) and zero biases, where
    ///
    /// ```text
    /// σ² = gain · dim W / Σ_b ‖B_b‖_F²
    /// ```
    ///
    /// Derivation: for `x` with independent entries of mean 0 and variance 1, independent of
    /// `w`, `E‖A x‖² = E tr(Aᵀ A) = E‖A‖_F² = Σ_{b,b'} E[w_b w_b'] ⟨B_b, B_b'⟩_F = σ² Σ_b ‖B_b‖_F²`
    /// (the cross terms vanish), so this σ² gives `E‖A x‖² / dim W = gain · E‖x‖² / dim V`:
    /// the mean square per coordinate is multiplied by `gain` (use 2 before a ReLU). For the
    /// dense basis `B_{ij} = e_i e_jᵀ`, `Σ ‖B‖² = dim V · dim W` and σ² = gain / dim V is He
    /// et al.'s fan-in rule (*Delving deep into rectifiers*, ICCV 2015). e3nn's `o3.Linear`
    /// (weights `N(0, 1)`, each output copy scaled by `1/√fan_in`, fan_in the number of input
    /// copies of its irrep; Geiger & Smidt, *e3nn*, arXiv:2207.09453) is the same rule applied
    /// irrep type by irrep type: on a basis of blocks `e_u e_vᵀ ⊗ I_d` with one irrep type it
    /// gives σ² = 1/mul_in, as here. escnn's `nn.init.generalized_he_init` (Weiler & Cesa,
    /// *General E(2)-Equivariant Steerable CNNs*, NeurIPS 2019) draws each coefficient with
    /// standard deviation `1/√(n_o m_{i,o})`, `n_o` the number of input irreps reaching the
    /// output field `o` and `m_{i,o}` the number of basis elements from irrep `i` to `o`,
    /// again a per-output-field count; here one σ² serves the whole layer, so the mean square
    /// is preserved on average over the output coordinates rather than field by field.
    ///
    /// [`Error::InvalidInput`] as for [`EquivariantLinear::new`], or for a gain that is not
    /// finite and positive.
    pub fn random(
        dims: (usize, usize),
        basis: Vec<DMatrix<f64>>,
        bias_basis: Vec<DVector<f64>>,
        gain: f64,
        seed: u64,
    ) -> Result<Self> {
        if !(gain.is_finite() && gain > 0.0) {
            return Err(Error::InvalidInput(format!(
                "the initialisation gain must be finite and positive, got {gain}"
            )));
        }
        let total: f64 = basis.iter().map(|b| b.norm_squared()).sum();
        let sigma = if total > 0.0 {
            (gain * dims.1 as f64 / total).sqrt()
        } else {
            0.0
        };
        let normal = Normal::new(0.0, sigma).map_err(|e| {
            Error::InvalidInput(format!("initialisation standard deviation {sigma}: {e}"))
        })?;
        let mut rng = StdRng::seed_from_u64(seed);
        let weights = DVector::from_fn(basis.len(), |_, _| normal.sample(&mut rng));
        let bias = DVector::zeros(bias_basis.len());
        Self::new(dims, basis, bias_basis, weights, bias)
    }

    /// [`EquivariantLinear::random`] with gain 1 on the bases of `Hom_G(V, W)` and of the
    /// invariant vectors of `W`, both computed by [`crate::hom::hom_basis`] (auto route).
    /// Its errors (different groups, not a representation, a problem too large) are passed on.
    pub fn between<G: SchurGroup + 'static>(
        rep_in: &dyn Representation<G>,
        rep_out: &dyn Representation<G>,
        seed: u64,
    ) -> Result<Self> {
        let (basis, bias_basis) = hom_bases(rep_in, rep_out)?;
        Self::random((rep_in.dim(), rep_out.dim()), basis, bias_basis, 1.0, seed)
    }

    /// Replaces the parameters and reassembles `A = Σ_b w_b B_b` and `c = Σ_k β_k u_k`.
    /// [`Error::InvalidInput`] for a wrong number of weights or biases or a non-finite value.
    pub fn set_parameters(&mut self, weights: DVector<f64>, bias: DVector<f64>) -> Result<()> {
        for (what, values, expected) in [
            ("weights", &weights, self.basis.len()),
            ("biases", &bias, self.bias_basis.len()),
        ] {
            if values.len() != expected {
                return Err(Error::InvalidInput(format!(
                    "got {} {what}, the layer has {expected} basis elements for them",
                    values.len()
                )));
            }
            check_finite(what, values.as_slice())?;
        }
        let (dim_in, dim_out) = self.dims;
        let mut matrix = DMatrix::zeros(dim_out, dim_in);
        for (w, b) in weights.iter().zip(&self.basis) {
            matrix += b * *w;
        }
        let mut offset = DVector::zeros(dim_out);
        for (beta, u) in bias.iter().zip(&self.bias_basis) {
            offset.axpy(*beta, u, 1.0);
        }
        self.matrix = matrix;
        self.offset = offset;
        self.weights = weights;
        self.bias = bias;
        Ok(())
    }

    /// `(dim V, dim W)`.
    pub fn dims(&self) -> (usize, usize) {
        self.dims
    }

    /// The basis `B_b` of `Hom_G(V, W)`.
    pub fn basis(&self) -> &[DMatrix<f64>] {
        &self.basis
    }

    /// The basis `u_k` of the invariant vectors of `W` (`Hom_G(triv, W)`): its length is the
    /// multiplicity of the trivial representation in `W`.
    pub fn bias_basis(&self) -> &[DVector<f64>] {
        &self.bias_basis
    }

    /// The weights `w_b`.
    pub fn weights(&self) -> &DVector<f64> {
        &self.weights
    }

    /// The bias coefficients `β_k`.
    pub fn bias(&self) -> &DVector<f64> {
        &self.bias
    }

    /// The assembled matrix `A = Σ_b w_b B_b` (`dim W × dim V`).
    pub fn matrix(&self) -> &DMatrix<f64> {
        &self.matrix
    }

    /// The assembled bias `c = Σ_k β_k u_k` (an invariant vector of `W`).
    pub fn offset(&self) -> &DVector<f64> {
        &self.offset
    }

    /// `A X + c 1ᵀ` for a batch `X` (`dim V × N`, one sample per column), one GEMM.
    /// [`Error::InvalidInput`] for a batch with the wrong number of rows or a non-finite entry.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        check_shape("the input batch", x, self.dims.0, x.ncols())?;
        check_finite("the input batch", x.as_slice())?;
        let mut y = &self.matrix * x;
        for mut column in y.column_iter_mut() {
            column += &self.offset;
        }
        Ok(y)
    }
}

/// One block of a field type: a run of consecutive coordinates of a representation that the
/// group maps to itself, and how the nonlinearity treats it. The block types are checked
/// against `ρ` ([`EquivariantNonlinearity::new`]); each nonlinearity commutes with every
/// matrix of its type, hence with `ρ(g)` (Weiler & Cesa 2019, §2.6; e3nn's `Gate` and
/// `NormActivation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldBlock {
    /// One coordinate the group fixes (`ρ(g) = 1`, `dρ(X) = 0`): `s ↦ σ(s)`.
    Scalar,
    /// `dim` coordinates the group permutes (`ρ(g)` a permutation matrix, `dρ(X) = 0`; the
    /// regular and every permutation representation): `x_i ↦ σ(x_i)`, since
    /// `σ(P x) = P σ(x)` for every permutation matrix `P`.
    Permutation {
        /// Number of coordinates.
        dim: usize,
    },
    /// `dim` coordinates the group acts on by orthogonal matrices (`ρ(g)ᵀ ρ(g) = I`,
    /// `dρ(X)` antisymmetric; every real irrep in an orthonormal basis):
    /// `x ↦ σ(‖x‖ + b) x/‖x‖` with a bias `b` per block and `0 ↦ 0`, since `‖Q x‖ = ‖x‖`.
    Norm {
        /// Number of coordinates.
        dim: usize,
    },
    /// An orthogonal block as for [`FieldBlock::Norm`], multiplied by the sigmoid of the
    /// input value of the [`FieldBlock::Scalar`] at coordinate `gate`:
    /// `x ↦ sigmoid(s_gate) x`, since `s_gate` is invariant.
    Gated {
        /// Number of coordinates.
        dim: usize,
        /// The coordinate (of the whole representation) of the gating scalar.
        gate: usize,
    },
}

impl FieldBlock {
    /// The number of coordinates of the block.
    pub fn dim(&self) -> usize {
        match *self {
            FieldBlock::Scalar => 1,
            FieldBlock::Permutation { dim } | FieldBlock::Norm { dim } => dim,
            FieldBlock::Gated { dim, .. } => dim,
        }
    }
}

/// A nonlinearity on a representation split into [`FieldBlock`]s, applied block by block:
/// `σ` pointwise on scalars and permuted coordinates, `x ↦ σ(‖x‖ + b) x/‖x‖` on norm blocks
/// (one bias `b` each), `x ↦ sigmoid(s) x` on gated blocks. Equivariant because each block is
/// mapped to itself by `ρ(g)`, through a matrix its nonlinearity commutes with
/// (`theory/equivariant-layers.md`). The gating scalars stay in the output (activated like
/// every scalar), so input and output are the same representation; e3nn's `Gate` drops them.
///
/// Reference: Weiler et al., *3D Steerable CNNs*, NeurIPS 2018, §4 (gated and norm
/// nonlinearities); Worrall et al., *Harmonic Networks*, CVPR 2017 (norm nonlinearity);
/// Finzi et al. 2021, §5 (pointwise on permutation representations).
#[derive(Clone, Debug)]
pub struct EquivariantNonlinearity {
    blocks: Vec<FieldBlock>,
    offsets: Vec<usize>,
    dim: usize,
    activation: Activation,
    norm_biases: Vec<f64>,
}

impl EquivariantNonlinearity {
    /// The nonlinearity with activation `σ` on `rep`, split into `blocks` (in order, covering
    /// all coordinates), with one bias per [`FieldBlock::Norm`] block.
    ///
    /// Checks that the blocks fit `ρ`: on every discrete generator `g` and Lie-algebra basis
    /// element `X`, `ρ(g)` and `dρ(X)` are block-diagonal for the blocks (to `1e-9`), and each
    /// diagonal block is of its type: `1` and `0` for a scalar, a permutation matrix and `0`
    /// for a permutation block, orthogonal and antisymmetric for norm and gated blocks. What
    /// holds on generators holds on the group they generate (with the identity component,
    /// generated by `exp` of the Lie algebra). [`Error::InvalidInput`] naming the block and
    /// the problem for dimensions that do not add up to `dim ρ`, an empty block, a gate that is
    /// not a scalar block, a block of the wrong type, or a wrong number of biases.
    pub fn new<G: Group>(
        rep: &dyn Representation<G>,
        blocks: Vec<FieldBlock>,
        activation: Activation,
        norm_biases: Vec<f64>,
    ) -> Result<Self> {
        let mut offsets = Vec::with_capacity(blocks.len());
        let mut dim = 0;
        for (k, block) in blocks.iter().enumerate() {
            if block.dim() == 0 {
                return Err(Error::InvalidInput(format!("field block {k} is empty")));
            }
            offsets.push(dim);
            dim += block.dim();
        }
        if dim != rep.dim() {
            return Err(Error::InvalidInput(format!(
                "the field blocks cover {dim} coordinates, the representation {} has dimension {}",
                rep.description(),
                rep.dim()
            )));
        }
        let norms = blocks
            .iter()
            .filter(|b| matches!(b, FieldBlock::Norm { .. }))
            .count();
        if norm_biases.len() != norms {
            return Err(Error::InvalidInput(format!(
                "{norms} norm blocks, got {} norm biases",
                norm_biases.len()
            )));
        }
        check_finite("norm biases", &norm_biases)?;
        let scalar_at: Vec<usize> = blocks
            .iter()
            .zip(&offsets)
            .filter(|(b, _)| **b == FieldBlock::Scalar)
            .map(|(_, o)| *o)
            .collect();
        for (k, block) in blocks.iter().enumerate() {
            if let FieldBlock::Gated { gate, .. } = block
                && !scalar_at.contains(gate)
            {
                return Err(Error::InvalidInput(format!(
                    "field block {k} is gated by coordinate {gate}, which is not a scalar block"
                )));
            }
        }
        let layer = EquivariantNonlinearity {
            blocks,
            offsets,
            dim,
            activation,
            norm_biases,
        };
        for m in generator_matrices(rep) {
            layer.check_matrix(&m, false)?;
        }
        for x in rep.lie_algebra_matrices() {
            layer.check_matrix(&x, true)?;
        }
        Ok(layer)
    }

    /// Whether `m` (a `ρ(g)`, or a `dρ(X)` when `lie`) is block-diagonal with blocks of the
    /// declared types.
    fn check_matrix(&self, m: &DMatrix<f64>, lie: bool) -> Result<()> {
        let what = if lie { "dρ(X)" } else { "ρ(g)" };
        let mut block_of = Vec::with_capacity(self.dim);
        for (k, block) in self.blocks.iter().enumerate() {
            block_of.extend(std::iter::repeat_n(k, block.dim()));
        }
        for ((i, j), v) in (0..self.dim)
            .flat_map(|j| (0..self.dim).map(move |i| (i, j)))
            .zip(m.iter())
        {
            if block_of[i] != block_of[j] && v.abs() > BLOCK_TOLERANCE {
                return Err(Error::InvalidInput(format!(
                    "{what} mixes field blocks {} and {} (entry ({i}, {j}) = {v:.3e}): the blocks \
                     are not invariant subspaces",
                    block_of[i], block_of[j]
                )));
            }
        }
        for (k, (block, &at)) in self.blocks.iter().zip(&self.offsets).enumerate() {
            let d = block.dim();
            let sub = m.view((at, at), (d, d));
            let fits = match (block, lie) {
                (FieldBlock::Scalar | FieldBlock::Permutation { .. }, true) => {
                    sub.iter().all(|v| v.abs() <= BLOCK_TOLERANCE)
                }
                (FieldBlock::Scalar, false) => (sub[(0, 0)] - 1.0).abs() <= BLOCK_TOLERANCE,
                (FieldBlock::Permutation { .. }, false) => is_permutation(&sub.into_owned()),
                (FieldBlock::Norm { .. } | FieldBlock::Gated { .. }, true) => {
                    (sub + sub.transpose()).amax() <= BLOCK_TOLERANCE
                }
                (FieldBlock::Norm { .. } | FieldBlock::Gated { .. }, false) => {
                    (sub.transpose() * sub - DMatrix::identity(d, d)).amax() <= BLOCK_TOLERANCE
                }
            };
            if !fits {
                let needs = match (block, lie) {
                    (FieldBlock::Scalar, false) => "1",
                    (FieldBlock::Scalar | FieldBlock::Permutation { .. }, true) => "0",
                    (FieldBlock::Permutation { .. }, false) => "a permutation matrix",
                    (_, true) => "antisymmetric",
                    (_, false) => "orthogonal",
                };
                return Err(Error::InvalidInput(format!(
                    "field block {k} ({block:?}): {what} on it is not {needs}"
                )));
            }
        }
        Ok(())
    }

    /// The blocks.
    pub fn blocks(&self) -> &[FieldBlock] {
        &self.blocks
    }

    /// The dimension of the representation (input and output).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The biases of the norm blocks, in order.
    pub fn norm_biases(&self) -> &[f64] {
        &self.norm_biases
    }

    /// The nonlinearity on a batch (`dim × N`, one sample per column), samples in parallel.
    /// [`Error::InvalidInput`] for a batch with the wrong number of rows or a non-finite entry.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        check_shape("the nonlinearity input", x, self.dim, x.ncols())?;
        check_finite("the nonlinearity input", x.as_slice())?;
        let mut y = x.clone();
        if self.dim > 0 {
            y.as_mut_slice()
                .par_chunks_mut(self.dim)
                .zip(x.as_slice().par_chunks(self.dim))
                .for_each(|(out, input)| self.sample(input, out));
        }
        Ok(y)
    }

    /// One sample: `out` starts as a copy of `input` and is overwritten block by block.
    fn sample(&self, input: &[f64], out: &mut [f64]) {
        let mut biases = self.norm_biases.iter();
        for (block, &at) in self.blocks.iter().zip(&self.offsets) {
            let part = &mut out[at..at + block.dim()];
            match *block {
                FieldBlock::Scalar | FieldBlock::Permutation { .. } => {
                    part.iter_mut().for_each(|v| *v = self.activation.apply(*v));
                }
                FieldBlock::Norm { .. } => {
                    let bias = biases.next().copied().unwrap_or(0.0);
                    let norm = part.iter().map(|v| v * v).sum::<f64>().sqrt();
                    // σ(‖x‖ + b) times the unit vector x/‖x‖; 0 ↦ 0, the one value at 0
                    // fixed by every orthogonal matrix.
                    if norm > 0.0 {
                        let scale = self.activation.apply(norm + bias);
                        part.iter_mut().for_each(|v| *v = scale * (*v / norm));
                    }
                }
                FieldBlock::Gated { gate, .. } => {
                    let s = Activation::Sigmoid.apply(input[gate]);
                    part.iter_mut().for_each(|v| *v *= s);
                }
            }
        }
    }
}

/// Whether `m` is a permutation matrix (entries `0` or `1` to `1e-9`, one `1` per row and
/// column).
fn is_permutation(m: &DMatrix<f64>) -> bool {
    let near = |v: f64, t: f64| (v - t).abs() <= BLOCK_TOLERANCE;
    m.iter().all(|&v| near(v, 0.0) || near(v, 1.0))
        && m.row_iter()
            .all(|r| r.iter().filter(|&&v| near(v, 1.0)).count() == 1)
        && m.column_iter()
            .all(|c| c.iter().filter(|&&v| near(v, 1.0)).count() == 1)
}

/// A hidden layer of an [`EquivariantMlp`]: its representation, how it splits into
/// [`FieldBlock`]s and the activation `σ` (norm biases start at zero).
#[derive(Clone)]
pub struct HiddenLayer<G: Group> {
    /// The representation `H_i`.
    pub rep: Rep<G>,
    /// Its field type.
    pub blocks: Vec<FieldBlock>,
    /// The activation `σ` of the nonlinearity.
    pub activation: Activation,
}

/// An equivariant multilayer perceptron `V → H_1 → … → H_k → W`:
///
/// ```text
/// f = L_k ∘ N_k ∘ L_{k−1} ∘ … ∘ N_1 ∘ L_0,    L_i ∈ Hom_G(H_i, H_{i+1}) + invariant bias
/// ```
///
/// with `H_0 = V`, `H_{k+1} = W`, each `L_i` an [`EquivariantLinear`] and each `N_i` an
/// [`EquivariantNonlinearity`] on `H_i`; a composition of equivariant maps is equivariant.
/// Reference: Finzi, Welling & Wilson 2021 (EMLP), §5.
#[derive(Clone, Debug)]
pub struct EquivariantMlp {
    linears: Vec<EquivariantLinear>,
    nonlinearities: Vec<EquivariantNonlinearity>,
}

impl EquivariantMlp {
    /// The MLP with randomly initialised linear layers ([`EquivariantLinear::between`], seeds
    /// drawn from `seed`) and zero norm biases. Errors of the basis computation and of
    /// [`EquivariantNonlinearity::new`] (a field type that does not fit its representation)
    /// are passed on.
    pub fn new<G: SchurGroup + 'static>(
        rep_in: &Rep<G>,
        hidden: &[HiddenLayer<G>],
        rep_out: &Rep<G>,
        seed: u64,
    ) -> Result<Self> {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut nonlinearities = Vec::with_capacity(hidden.len());
        for (i, layer) in hidden.iter().enumerate() {
            let norms = layer
                .blocks
                .iter()
                .filter(|b| matches!(b, FieldBlock::Norm { .. }))
                .count();
            let n = EquivariantNonlinearity::new(
                layer.rep.as_ref(),
                layer.blocks.clone(),
                layer.activation,
                vec![0.0; norms],
            )
            .map_err(|e| Error::InvalidInput(format!("hidden layer {i}: {e}")))?;
            nonlinearities.push(n);
        }
        let reps: Vec<&Rep<G>> = std::iter::once(rep_in)
            .chain(hidden.iter().map(|h| &h.rep))
            .chain(std::iter::once(rep_out))
            .collect();
        let linears = reps
            .windows(2)
            .map(|pair| {
                EquivariantLinear::between(pair[0].as_ref(), pair[1].as_ref(), rng.random())
            })
            .collect::<Result<Vec<_>>>()?;
        Self::from_parts(linears, nonlinearities)
    }

    /// The MLP `L_k ∘ N_k ∘ … ∘ N_1 ∘ L_0` from its layers (`k + 1` linear layers, `k`
    /// nonlinearities). [`Error::InvalidInput`] when the counts or the dimensions do not chain.
    pub fn from_parts(
        linears: Vec<EquivariantLinear>,
        nonlinearities: Vec<EquivariantNonlinearity>,
    ) -> Result<Self> {
        if linears.len() != nonlinearities.len() + 1 {
            return Err(Error::InvalidInput(format!(
                "an MLP with {} nonlinearities needs {} linear layers, got {}",
                nonlinearities.len(),
                nonlinearities.len() + 1,
                linears.len()
            )));
        }
        for (i, n) in nonlinearities.iter().enumerate() {
            let (before, after) = (linears[i].dims().1, linears[i + 1].dims().0);
            if before != n.dim() || after != n.dim() {
                return Err(Error::InvalidInput(format!(
                    "hidden layer {i} has dimension {}, but linear layer {i} outputs {before} and \
                     linear layer {} takes {after}",
                    n.dim(),
                    i + 1
                )));
            }
        }
        Ok(EquivariantMlp {
            linears,
            nonlinearities,
        })
    }

    /// The linear layers `L_0, …, L_k`.
    pub fn linears(&self) -> &[EquivariantLinear] {
        &self.linears
    }

    /// The nonlinearities `N_1, …, N_k`.
    pub fn nonlinearities(&self) -> &[EquivariantNonlinearity] {
        &self.nonlinearities
    }

    /// `f(X)` for a batch (`dim V × N`, one sample per column), `dim W × N`.
    /// [`Error::InvalidInput`] for a batch with the wrong number of rows or a non-finite entry.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        let mut y = self.linears[0].forward(x)?;
        for (n, l) in self.nonlinearities.iter().zip(&self.linears[1..]) {
            y = l.forward(&n.forward(&y)?)?;
        }
        Ok(y)
    }
}
