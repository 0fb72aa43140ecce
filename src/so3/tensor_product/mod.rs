//! Tensor products of `O(3)` irreps strings: e3nn's `TensorProduct` with explicit paths and its
//! `FullyConnectedTensorProduct`, on batches, in `f32` and `f64`, with gradients.
//!
//! Two irreps `l1p1 ⊗ l2p2` decompose by the Clebsch–Gordan series with parities multiplying,
//! `⊕_{l3=|l1−l2|}^{l1+l2} l3(p1p2)`, and the real Clebsch–Gordan tensor `C^{l1 l2 l3}`
//! ([`crate::so3::clebsch_gordan::real_clebsch_gordan`], `‖C‖² = 2l3 + 1`) intertwines:
//! `(D^{l1} ⊗ D^{l2}) C = C D^{l3}`. A *path* `(i1, i2, o)` joins block `i1` of `irreps_in1`
//! (`mul1 × l1p1`), block `i2` of `irreps_in2` (`mul2 × l2p2`) and block `o` of `irreps_out`
//! (`mul_out × l3p3`) when `l3p3 ∈ l1p1 ⊗ l2p2`; with e3nn's "uvw" connection it contributes
//!
//! ```text
//! out[o][w][k] += α_o Σ_{u<mul1} Σ_{v<mul2} W_path[w][u][v] Σ_{i,j} C[i][j][k] x1[i1][u][i] x2[i2][v][j],
//! α_o = 1 / √(fan_in(o)),   fan_in(o) = Σ_{paths into o} mul1 · mul2,
//! ```
//!
//! which is e3nn's irrep normalisation "component" (our `C` already has `‖C‖² = 2l3 + 1`, the
//! norm e3nn obtains by multiplying its `wigner_3j` by `√(2l3+1)`) with path normalisation
//! "element": with unit-variance inputs and weights every output component has unit variance.
//! Each block is stored mul-major, `[u][m + l]`, as in e3nn; the weights are the paths' blocks
//! `[mul_out][mul1][mul2]` concatenated in path order (e3nn stores `[mul1][mul2][mul_out]`).
//! Our `C` differs from e3nn's by the axis relabelling `(x, y, z) → (y, z, x)` of the real basis
//! and one sign per triple (theory/clebsch-gordan.md), so equal weights give outputs equal to
//! e3nn's up to those changes of basis, not bit for bit.
//!
//! * [`paths`]: the paths, their weights' layout and normalisation;
//! * [`kernel`]: the batched forward and backward passes (sparse Clebsch–Gordan contractions,
//!   then one dense matrix product per output block and component);
//! * [`TensorProduct`], [`FullyConnectedTensorProduct`]: the layers.
//!
//! ```
//! use equivariant::so3::irreps::Irreps;
//! use equivariant::so3::tensor_product::FullyConnectedTensorProduct;
//! let irreps = |s: &str| s.parse::<Irreps>().unwrap();
//! let tp = FullyConnectedTensorProduct::new(&irreps("2x0e+2x1o"), &irreps("1o"), &irreps("3x1e"))
//!     .unwrap();
//! // One path 1o ⊗ 1o → 1e (the cross product): 3 · 2 · 1 weights.
//! assert_eq!(tp.weight_numel(), 6);
//! let (x1, x2) = (vec![0.5f64; 2 * 8], vec![1.0; 2 * 3]);
//! let out = tp.forward(&x1, &x2, &vec![1.0; 6], 2).unwrap();
//! assert_eq!(out.len(), 2 * 9);
//! ```
//!
//! References: Thomas et al., "Tensor field networks", arXiv:1802.08219 (2018); Geiger & Smidt,
//! "e3nn: Euclidean Neural Networks", arXiv:2207.09453, §3 (paths and normalisation).

pub mod kernel;
pub mod paths;

pub use kernel::Gradients;
pub use paths::Path;

use std::ops::Deref;

use nalgebra::RealField;

use super::irreps::{Irreps, MAX_IRREPS_DIM, MulIrrep};
use crate::error::human_bytes;
use crate::{Error, Result};

