//! The batched forward and backward passes of a tensor product.
//!
//! The batch is cut into chunks of `B` samples (a multiple of 16 chosen so that the chunk's
//! scratch is about 2¹⁶ numbers; rayon-parallel over chunks when there is more than one). Inside
//! a chunk every array is stored feature-major, `[feature][z]`, so the innermost loops run
//! over the `B` samples: long, contiguous and vectorised (compiled for AVX2 and AVX-512 and
//! chosen at run time, without fused multiply-adds, so every machine gets the same numbers).
//! For each output block `o` (`mul_out × l3`, `fan_in = K`):
//!
//! 1. **Sparse Clebsch–Gordan step.** For each path `p` into `o`, `v < mul2`, component `k`
//!    and row `i` with some `C[i][j][k] ≠ 0` (at most two `j` per `(i, k)`): the coefficients
//!    `c[z] = Σ_j C[i][j][k] x2[z][v][j]`, then for each `u`
//!    `P_o[k][κ_p + v·mul1 + u][z] += c[z] · x1[z][u][i]`.
//! 2. **Dense weight step.** For each `k`, one matrix product
//!    `out[z][o][w][k] = Σ_κ Ŵ_o[w][κ] P_o[k][κ][z]` (`mul_out × K` times `K × B`), `Ŵ_o` the
//!    paths' weights scaled by `α_o` and stacked along `κ`, written straight into the strided
//!    output by nalgebra's GEMM (matrixmultiply: packed, vectorised).
//!
//! The backward pass recomputes `P`, forms `∂P_o[k] = Ŵ_oᵀ ∂out_k` and
//! `∂Ŵ_o = Σ_k ∂out_k P_o[k]ᵀ` by GEMM, and runs the sparse step in reverse:
//! `∂x1[z][u][i] += c[z] ∂P[κ][z]` and `∂x2[z][v][j] += C[i][j][k] Σ_u x1[z][u][i] ∂P[κ][z]`.
//!
//! Reference: Geiger & Smidt, arXiv:2207.09453, §3 (the same contraction, done by e3nn as
//! einsums generated per path).

use crate::linalg::simd::{Simd, detect_simd};
use nalgebra::{DMatrix, Dyn, Matrix, MatrixView, MatrixViewMut, Storage, StorageMut};
use rayon::prelude::*;
use std::ops::Range;

use super::paths::Path;
use super::{MAX_BUFFER_BYTES, Real};
use crate::error::human_bytes;
use crate::so3::clebsch_gordan::{CouplingEntry, real_clebsch_gordan};
use crate::so3::irreps::Irreps;
use crate::{Error, Result};

/// Scratch elements aimed at per chunk (`B · Σ_o K_o (2l_o + 1)`).
const CHUNK_TARGET: usize = 1 << 16;
/// The smallest and largest chunk (samples).
const CHUNK_RANGE: (usize, usize) = (16, 256);

/// The gradients of `Σ grad_out · out` with respect to the inputs and the weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients<T> {
    /// `[batch][dim_in1]`.
    pub x1: Vec<T>,
    /// `[batch][dim_in2]`.
    pub x2: Vec<T>,
    /// The weight vector's layout.
    pub weights: Vec<T>,
}

/// The non-zeros of one coupling tensor grouped for the sparse step: for each `k`, the rows
/// `i` that reach it, and for each such `(i, k)` the pairs `(j, C[i][j][k])`. One `axpy` per
/// `(i, k)` with the coefficient `Σ_j C[i][j][k] x2[v][j]` (at most `min(nnz, n1 n3)` of them).
#[derive(Clone, Debug, Default)]
struct Sparse {
    /// `(k, range into terms)`.
    groups: Vec<(usize, Range<usize>)>,
    /// `(a = i · mul1, range into coefficients)`.
    terms: Vec<(usize, Range<usize>)>,
    /// `(j, C[i][j][k])`.
    coefficients: Vec<(usize, f64)>,
}

