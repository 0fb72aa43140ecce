//! `S_n`-equivariant linear layers between tensors of any orders `k → l`, on the
//! set-partition basis (Maron et al. 2019): with `c_in` input and `c_out` output channels,
//!
//! ```text
//! Y[:, o] = Σ_π Σ_c w[π][c][o] · B_π X[:, c]        (π over the set partitions of k + l points
//!                                                    with at most n blocks)
//! ```
//!
//! where `B_π` is applied as an operator ([`SetPartitionBasis::apply`]), never as an
//! `n^l × n^k` matrix. Features are `n^k × c` matrices, row = the flattened index tuple
//! (row-major, first index slowest), as in [`super::graph`]. Each `B_π` commutes with the
//! permutation action and the weights only mix channels, so the layer is equivariant.

use crate::symmetric::set_partitions::SetPartitionBasis;
use crate::{Error, Result};
use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng};

/// An equivariant linear layer `(R^n)^{⊗k} ⊗ R^{c_in} → (R^n)^{⊗l} ⊗ R^{c_out}`.
pub struct TensorLayer {
    basis: SetPartitionBasis,
    channels: (usize, usize),
    /// `w[π][c][o]`, flattened.
    weights: Vec<f64>,
}

impl TensorLayer {
    /// The layer with the given weights (`basis.len() · c_in · c_out` of them).
    pub fn new(
        n: usize,
        k: usize,
        l: usize,
        c_in: usize,
        c_out: usize,
        weights: Vec<f64>,
    ) -> Result<Self> {
        let basis = SetPartitionBasis::new(n, k, l)?;
        let expected = basis.len() * c_in * c_out;
        if weights.len() != expected || weights.iter().any(|w| !w.is_finite()) {
            return Err(Error::InvalidInput(format!(
                "the {k} → {l} layer on n = {n} with {c_in} → {c_out} channels takes {expected} finite weights, got {}",
                weights.len()
            )));
        }
        Ok(TensorLayer {
            basis,
            channels: (c_in, c_out),
            weights,
        })
    }

    /// Weights drawn uniformly from `±1/√(fan_in)`, `fan_in = |basis| · c_in`, seeded.
    pub fn random(
        n: usize,
        k: usize,
        l: usize,
        c_in: usize,
        c_out: usize,
        seed: u64,
    ) -> Result<Self> {
        let count = SetPartitionBasis::new(n, k, l)?.len() * c_in * c_out;
        let scale = 1.0 / ((count / c_out.max(1)).max(1) as f64).sqrt();
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let weights = (0..count)
            .map(|_| (rng.random::<f64>() * 2.0 - 1.0) * scale)
            .collect();
        Self::new(n, k, l, c_in, c_out, weights)
    }

    /// The number of basis maps (Bell(k + l) once `n ≥ k + l`).
    pub fn basis_len(&self) -> usize {
        self.basis.len()
    }

    /// `Y = Σ_π B_π X W_π` for `X` of shape `n^k × c_in`.
    pub fn forward(&self, x: &DMatrix<f64>) -> Result<DMatrix<f64>> {
        let (c_in, c_out) = self.channels;
        if x.shape() != (self.basis.in_dim(), c_in) {
            return Err(Error::InvalidInput(format!(
                "input is {}×{}, expected {}×{c_in}",
                x.nrows(),
                x.ncols(),
                self.basis.in_dim()
            )));
        }
        let mut y = DMatrix::zeros(self.basis.out_dim(), c_out);
        for c in 0..c_in {
            let column: Vec<f64> = x.column(c).iter().copied().collect();
            for p in 0..self.basis.len() {
                let image = self.basis.apply(p, &column)?;
                for o in 0..c_out {
                    let w = self.weights[(p * c_in + c) * c_out + o];
                    if w != 0.0 {
                        y.column_mut(o)
                            .iter_mut()
                            .zip(&image)
                            .for_each(|(out, v)| *out += w * v);
                    }
                }
            }
        }
        Ok(y)
    }
}