/// The largest buffer (output, gradient or scratch) a tensor product or linear layer allocates.
pub const MAX_BUFFER_BYTES: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// The floating-point types the layers run in: `f32` and `f64` (sealed: the dense products go
/// to matrixmultiply's `sgemm`/`dgemm`).
pub trait Real: RealField + Copy + Send + Sync + sealed::Sealed {
    /// The nearest value of this type.
    fn of_f64(x: f64) -> Self;
}

impl Real for f32 {
    fn of_f64(x: f64) -> Self {
        x as f32
    }
}

impl Real for f64 {
    fn of_f64(x: f64) -> Self {
        x
    }
}

/// The irreps of the full tensor product `in1 ⊗ in2` (e3nn's `FullTensorProduct` output): for
/// each pair of blocks `mul1 × ir1`, `mul2 × ir2` and each `ir ∈ ir1 ⊗ ir2`, a block
/// `(mul1 · mul2) × ir`, stably sorted by irrep (`l`, then even before odd) and not merged
/// (`.simplified()` merges). Its dimension is `dim(in1) · dim(in2)`.
///
/// ```
/// use equivariant::so3::tensor_product::tensor_product_irreps;
/// let out = tensor_product_irreps(&"2x1o".parse().unwrap(), &"1o+0e".parse().unwrap()).unwrap();
/// assert_eq!(out.to_string(), "2x0e+2x1e+2x1o+2x2e");
/// ```
pub fn tensor_product_irreps(in1: &Irreps, in2: &Irreps) -> Result<Irreps> {
    let mut blocks = Vec::new();
    for b1 in in1.blocks() {
        for b2 in in2.blocks() {
            let mul = b1.mul.checked_mul(b2.mul).ok_or_else(|| Error::TooLarge {
                what: format!("the full tensor product of {in1} and {in2}"),
                needed: "more than 2^64 copies".into(),
                limit: format!("{MAX_IRREPS_DIM} components"),
            })?;
            blocks.extend(
                b1.irrep
                    .tensor(&b2.irrep)
                    .map(|irrep| MulIrrep { mul, irrep }),
            );
        }
    }
    blocks.sort_by_key(|b| b.irrep);
    Irreps::new(blocks)
}

/// A bilinear equivariant map `irreps_in1 × irreps_in2 → irreps_out` given by explicit
/// paths with "uvw" weights (module docs).
#[derive(Clone, Debug)]
pub struct TensorProduct {
    irreps_in1: Irreps,
    irreps_in2: Irreps,
    irreps_out: Irreps,
    paths: Vec<Path>,
    plan: kernel::Plan,
}

impl TensorProduct {
    /// The tensor product with the given paths `(i1, i2, o)` (block indices), in that order.
    /// [`Error::InvalidInput`] when an index is out of range or `ir_out ∉ ir1 ⊗ ir2` (degree
    /// outside `|l1 − l2|..=l1 + l2` or parity not `p1 p2`); [`Error::TooLarge`] when the
    /// weights or the Clebsch–Gordan tensors would be too large.
    pub fn new(
        irreps_in1: &Irreps,
        irreps_in2: &Irreps,
        irreps_out: &Irreps,
        instructions: &[(usize, usize, usize)],
    ) -> Result<Self> {
        let paths = paths::build_paths(irreps_in1, irreps_in2, irreps_out, instructions)?;
        let plan = kernel::Plan::new(irreps_in1, irreps_in2, irreps_out, &paths)?;
        Ok(Self {
            irreps_in1: irreps_in1.clone(),
            irreps_in2: irreps_in2.clone(),
            irreps_out: irreps_out.clone(),
            paths,
            plan,
        })
    }

    /// The first input's irreps.
    pub fn irreps_in1(&self) -> &Irreps {
        &self.irreps_in1
    }

    /// The second input's irreps.
    pub fn irreps_in2(&self) -> &Irreps {
        &self.irreps_in2
    }

    /// The output's irreps.
    pub fn irreps_out(&self) -> &Irreps {
        &self.irreps_out
    }

    /// The paths in weight order.
    pub fn paths(&self) -> &[Path] {
        &self.paths
    }

    /// `Σ_paths mul_out · mul1 · mul2`, the length of the weight vector.
    pub fn weight_numel(&self) -> usize {
        self.paths
            .last()
            .map_or(0, |p| p.weight_offset + p.weight_numel())
    }