impl Sparse {
    fn new(entries: &[CouplingEntry], n3: usize, mul1: usize) -> Self {
        let mut sorted = entries.to_vec();
        sorted.sort_by_key(|e| (e.k, e.i, e.j));
        let mut out = Sparse::default();
        for k in 0..n3 {
            let first = out.terms.len();
            for e in sorted.iter().filter(|e| e.k == k) {
                let at = out.coefficients.len();
                let a = e.i * mul1;
                let same_row = out.terms.len() > first && out.terms[out.terms.len() - 1].0 == a;
                match out.terms.last_mut() {
                    Some((_, range)) if same_row => range.end = at + 1,
                    _ => out.terms.push((a, at..at + 1)),
                }
                out.coefficients.push((e.j, e.value));
            }
            out.groups.push((k, first..out.terms.len()));
        }
        out
    }

    /// `c[z] = Σ_j C[i][j][k] x2ᵀ[j][z]` over a term's coefficients (`x2ᵀ` has rows of `n`).
    #[inline(always)]
    fn coefficients<T: Real>(&self, range: &Range<usize>, x2t: &[T], c: &mut [T]) {
        let n = c.len();
        for (t, &(j, value)) in self.coefficients[range.clone()].iter().enumerate() {
            let (value, row) = (T::of_f64(value), &x2t[j * n..(j + 1) * n]);
            if t == 0 {
                scale(c, value, row);
            } else {
                axpy(c, value, row);
            }
        }
    }
}

/// One path as the kernel sees it.
#[derive(Clone, Debug)]
struct PathPlan {
    weight_offset: usize,
    /// The path's first row `κ_p` in the stacked `P_o`.
    kappa: usize,
    mul1: usize,
    mul2: usize,
    x1_offset: usize,
    x2_offset: usize,
    n2: usize,
    sparse: Sparse,
}

/// One output block and the paths into it.
#[derive(Clone, Debug)]
struct OutputPlan {
    offset: usize,
    mul: usize,
    n: usize,
    fan_in: usize,
    coefficient: f64,
    paths: Vec<PathPlan>,
}

impl OutputPlan {
    fn active(&self) -> bool {
        self.mul > 0 && self.fan_in > 0
    }
}

/// The precomputed recipe of a tensor product's kernels.
#[derive(Clone, Debug)]
pub(super) struct Plan {
    dims: [usize; 3],
    /// `(offset, mul, 2l + 1)` of each block of `irreps_in1`.
    in1_blocks: Vec<(usize, usize, usize)>,
    outputs: Vec<OutputPlan>,
    chunk: usize,
}

/// The inputs of one chunk and the gradients to write.
struct BackwardIo<'a, T> {
    x1: &'a [T],
    x2: &'a [T],
    g1: &'a mut [T],
    g2: &'a mut [T],
}

/// Per-thread buffers; every array is feature-major, `[feature][z]`, so that the sparse steps
/// run over the chunk's samples in the innermost loop.
struct Scratch<T> {
    /// `x1ᵀ`: row `offset + i·mul1 + u` holds `x1[z][offset + u(2l1+1) + i]` for each `z`.
    x1t: Vec<T>,
    /// `x2ᵀ`: row `j` holds `x2[z][j]`.
    x2t: Vec<T>,
    /// `Σ_j C[i][j][k] x2[z][v][j]` for each `z`.
    coefficients: Vec<T>,
    /// `P_o[k][κ][z]`.
    products: Vec<Vec<T>>,
    grad_products: Vec<Vec<T>>,
    grad_x1t: Vec<T>,
    grad_x2t: Vec<T>,
    /// `Σ_u x1[z][u][i] ∂P[κ][z]` for each `z`.
    dots: Vec<T>,
}

