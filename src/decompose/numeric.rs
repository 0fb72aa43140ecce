//! Numerical helpers of the explicit decomposition: the Cayley tree that turns generator
//! matrices into the matrices of all elements, group averages as one matrix product, ranges
//! of projectors, and seeded Gaussian matrices.

use crate::group::{FiniteGroup, PermutationGroup};
use crate::{Error, Result};
use nalgebra::DMatrix;
use num_complex::Complex64;
use rand::rngs::StdRng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

/// A breadth-first spanning tree of the Cayley graph of a finite group (right multiplication
/// by the generators): every element but the identity is `parent · generator`, so the
/// matrices of all elements follow from those of the generators with one product each.
#[derive(Clone, Debug)]
pub(crate) struct CayleyTree {
    /// `|G|`.
    pub order: usize,
    /// `(child, parent, generator)` with `elements[child] = elements[parent] · gen[generator]`,
    /// parents before children.
    pub steps: Vec<(u32, u32, u32)>,
}

impl CayleyTree {
    /// The tree of `group` over its generators, indexed like [`FiniteGroup::elements`].
    pub fn new(group: &PermutationGroup) -> Result<Self> {
        let elements = group.elements()?;
        let generators = group.generators();
        let order = elements.len();
        let mut seen = vec![false; order];
        seen[0] = true;
        let mut queue: Vec<u32> = Vec::with_capacity(order);
        queue.push(0);
        let mut steps = Vec::with_capacity(order.saturating_sub(1));
        let mut head = 0;
        while head < queue.len() {
            let i = queue[head] as usize;
            head += 1;
            for (k, s) in generators.iter().enumerate() {
                let product = elements[i].compose(s);
                let j = group.index_of(&product)?.ok_or_else(|| {
                    Error::Numerical(format!("a product left {}", group.name_str()))
                })?;
                if !seen[j] {
                    seen[j] = true;
                    steps.push((j as u32, i as u32, k as u32));
                    queue.push(j as u32);
                }
            }
        }
        if queue.len() != order {
            return Err(Error::Numerical(format!(
                "the generators of {} reach {} of its {order} elements",
                group.name_str(),
                queue.len()
            )));
        }
        Ok(CayleyTree { order, steps })
    }

    /// The matrices of all elements stacked side by side, `[ρ(g_0) | ρ(g_1) | …]`
    /// (`d × |G|·d`), from the generator matrices `ρ(s_k)` (each `d × d`).
    pub fn stack(&self, generators: &[DMatrix<f64>], d: usize) -> DMatrix<f64> {
        let mut out = DMatrix::<f64>::zeros(d, self.order * d);
        out.columns_mut(0, d).fill_with_identity();
        for &(child, parent, k) in &self.steps {
            let product = out.columns(parent as usize * d, d) * &generators[k as usize];
            out.columns_mut(child as usize * d, d).copy_from(&product);
        }
        out
    }
}

/// `Σ_g L_g M R_gᵀ` for the stacks `L = [L_g]` (`r × N·r`) and `R = [R_g]` (`c × N·c`) and
/// `M` (`r × c`): one product `L_g M` per element (in parallel), then a single matrix
/// product `[L_g M]_g · [R_g]_gᵀ`.
pub(crate) fn twisted_sum(
    left: &DMatrix<f64>,
    m: &DMatrix<f64>,
    right: &DMatrix<f64>,
) -> DMatrix<f64> {
    let (r, c) = m.shape();
    if r == 0 || c == 0 {
        return DMatrix::zeros(r, c);
    }
    let n = left.ncols() / r;
    let mut buffer = DMatrix::<f64>::zeros(r, n * c);
    buffer
        .as_mut_slice()
        .par_chunks_mut(r * c)
        .with_min_len(16)
        .enumerate()
        .for_each(|(g, chunk)| {
            let product = left.columns(g * r, r) * m;
            chunk.copy_from_slice(product.as_slice());
        });
    buffer * right.transpose()
}

/// A `rows × cols` matrix of independent standard Gaussians.
pub(crate) fn gaussian(rows: usize, cols: usize, rng: &mut StdRng) -> DMatrix<f64> {
    DMatrix::from_fn(rows, cols, |_, _| StandardNormal.sample(rng))
}

/// A complex `rows × cols` matrix with independent standard Gaussian real and imaginary parts.
pub(crate) fn complex_gaussian(rows: usize, cols: usize, rng: &mut StdRng) -> DMatrix<Complex64> {
    DMatrix::from_fn(rows, cols, |_, _| {
        Complex64::new(StandardNormal.sample(rng), StandardNormal.sample(rng))
    })
}

/// An orthonormal basis (`D × rank`) of the range of the orthogonal projector `p` of known
/// rank: `p X` for Gaussian `X`, orthonormalised by QR, then `p` applied once more and
/// re-orthonormalised. Returns the basis and `‖p B − B‖_F`; an error when `p X` is
/// numerically rank deficient (then `p` does not have that rank).
pub(crate) fn projector_range(
    p: &DMatrix<f64>,
    rank: usize,
    rng: &mut StdRng,
) -> Result<(DMatrix<f64>, f64)> {
    let d = p.nrows();
    if rank == 0 {
        return Ok((DMatrix::zeros(d, 0), 0.0));
    }
    if rank > d {
        return Err(Error::Numerical(format!(
            "a projector of size {d} cannot have rank {rank}"
        )));
    }
    let y = p * gaussian(d, rank, rng);
    let first = orthonormal_columns(y)?;
    let basis = orthonormal_columns(p * &first)?;
    let residual = (p * &basis - &basis).norm();
    Ok((basis, residual))
}

/// Orthonormal columns spanning the columns of `y` (full column rank required).
pub(crate) fn orthonormal_columns(y: DMatrix<f64>) -> Result<DMatrix<f64>> {
    let cols = y.ncols();
    let scale = y.norm().max(f64::MIN_POSITIVE);
    let qr = y.qr();
    let r = qr.r();
    let smallest = (0..cols)
        .map(|i| r[(i, i)].abs())
        .fold(f64::INFINITY, f64::min);
    if smallest <= 1e-9 * scale {
        return Err(Error::Numerical(format!(
            "a projected random matrix is rank deficient (pivot {smallest:.2e} of {scale:.2e})"
        )));
    }
    Ok(qr.q())
}

/// Complex version of [`orthonormal_columns`].
pub(crate) fn orthonormal_columns_complex(y: DMatrix<Complex64>) -> Result<DMatrix<Complex64>> {
    let cols = y.ncols();
    let scale = y.norm().max(f64::MIN_POSITIVE);
    let qr = y.qr();
    let r = qr.r();
    let smallest = (0..cols)
        .map(|i| r[(i, i)].norm())
        .fold(f64::INFINITY, f64::min);
    if smallest <= 1e-9 * scale {
        return Err(Error::Numerical(format!(
            "a projected random complex matrix is rank deficient (pivot {smallest:.2e})"
        )));
    }
    Ok(qr.q())
}

/// `‖AᵀA − I‖_F`.
pub(crate) fn orthogonality_defect(a: &DMatrix<f64>) -> f64 {
    let d = a.ncols();
    (a.transpose() * a - DMatrix::<f64>::identity(d, d)).norm()
}

/// The real matrix as a complex one.
pub(crate) fn complexify(a: &DMatrix<f64>) -> DMatrix<Complex64> {
    a.map(|x| Complex64::new(x, 0.0))
}