    /// The outputs of `batch` samples (row-major `[batch][dim_out]`) for inputs `x1`
    /// (`[batch][dim_in1]`), `x2` (`[batch][dim_in2]`) and one weight vector shared by the
    /// batch. [`Error::InvalidInput`] on a length mismatch, [`Error::TooLarge`] when the output
    /// would exceed [`MAX_BUFFER_BYTES`]. Parallel over chunks of the batch (rayon).
    pub fn forward<T: Real>(
        &self,
        x1: &[T],
        x2: &[T],
        weights: &[T],
        batch: usize,
    ) -> Result<Vec<T>> {
        self.check_inputs(x1, x2, weights, batch)?;
        let out_len = buffer_len::<T>("the tensor product output", batch, self.irreps_out.dim())?;
        Ok(self.plan.forward(x1, x2, weights, batch, out_len))
    }

    /// The gradients of `Σ grad_out · forward(x1, x2, weights)` with respect to `x1`, `x2`
    /// and the weights (reverse mode; `grad_out` is `[batch][dim_out]`). Errors as
    /// [`TensorProduct::forward`].
    pub fn backward<T: Real>(
        &self,
        x1: &[T],
        x2: &[T],
        weights: &[T],
        grad_out: &[T],
        batch: usize,
    ) -> Result<Gradients<T>> {
        self.check_inputs(x1, x2, weights, batch)?;
        check_len("grad_out", grad_out.len(), batch, self.irreps_out.dim())?;
        buffer_len::<T>("the gradient of x1", batch, self.irreps_in1.dim())?;
        Ok(self.plan.backward(x1, x2, weights, grad_out, batch))
    }

    fn check_inputs<T>(&self, x1: &[T], x2: &[T], weights: &[T], batch: usize) -> Result<()> {
        check_len("x1", x1.len(), batch, self.irreps_in1.dim())?;
        check_len("x2", x2.len(), batch, self.irreps_in2.dim())?;
        check_len("weights", weights.len(), 1, self.weight_numel())
    }
}

/// e3nn's `FullyConnectedTensorProduct`: every allowed path, in the order
/// `for i1 { for i2 { for o { if ir_out ∈ ir1 ⊗ ir2 } } }`, with "uvw" weights and the
/// normalisation of the module docs. Dereferences to its [`TensorProduct`].
#[derive(Clone, Debug)]
pub struct FullyConnectedTensorProduct(TensorProduct);

impl FullyConnectedTensorProduct {
    /// Every path `irreps_in1 ⊗ irreps_in2 → irreps_out` allowed by the Clebsch–Gordan series
    /// and parity (errors as [`TensorProduct::new`]).
    pub fn new(irreps_in1: &Irreps, irreps_in2: &Irreps, irreps_out: &Irreps) -> Result<Self> {
        let instructions = paths::all_paths(irreps_in1, irreps_in2, irreps_out);
        TensorProduct::new(irreps_in1, irreps_in2, irreps_out, &instructions).map(Self)
    }
}

impl Deref for FullyConnectedTensorProduct {
    type Target = TensorProduct;
    fn deref(&self) -> &TensorProduct {
        &self.0
    }
}

/// [`Error::InvalidInput`] unless `actual = rows · row_len`, naming both lengths.
pub(crate) fn check_len(what: &str, actual: usize, rows: usize, row_len: usize) -> Result<()> {
    match rows.checked_mul(row_len) {
        Some(expected) if expected == actual => Ok(()),
        expected => Err(Error::InvalidInput(format!(
            "{what} has length {actual}, expected {} ({rows} x {row_len})",
            expected.map_or("more than 2^64".to_string(), |e| e.to_string())
        ))),
    }
}

/// `rows · row_len`, or [`Error::TooLarge`] when that many `T` exceed [`MAX_BUFFER_BYTES`].
pub(crate) fn buffer_len<T>(what: &str, rows: usize, row_len: usize) -> Result<usize> {
    let bytes = rows as f64 * row_len as f64 * std::mem::size_of::<T>() as f64;
    if bytes > MAX_BUFFER_BYTES {
        return Err(Error::TooLarge {
            what: what.to_string(),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_BUFFER_BYTES),
        });
    }
    Ok(rows * row_len)
}