impl Plan {
    /// Groups the paths by output block and fetches their Clebsch–Gordan non-zeros.
    pub(super) fn new(in1: &Irreps, in2: &Irreps, out: &Irreps, paths: &[Path]) -> Result<Self> {
        let (o1, o2, oo) = (in1.offsets(), in2.offsets(), out.offsets());
        let mut outputs: Vec<OutputPlan> = out
            .blocks()
            .iter()
            .zip(&oo)
            .map(|(b, &offset)| OutputPlan {
                offset,
                mul: b.mul,
                n: b.irrep.dim(),
                fan_in: 0,
                coefficient: 1.0,
                paths: Vec::new(),
            })
            .collect();
        for p in paths {
            let [ir1, ir2, ir3] = p.irreps;
            let coupling = real_clebsch_gordan(ir1.l, ir2.l, ir3.l)?;
            let sparse = Sparse::new(coupling.nonzeros(), ir3.dim(), p.muls[0]);
            let target = &mut outputs[p.out];
            target.paths.push(PathPlan {
                weight_offset: p.weight_offset,
                kappa: target.fan_in,
                mul1: p.muls[0],
                mul2: p.muls[1],
                x1_offset: o1[p.i1],
                x2_offset: o2[p.i2],
                n2: ir2.dim(),
                sparse,
            });
            target.fan_in += p.muls[0] * p.muls[1];
            target.coefficient = p.coefficient;
        }
        let per_sample: f64 = outputs.iter().map(|o| o.fan_in as f64 * o.n as f64).sum();
        let chunk = (CHUNK_TARGET as f64 / per_sample.max(1.0)) as usize;
        let chunk = chunk.clamp(CHUNK_RANGE.0, CHUNK_RANGE.1) / 16 * 16;
        let bytes = 2.0 * per_sample * chunk as f64 * 8.0;
        if bytes > MAX_BUFFER_BYTES {
            return Err(Error::TooLarge {
                what: "the tensor product's scratch buffers".into(),
                needed: human_bytes(bytes),
                limit: human_bytes(MAX_BUFFER_BYTES),
            });
        }
        let in1_blocks = in1
            .blocks()
            .iter()
            .zip(&o1)
            .map(|(b, &o)| (o, b.mul, b.irrep.dim()))
            .collect();
        Ok(Self {
            dims: [in1.dim(), in2.dim(), out.dim()],
            in1_blocks,
            outputs,
            chunk,
        })
    }

    /// The forward pass (inputs already checked; `out_len = batch · dim_out`).
    pub(super) fn forward<T: Real>(
        &self,
        x1: &[T],
        x2: &[T],
        weights: &[T],
        batch: usize,
        out_len: usize,
    ) -> Vec<T> {
        let mut out = vec![T::zero(); out_len];
        if self.dims.contains(&0) || batch == 0 {
            return out;
        }
        let [d1, d2, d_out] = self.dims;
        let w = self.stacked_weights(weights);
        let run = |scratch: &mut Scratch<T>, (c, rows): (usize, &mut [T])| {
            let (z0, n) = (c * self.chunk, rows.len() / d_out);
            let x1 = &x1[z0 * d1..(z0 + n) * d1];
            let x2 = &x2[z0 * d2..(z0 + n) * d2];
            self.fill_products(x1, x2, n, scratch);
            self.contract_weights(&w, &scratch.products, rows, n);
        };
        if batch <= self.chunk {
            run(&mut self.scratch(false), (0, &mut out));
        } else {
            out.par_chunks_mut(self.chunk * d_out)
                .enumerate()
                .for_each_init(|| self.scratch(false), run);
        }
        out
    }

    /// The backward pass (inputs already checked).
    pub(super) fn backward<T: Real>(
        &self,
        x1: &[T],
        x2: &[T],
        weights: &[T],
        grad_out: &[T],
        batch: usize,
    ) -> Gradients<T> {
        let [d1, d2, d_out] = self.dims;
        let mut grads = Gradients {
            x1: vec![T::zero(); batch * d1],
            x2: vec![T::zero(); batch * d2],
            weights: vec![T::zero(); weights.len()],
        };
        if self.dims.contains(&0) || batch == 0 {
            return grads;
        }
        let w = self.stacked_weights(weights);
        let w_t: Vec<DMatrix<T>> = w.iter().map(DMatrix::transpose).collect();
        let run = |scratch: &mut Scratch<T>, (c, (g1, g2)): (usize, (&mut [T], &mut [T]))| {
            let (z0, n) = (c * self.chunk, g1.len() / d1);
            let (x1, x2) = (rows_of(x1, z0, n, d1), rows_of(x2, z0, n, d2));
            self.fill_products(x1, x2, n, scratch);
            let grad_w =
                self.weight_step_backward(&w_t, rows_of(grad_out, z0, n, d_out), n, scratch);
            self.sparse_step_backward(BackwardIo { x1, x2, g1, g2 }, n, scratch);
            grad_w
        };
        let chunks = grads.x1.par_chunks_mut(self.chunk * d1);
        let grad_w = chunks
            .zip(grads.x2.par_chunks_mut(self.chunk * d2))
            .enumerate()
            .map_init(|| self.scratch(true), run)
            .reduce(|| self.zero_stacked(), add_all);
        self.unstack_gradient(&grad_w, &mut grads.weights);
        grads
    }

