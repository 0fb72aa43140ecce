//! The general equivariant linear map of `O(3)` between irreps strings (e3nn's `o3.Linear`).
//!
//! By Schur's lemma an equivariant linear map `⊕ m_i ρ_i → ⊕ n_j ρ_j` between real irreps of
//! real type (every `lp` of `O(3)` is) connects only equal irreps, and on those it is
//! `W ⊗ 1_{2l+1}`: a matrix acting on the multiplicity indices alone. So for each input block
//! `i` and output block `o` with the same irrep there is a weight block `W_{io}[w][u]`
//! (`mul_out × mul_in`), and
//!
//! ```text
//! out[o][w][m] = α_o Σ_{i: ir_i = ir_o} Σ_u W_{io}[w][u] x[i][u][m]  (+ b_o[w] if ir_o = 0e),
//! α_o = 1/√fan_in(o),   fan_in(o) = Σ_{i: ir_i = ir_o} mul_i,
//! ```
//!
//! e3nn's path normalisation "element" (unit-variance inputs and weights give unit-variance
//! outputs). The weights are the blocks `[mul_out][mul_in]` concatenated in e3nn's order (input
//! block, then output block; e3nn stores each block `[mul_in][mul_out]`); the optional biases
//! (one per copy of `0e` in the output, unscaled) are a separate vector.
//!
//! ```
//! use equivariant::so3::linear::Linear;
//! let lin = Linear::new(&"2x0e+1x1o".parse().unwrap(), &"3x0e+2x1o".parse().unwrap(), true)
//!     .unwrap();
//! assert_eq!((lin.weight_numel(), lin.bias_numel()), (3 * 2 + 2 * 1, 3));
//! let out = lin.forward(&[1.0f64; 5], &[1.0; 8], &[0.0; 3], 1).unwrap();
//! assert!((out[0] - 2.0 / 2f64.sqrt()).abs() < 1e-12);
//! ```
//!
//! Reference: Geiger & Smidt, "e3nn: Euclidean Neural Networks", arXiv:2207.09453, §3.

use nalgebra::DMatrix;
use rayon::prelude::*;

use super::irreps::{Irrep, Irreps, Parity};
use super::tensor_product::kernel::{gemm, strided, strided_mut};
use super::tensor_product::{Real, buffer_len, check_len};
use crate::{Error, Result};

/// Samples per parallel chunk.
const CHUNK: usize = 256;

/// The largest weight vector a linear layer may have (2³¹ entries).
pub const MAX_WEIGHTS: usize = 1 << 31;

/// One weight block: input block `input` to output block `out`, both copies of `irrep`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearPath {
    /// Block index in `irreps_in`.
    pub input: usize,
    /// Block index in `irreps_out`.
    pub out: usize,
    /// The common irrep.
    pub irrep: Irrep,
    /// `[mul_in, mul_out]`.
    pub muls: [usize; 2],
    /// Where the `[mul_out][mul_in]` block starts in the weight vector.
    pub weight_offset: usize,
    /// `α = 1/√fan_in(out)`.
    pub coefficient: f64,
}

/// The equivariant linear layer `irreps_in → irreps_out` (module docs).
#[derive(Clone, Debug)]
pub struct Linear {
    irreps_in: Irreps,
    irreps_out: Irreps,
    paths: Vec<LinearPath>,
    /// `(offset in the output row, mul, offset in the bias vector)` of each biased block.
    biases: Vec<(usize, usize, usize)>,
}

impl Linear {
    /// Every pair (input block, output block) with equal irreps, with biases on the `0e`
    /// output blocks when `bias`. [`Error::TooLarge`] above [`MAX_WEIGHTS`] weights.
    pub fn new(irreps_in: &Irreps, irreps_out: &Irreps, bias: bool) -> Result<Self> {
        let paths = linear_paths(irreps_in, irreps_out)?;
        let scalar = Irrep {
            l: 0,
            parity: Parity::Even,
        };
        let mut biases = Vec::new();
        let mut next = 0;
        for (b, offset) in irreps_out.blocks().iter().zip(irreps_out.offsets()) {
            if bias && b.irrep == scalar {
                biases.push((offset, b.mul, next));
                next += b.mul;
            }
        }
        Ok(Self {
            irreps_in: irreps_in.clone(),
            irreps_out: irreps_out.clone(),
            paths,
            biases,
        })
    }

    /// The input's irreps.
    pub fn irreps_in(&self) -> &Irreps {
        &self.irreps_in
    }

    /// The output's irreps.
    pub fn irreps_out(&self) -> &Irreps {
        &self.irreps_out
    }

    /// The weight blocks in weight order.
    pub fn paths(&self) -> &[LinearPath] {
        &self.paths
    }

    /// `Σ mul_in · mul_out` over the weight blocks.
    pub fn weight_numel(&self) -> usize {
        self.paths
            .last()
            .map_or(0, |p| p.weight_offset + p.muls[0] * p.muls[1])
    }

    /// The number of biases (the copies of `0e` in the output when built with `bias`).
    pub fn bias_numel(&self) -> usize {
        self.biases.iter().map(|b| b.1).sum()
    }

