//! Self-interaction: the equivariant linear map that mixes the channels of equal irreps at
//! each point (the `1 × 1` convolution of tensor field networks, Thomas et al.,
//! arXiv:1802.08219, §4.2).
//!
//! Every output block `(V, l p)` is fed by every input block of the same irrep `l p`:
//!
//! ```text
//! g_{v,m} = (1/√F) Σ_{input blocks of irrep lp} Σ_u W_{v,u} f_{u,m},    F = Σ U (the fan-in),
//! ```
//!
//! so each copy is a linear combination of copies of the same irrep with scalar weights;
//! by Schur's lemma these are all the equivariant linear maps between real irreps of `O(3)`
//! (each is of real type).

use rand::{Rng, RngExt};
use rayon::prelude::*;

use super::{check_finite, check_memory, points_of};
use crate::so3::irreps::Irreps;
use crate::{Error, Result};

/// The input blocks feeding one output block, and where its weights start.
#[derive(Clone, Debug)]
struct Mix {
    offset_out: usize,
    mul_out: usize,
    dim: usize,
    inputs: Vec<(usize, usize)>,
    fan_in: usize,
    offset_weights: usize,
}

/// Per-irrep channel mixing (module docs).
#[derive(Clone, Debug)]
pub struct SelfInteraction {
    irreps_in: Irreps,
    irreps_out: Irreps,
    mixes: Vec<Mix>,
    weights: Vec<f64>,
}

impl SelfInteraction {
    /// The map from `irreps_in` to `irreps_out`, weights zero. [`Error::InvalidInput`] when
    /// an output irrep has no input block of the same irrep or `irreps_in` is empty.
    pub fn new(irreps_in: &Irreps, irreps_out: &Irreps) -> Result<Self> {
        if irreps_in.dim() == 0 {
            return Err(Error::InvalidInput(
                "self-interaction needs a non-empty input".into(),
            ));
        }
        let mut mixes = Vec::new();
        let mut offset_weights = 0usize;
        for (block, offset_out) in irreps_out.blocks().iter().zip(irreps_out.offsets()) {
            let inputs: Vec<(usize, usize)> = irreps_in
                .blocks()
                .iter()
                .zip(irreps_in.offsets())
                .filter(|(b, _)| b.irrep == block.irrep && b.mul > 0)
                .map(|(b, offset)| (offset, b.mul))
                .collect();
            let fan_in: usize = inputs.iter().map(|&(_, mul)| mul).sum();
            if fan_in == 0 && block.mul > 0 {
                return Err(Error::InvalidInput(format!(
                    "self-interaction: the output irrep {} does not occur in the input {irreps_in}",
                    block.irrep
                )));
            }
            mixes.push(Mix {
                offset_out,
                mul_out: block.mul,
                dim: block.irrep.dim(),
                inputs,
                fan_in,
                offset_weights,
            });
            offset_weights = block
                .mul
                .checked_mul(fan_in)
                .and_then(|n| n.checked_add(offset_weights))
                .filter(|&n| n <= super::convolution::MAX_LAYER_SIZE)
                .ok_or_else(|| Error::TooLarge {
                    what: format!("the self-interaction {irreps_in} -> {irreps_out}"),
                    needed: "more weights".into(),
                    limit: format!("{} weights", super::convolution::MAX_LAYER_SIZE),
                })?;
        }
        Ok(Self {
            irreps_in: irreps_in.clone(),
            irreps_out: irreps_out.clone(),
            mixes,
            weights: vec![0.0; offset_weights],
        })
    }

    /// The input irreps.
    pub fn irreps_in(&self) -> &Irreps {
        &self.irreps_in
    }

    /// The output irreps.
    pub fn irreps_out(&self) -> &Irreps {
        &self.irreps_out
    }

    /// The weights `W[output block][v][u]`, flat.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Replaces the weights ([`Error::InvalidInput`] on a wrong count or a non-finite value).
    pub fn set_weights(&mut self, weights: &[f64]) -> Result<()> {
        if weights.len() != self.weights.len() {
            return Err(Error::InvalidInput(format!(
                "the self-interaction has {} weights, got {}",
                self.weights.len(),
                weights.len()
            )));
        }
        check_finite("self-interaction weights", weights)?;
        self.weights.copy_from_slice(weights);
        Ok(())
    }

    /// Draws every weight uniformly from `[−√3, √3]` (variance 1; the `1/√F` of the forward
    /// pass keeps the output's variance that of the input).
    pub fn randomize_weights<R: Rng + ?Sized>(&mut self, rng: &mut R) {
        let a = 3f64.sqrt();
        for w in &mut self.weights {
            *w = a * (2.0 * rng.random::<f64>() - 1.0);
        }
    }

    /// The output `[N][irreps_out.dim()]` of features `[N][irreps_in.dim()]`.
    pub fn forward(&self, features: &[f64]) -> Result<Vec<f64>> {
        let (dim_in, dim_out) = (self.irreps_in.dim(), self.irreps_out.dim());
        let n = points_of("self-interaction input", features, dim_in)?;
        check_memory("the self-interaction output", n, dim_out * size_of::<f64>())?;
        let mut out = vec![0.0; n * dim_out];
        if dim_out > 0 {
            out.par_chunks_mut(dim_out)
                .zip(features.par_chunks(dim_in))
                .for_each(|(g, f)| self.mix_point(f, g));
        }
        Ok(out)
    }

    /// `g = W f` at one point.
    fn mix_point(&self, f: &[f64], g: &mut [f64]) {
        for mix in &self.mixes {
            let scale = 1.0 / (mix.fan_in.max(1) as f64).sqrt();
            for v in 0..mix.mul_out {
                let row = &self.weights[mix.offset_weights + v * mix.fan_in..][..mix.fan_in];
                let out = &mut g[mix.offset_out + v * mix.dim..][..mix.dim];
                let mut u_total = 0;
                for &(offset, mul) in &mix.inputs {
                    for u in 0..mul {
                        let w = scale * row[u_total + u];
                        let input = &f[offset + u * mix.dim..][..mix.dim];
                        out.iter_mut().zip(input).for_each(|(o, x)| *o += w * x);
                    }
                    u_total += mul;
                }
            }
        }
    }
}