    fn scratch<T: Real>(&self, backward: bool) -> Scratch<T> {
        let buffers = |on: bool| {
            self.outputs
                .iter()
                .map(|o| vec![T::zero(); if on { o.fan_in * o.n * self.chunk } else { 0 }])
                .collect()
        };
        let [d1, d2, _] = self.dims;
        let grad = |len: usize| vec![T::zero(); if backward { len * self.chunk } else { 0 }];
        Scratch {
            x1t: vec![T::zero(); d1 * self.chunk],
            x2t: vec![T::zero(); d2 * self.chunk],
            coefficients: vec![T::zero(); self.chunk],
            products: buffers(true),
            grad_products: buffers(backward),
            grad_x1t: grad(d1),
            grad_x2t: grad(d2),
            dots: grad(1),
        }
    }

    /// `Ŵ_o[w][κ_p + v·mul1 + u] = α_o W_p[w][u][v]` for each output block.
    fn stacked_weights<T: Real>(&self, weights: &[T]) -> Vec<DMatrix<T>> {
        self.outputs
            .iter()
            .map(|o| {
                let alpha = T::of_f64(o.coefficient);
                let mut m = DMatrix::zeros(o.mul, o.fan_in);
                for p in &o.paths {
                    for w in 0..o.mul {
                        for u in 0..p.mul1 {
                            for v in 0..p.mul2 {
                                let source = p.weight_offset + (w * p.mul1 + u) * p.mul2 + v;
                                m[(w, p.kappa + v * p.mul1 + u)] = alpha * weights[source];
                            }
                        }
                    }
                }
                m
            })
            .collect()
    }

    fn zero_stacked<T: Real>(&self) -> Vec<DMatrix<T>> {
        self.outputs
            .iter()
            .map(|o| DMatrix::zeros(o.mul, o.fan_in))
            .collect()
    }

    /// The adjoint of [`Plan::stacked_weights`]: `∂W_p[w][u][v] = α_o ∂Ŵ_o[w][κ_p + v·mul1 + u]`.
    fn unstack_gradient<T: Real>(&self, stacked: &[DMatrix<T>], out: &mut [T]) {
        for (o, m) in self.outputs.iter().zip(stacked) {
            let alpha = T::of_f64(o.coefficient);
            for p in &o.paths {
                for w in 0..o.mul {
                    for u in 0..p.mul1 {
                        for v in 0..p.mul2 {
                            let target = p.weight_offset + (w * p.mul1 + u) * p.mul2 + v;
                            out[target] = alpha * m[(w, p.kappa + v * p.mul1 + u)];
                        }
                    }
                }
            }
        }
    }