    /// The outputs `[batch][dim_out]` of the inputs `x` (`[batch][dim_in]`), with one weight
    /// and one bias vector shared by the batch. [`Error::InvalidInput`] on a length mismatch,
    /// [`Error::TooLarge`] when the output would exceed
    /// [`super::tensor_product::MAX_BUFFER_BYTES`]. Parallel over chunks of the batch.
    pub fn forward<T: Real>(
        &self,
        x: &[T],
        weights: &[T],
        biases: &[T],
        batch: usize,
    ) -> Result<Vec<T>> {
        let (d_in, d_out) = (self.irreps_in.dim(), self.irreps_out.dim());
        check_len("x", x.len(), batch, d_in)?;
        check_len("weights", weights.len(), 1, self.weight_numel())?;
        check_len("biases", biases.len(), 1, self.bias_numel())?;
        let mut out = vec![T::zero(); buffer_len::<T>("the linear layer's output", batch, d_out)?];
        if d_out == 0 || batch == 0 {
            return Ok(out);
        }
        let blocks = self.weight_blocks(weights);
        let run = |(c, rows): (usize, &mut [T])| {
            let (z0, n) = (c * CHUNK, rows.len() / d_out);
            self.forward_chunk(&x[z0 * d_in..(z0 + n) * d_in], &blocks, biases, rows, n);
        };
        if batch <= CHUNK {
            run((0, &mut out));
        } else {
            out.par_chunks_mut(CHUNK * d_out).enumerate().for_each(run);
        }
        Ok(out)
    }

    /// `α_o W_{io}` as `mul_out × mul_in` matrices, one per path.
    fn weight_blocks<T: Real>(&self, weights: &[T]) -> Vec<DMatrix<T>> {
        self.paths
            .iter()
            .map(|p| {
                let [mul_in, mul_out] = p.muls;
                let alpha = T::of_f64(p.coefficient);
                DMatrix::from_fn(mul_out, mul_in, |w, u| {
                    alpha * weights[p.weight_offset + w * mul_in + u]
                })
            })
            .collect()
    }

    /// `out_k[w][z] (+)= α W x_k[u][z]` for every path and component `k`, by strided GEMM.
    fn forward_chunk<T: Real>(
        &self,
        x: &[T],
        blocks: &[DMatrix<T>],
        biases: &[T],
        out: &mut [T],
        n: usize,
    ) {
        let (d_in, d_out) = (self.irreps_in.dim(), self.irreps_out.dim());
        let (in_offsets, out_offsets) = (self.irreps_in.offsets(), self.irreps_out.offsets());
        let mut written = vec![false; out_offsets.len()];
        for (p, w) in self.paths.iter().zip(blocks) {
            let [mul_in, mul_out] = p.muls;
            if mul_in == 0 || mul_out == 0 {
                continue;
            }
            let dim = p.irrep.dim();
            let beta = if written[p.out] { T::one() } else { T::zero() };
            written[p.out] = true;
            for k in 0..dim {
                let xk = strided(&x[in_offsets[p.input] + k..], [mul_in, n], [dim, d_in]);
                let start = out_offsets[p.out] + k;
                let mut yk = strided_mut(&mut out[start..], [mul_out, n], [dim, d_out]);
                gemm(&mut yk, w, &xk, beta);
            }
        }
        for &(offset, mul, at) in &self.biases {
            for row in out.chunks_exact_mut(d_out) {
                for (y, &b) in row[offset..offset + mul]
                    .iter_mut()
                    .zip(&biases[at..at + mul])
                {
                    *y += b;
                }
            }
        }
    }
}

/// The weight blocks in e3nn's order with their offsets and `1/√fan_in` coefficients.
fn linear_paths(irreps_in: &Irreps, irreps_out: &Irreps) -> Result<Vec<LinearPath>> {
    let mut paths = Vec::new();
    let mut offset: usize = 0;
    for (input, bi) in irreps_in.blocks().iter().enumerate() {
        for (out, bo) in irreps_out.blocks().iter().enumerate() {
            if bi.irrep != bo.irrep {
                continue;
            }
            paths.push(LinearPath {
                input,
                out,
                irrep: bi.irrep,
                muls: [bi.mul, bo.mul],
                weight_offset: offset,
                coefficient: 1.0,
            });
            offset = bi
                .mul
                .checked_mul(bo.mul)
                .and_then(|n| offset.checked_add(n))
                .filter(|&n| n <= MAX_WEIGHTS)
                .ok_or_else(|| Error::TooLarge {
                    what: "the linear layer's weights".into(),
                    needed: "more than 2^31 entries".into(),
                    limit: format!("{MAX_WEIGHTS} entries"),
                })?;
        }
    }
    let mut fan_in = vec![0usize; irreps_out.blocks().len()];
    for p in &paths {
        fan_in[p.out] += p.muls[0];
    }
    for p in &mut paths {
        p.coefficient = 1.0 / (fan_in[p.out].max(1) as f64).sqrt();
    }
    Ok(paths)
}