    /// Step 1 (module docs): `P_o[k][κ][z]` for the `n` samples of the chunk (every entry is
    /// written, so the buffers need no clearing).
    #[inline(always)]
    fn fill_products_body<T: Real>(&self, x1: &[T], x2: &[T], n: usize, scratch: &mut Scratch<T>) {
        let Scratch {
            x1t,
            x2t,
            coefficients,
            products,
            ..
        } = scratch;
        self.transpose_inputs(x1, x2, n, x1t, x2t);
        let c = &mut coefficients[..n];
        for (o, products) in self.outputs.iter().zip(products.iter_mut()) {
            for p in &o.paths {
                for v in 0..p.mul2 {
                    let x2v = &x2t[(p.x2_offset + v * p.n2) * n..][..p.n2 * n];
                    for (k, terms) in &p.sparse.groups {
                        let base = (k * o.fan_in + p.kappa + v * p.mul1) * n;
                        let dst = &mut products[base..base + p.mul1 * n];
                        if terms.is_empty() {
                            dst.fill(T::zero());
                        }
                        for (t, (a, range)) in p.sparse.terms[terms.clone()].iter().enumerate() {
                            p.sparse.coefficients(range, x2v, c);
                            let rows = &x1t[(p.x1_offset + a) * n..][..p.mul1 * n];
                            for (dst, src) in dst.chunks_exact_mut(n).zip(rows.chunks_exact(n)) {
                                if t == 0 {
                                    mul_into(dst, c, src);
                                } else {
                                    mul_add(dst, c, src);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// [`Plan::fill_products_body`] compiled for the CPU's vector width (runtime dispatch; the
    /// same code without fused multiply-adds, so the results are identical).
    fn fill_products<T: Real>(&self, x1: &[T], x2: &[T], n: usize, scratch: &mut Scratch<T>) {
        match detect_simd() {
            Simd::Scalar => self.fill_products_body(x1, x2, n, scratch),
            // SAFETY: `detect_simd` checked that the CPU has these target features.
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2 => unsafe { self.fill_products_avx2(x1, x2, n, scratch) },
            #[cfg(target_arch = "x86_64")]
            Simd::Avx512 => unsafe { self.fill_products_avx512(x1, x2, n, scratch) },
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn fill_products_avx2<T: Real>(&self, x1: &[T], x2: &[T], n: usize, s: &mut Scratch<T>) {
        self.fill_products_body(x1, x2, n, s)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn fill_products_avx512<T: Real>(&self, x1: &[T], x2: &[T], n: usize, s: &mut Scratch<T>) {
        self.fill_products_body(x1, x2, n, s)
    }

    /// [`Plan::sparse_step_backward_body`] with the dispatch of [`Plan::fill_products`].
    fn sparse_step_backward<T: Real>(&self, io: BackwardIo<'_, T>, n: usize, s: &mut Scratch<T>) {
        match detect_simd() {
            Simd::Scalar => self.sparse_step_backward_body(io, n, s),
            // SAFETY: `detect_simd` checked that the CPU has these target features.
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2 => unsafe { self.sparse_step_backward_avx2(io, n, s) },
            #[cfg(target_arch = "x86_64")]
            Simd::Avx512 => unsafe { self.sparse_step_backward_avx512(io, n, s) },
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn sparse_step_backward_avx2<T: Real>(
        &self,
        io: BackwardIo<'_, T>,
        n: usize,
        s: &mut Scratch<T>,
    ) {
        self.sparse_step_backward_body(io, n, s)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn sparse_step_backward_avx512<T: Real>(
        &self,
        io: BackwardIo<'_, T>,
        n: usize,
        s: &mut Scratch<T>,
    ) {
        self.sparse_step_backward_body(io, n, s)
    }

    /// Step 2 (module docs): `out_k = Ŵ_o P_o[k]`, written into the strided output rows.
    fn contract_weights<T: Real>(
        &self,
        w: &[DMatrix<T>],
        products: &[Vec<T>],
        out: &mut [T],
        n: usize,
    ) {
        let d_out = self.dims[2];
        for ((o, w), p) in self.outputs.iter().zip(w).zip(products) {
            if !o.active() {
                continue;
            }
            let len = n * o.fan_in;
            for k in 0..o.n {
                let rhs = strided(&p[k * len..][..len], [o.fan_in, n], [n, 1]);
                let mut y = strided_mut(&mut out[o.offset + k..], [o.mul, n], [o.n, d_out]);
                gemm(&mut y, w, &rhs, T::zero());
            }
        }
    }

    /// `∂P_o[k] = Ŵ_oᵀ ∂out_k` (into the scratch) and the chunk's `∂Ŵ_o = Σ_k ∂out_k P_o[k]ᵀ`.
    fn weight_step_backward<T: Real>(
        &self,
        w_t: &[DMatrix<T>],
        grad_out: &[T],
        n: usize,
        scratch: &mut Scratch<T>,
    ) -> Vec<DMatrix<T>> {
        let d_out = self.dims[2];
        let mut grad_w = self.zero_stacked();
        let parts = self.outputs.iter().zip(w_t).zip(&mut grad_w);
        for (((o, w_t), gw), (p, gp)) in
            parts.zip(scratch.products.iter().zip(&mut scratch.grad_products))
        {
            if !o.active() {
                continue;
            }
            let len = n * o.fan_in;
            for k in 0..o.n {
                let g = strided(&grad_out[o.offset + k..], [o.mul, n], [o.n, d_out]);
                let mut gp_k = strided_mut(&mut gp[k * len..][..len], [o.fan_in, n], [n, 1]);
                gemm(&mut gp_k, w_t, &g, T::zero());
                let p_t = strided(&p[k * len..][..len], [n, o.fan_in], [1, n]);
                gemm(gw, &g, &p_t, T::one());
            }
        }
        grad_w
    }

    /// The sparse step in reverse: `∂x1[u][i] += C x2[v][j] ∂P[κ]`, `∂x2[v][j] += C Σ_u x1[u][i] ∂P[κ]`.
    #[inline(always)]
    fn sparse_step_backward_body<T: Real>(
        &self,
        io: BackwardIo<'_, T>,
        n: usize,
        scratch: &mut Scratch<T>,
    ) {
        let BackwardIo { x1, x2, g1, g2 } = io;
        let Scratch {
            x1t,
            x2t,
            coefficients,
            grad_products,
            grad_x1t,
            grad_x2t,
            dots,
            ..
        } = scratch;
        self.transpose_inputs(x1, x2, n, x1t, x2t);
        let (gx1t, gx2t) = (
            &mut grad_x1t[..self.dims[0] * n],
            &mut grad_x2t[..self.dims[1] * n],
        );
        gx1t.fill(T::zero());
        gx2t.fill(T::zero());
        let (c, d) = (&mut coefficients[..n], &mut dots[..n]);
        for (o, gp) in self.outputs.iter().zip(grad_products.iter()) {
            for p in &o.paths {
                for v in 0..p.mul2 {
                    let row = (p.x2_offset + v * p.n2) * n;
                    for (k, terms) in &p.sparse.groups {
                        let base = (k * o.fan_in + p.kappa + v * p.mul1) * n;
                        let g = &gp[base..base + p.mul1 * n];
                        for (a, range) in &p.sparse.terms[terms.clone()] {
                            p.sparse.coefficients(range, &x2t[row..row + p.n2 * n], c);
                            let at = (p.x1_offset + a) * n;
                            let rows = &x1t[at..at + p.mul1 * n];
                            let grad_rows = &mut gx1t[at..at + p.mul1 * n];
                            d.fill(T::zero());
                            let parts = g.chunks_exact(n).zip(rows.chunks_exact(n));
                            for ((g, x), gx) in parts.zip(grad_rows.chunks_exact_mut(n)) {
                                mul_add(gx, c, g);
                                mul_add(d, x, g);
                            }
                            for &(j, cj) in &p.sparse.coefficients[range.clone()] {
                                axpy(&mut gx2t[row + j * n..row + (j + 1) * n], T::of_f64(cj), d);
                            }
                        }
                    }
                }
            }
        }
        self.untranspose_gradients(gx1t, gx2t, n, g1, g2);
    }

    /// Fills `x1ᵀ` and `x2ᵀ` (see [`Scratch`]) from the chunk's row-major inputs.
    #[inline(always)]
    fn transpose_inputs<T: Real>(
        &self,
        x1: &[T],
        x2: &[T],
        n: usize,
        x1t: &mut [T],
        x2t: &mut [T],
    ) {
        let [d1, d2, _] = self.dims;
        for z in 0..n {
            let row = &x1[z * d1..(z + 1) * d1];
            for &(offset, mul, dim) in &self.in1_blocks {
                for u in 0..mul {
                    for i in 0..dim {
                        x1t[(offset + i * mul + u) * n + z] = row[offset + u * dim + i];
                    }
                }
            }
            for (j, &x) in x2[z * d2..(z + 1) * d2].iter().enumerate() {
                x2t[j * n + z] = x;
            }
        }
    }

    /// The inverse of [`Plan::transpose_inputs`], for the gradients.
    #[inline(always)]
    fn untranspose_gradients<T: Real>(
        &self,
        g1t: &[T],
        g2t: &[T],
        n: usize,
        g1: &mut [T],
        g2: &mut [T],
    ) {
        let [d1, d2, _] = self.dims;
        for z in 0..n {
            let row = &mut g1[z * d1..(z + 1) * d1];
            for &(offset, mul, dim) in &self.in1_blocks {
                for u in 0..mul {
                    for i in 0..dim {
                        row[offset + u * dim + i] = g1t[(offset + i * mul + u) * n + z];
                    }
                }
            }
            for (j, g) in g2[z * d2..(z + 1) * d2].iter_mut().enumerate() {
                *g = g2t[j * n + z];
            }
        }
    }
}

/// Rows `z0..z0 + n` of a row-major `[batch][d]` array.
fn rows_of<T>(x: &[T], z0: usize, n: usize, d: usize) -> &[T] {
    &x[z0 * d..(z0 + n) * d]
}

/// Sums per-chunk weight gradients.
fn add_all<T: Real>(mut a: Vec<DMatrix<T>>, b: Vec<DMatrix<T>>) -> Vec<DMatrix<T>> {
    for (x, y) in a.iter_mut().zip(&b) {
        *x += y;
    }
    a
}

/// `y += a x`.
#[inline(always)]
pub(crate) fn axpy<T: Real>(y: &mut [T], a: T, x: &[T]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// `y ← a b + β y` (`y` is not read when `β = 0`). Above [`SMALL_DIM`] in every dimension this
/// is nalgebra's GEMM, which then calls matrixmultiply's packed, vectorised kernels with the
/// views' strides; smaller products use the plain triple loop (nalgebra's own fallback reads
/// row-strided views out of bounds).
pub(crate) fn gemm<T: Real, SY, SA, SB>(
    y: &mut Matrix<T, Dyn, Dyn, SY>,
    a: &Matrix<T, Dyn, Dyn, SA>,
    b: &Matrix<T, Dyn, Dyn, SB>,
    beta: T,
) where
    SY: StorageMut<T, Dyn, Dyn>,
    SA: Storage<T, Dyn, Dyn>,
    SB: Storage<T, Dyn, Dyn>,
{
    if y.nrows() > SMALL_DIM && y.ncols() > SMALL_DIM && a.ncols() > SMALL_DIM {
        y.gemm(T::one(), a, b, beta);
        return;
    }
    for j in 0..y.ncols() {
        for i in 0..y.nrows() {
            let s = (0..a.ncols()).fold(T::zero(), |s, k| s + a[(i, k)] * b[(k, j)]);
            y[(i, j)] = if beta == T::zero() {
                s
            } else {
                s + beta * y[(i, j)]
            };
        }
    }
}

/// nalgebra hands a product to matrixmultiply when every dimension exceeds this.
const SMALL_DIM: usize = 5;

/// `y = a x`.
#[inline(always)]
fn scale<T: Real>(y: &mut [T], a: T, x: &[T]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y = a * x;
    }
}

/// `y[z] = a[z] x[z]`.
#[inline(always)]
fn mul_into<T: Real>(y: &mut [T], a: &[T], x: &[T]) {
    for ((y, &a), &x) in y.iter_mut().zip(a).zip(x) {
        *y = a * x;
    }
}

/// `y[z] += a[z] x[z]`.
#[inline(always)]
fn mul_add<T: Real>(y: &mut [T], a: &[T], x: &[T]) {
    for ((y, &a), &x) in y.iter_mut().zip(a).zip(x) {
        *y += a * x;
    }
}

/// The `shape[0] × shape[1]` matrix at the start of `data` with row and column strides
/// `strides` (the caller guarantees the slice is long enough).
pub(crate) fn strided<T: Real>(
    data: &[T],
    shape: [usize; 2],
    strides: [usize; 2],
) -> MatrixView<'_, T, Dyn, Dyn, Dyn, Dyn> {
    MatrixView::from_slice_with_strides_generic(
        data,
        Dyn(shape[0]),
        Dyn(shape[1]),
        Dyn(strides[0]),
        Dyn(strides[1]),
    )
}

/// The mutable counterpart of [`strided`].
pub(crate) fn strided_mut<T: Real>(
    data: &mut [T],
    shape: [usize; 2],
    strides: [usize; 2],
) -> MatrixViewMut<'_, T, Dyn, Dyn, Dyn, Dyn> {
    MatrixViewMut::from_slice_with_strides_generic(
        data,
        Dyn(shape[0]),
        Dyn(shape[1]),
        Dyn(strides[0]),
        Dyn(strides[1]),
    )
}
