//! Equivariant nonlinearities: the gate and the norm activation.
//!
//! A pointwise function `φ` of a vector `f` in a non-trivial irrep is not equivariant in
//! general (`φ(D f) ≠ D φ(f)`), but multiplying `f` by a function of *invariants* is:
//! `s(D f) · D f = s(f) · D f = D (s(f) f)` whenever `s(D f) = s(f)`.
//!
//! * [`Gate`] (Weiler et al., "3D steerable CNNs", NeurIPS 2018, arXiv:1807.02547, §4;
//!   e3nn's `Gate`): the input is `scalars ⊕ gates ⊕ gated`; even scalars (`0e`) go through
//!   SiLU, odd scalars (`0o`) through `tanh` (odd, so `tanh(−s) = −tanh(s)` keeps the
//!   parity), the gates are `0e` scalars through the sigmoid, one per gated copy, and each
//!   gated copy is multiplied by its gate: output `scalars' ⊕ σ(gates) · gated`.
//! * [`NormActivation`] (Thomas et al., arXiv:1802.08219, §4.3): each copy
//!   `f ↦ σ(‖f‖ + b) f/‖f‖`, with `b` a learnable bias per copy and the output `0` at
//!   `f = 0`. `‖D f‖ = ‖f‖` (the real `D` are orthogonal, and the parity sign has modulus 1).

use rayon::prelude::*;

use super::{check_finite, check_memory, points_of};
use crate::so3::irreps::{Irrep, Irreps, MulIrrep, Parity};
use crate::{Error, Result};

/// A scalar activation function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// `max(x, 0)`.
    Relu,
    /// `x σ(x)`.
    Silu,
    /// `σ(x) = 1/(1 + e^{−x})`.
    Sigmoid,
    /// `tanh x`.
    Tanh,
}

impl Activation {
    /// The activation at `x`.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Activation::Relu => x.max(0.0),
            Activation::Silu => x * sigmoid(x),
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => x.tanh(),
        }
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The gated nonlinearity (module docs).
#[derive(Clone, Debug)]
pub struct Gate {
    scalars: Irreps,
    gated: Irreps,
    irreps_in: Irreps,
    irreps_out: Irreps,
}

impl Gate {
    /// The gate with the given `scalars` (only `l = 0`) and `gated` irreps; the gates are
    /// `gated.num_irreps()` copies of `0e`. [`Error::InvalidInput`] for a scalar of `l > 0`
    /// or an empty input.
    ///
    /// ```
    /// use equivariant::nn::point_cloud::Gate;
    /// let gate = Gate::new(&"4x0e+2x0o".parse().unwrap(), &"3x1o+1x2e".parse().unwrap()).unwrap();
    /// assert_eq!(gate.irreps_in().to_string(), "4x0e+2x0o+4x0e+3x1o+1x2e");
    /// assert_eq!(gate.irreps_out().to_string(), "4x0e+2x0o+3x1o+1x2e");
    /// ```
    pub fn new(scalars: &Irreps, gated: &Irreps) -> Result<Self> {
        if let Some(block) = scalars.blocks().iter().find(|b| b.irrep.l > 0) {
            return Err(Error::InvalidInput(format!(
                "the scalars of a gate must have l = 0, got {}",
                block.irrep
            )));
        }
        let gates = MulIrrep {
            mul: gated.num_irreps(),
            irrep: Irrep {
                l: 0,
                parity: Parity::Even,
            },
        };
        let mut blocks = scalars.blocks().to_vec();
        blocks.push(gates);
        blocks.extend_from_slice(gated.blocks());
        let irreps_in = Irreps::new(blocks)?;
        if irreps_in.dim() == 0 {
            return Err(Error::InvalidInput("a gate needs a non-empty input".into()));
        }
        let irreps_out = Irreps::new(
            scalars
                .blocks()
                .iter()
                .chain(gated.blocks())
                .copied()
                .collect(),
        )?;
        Ok(Self {
            scalars: scalars.clone(),
            gated: gated.clone(),
            irreps_in,
            irreps_out,
        })
    }

    /// `scalars ⊕ (num gated copies)x0e ⊕ gated`.
    pub fn irreps_in(&self) -> &Irreps {
        &self.irreps_in
    }

    /// `scalars ⊕ gated`.
    pub fn irreps_out(&self) -> &Irreps {
        &self.irreps_out
    }

    /// The output `[N][irreps_out.dim()]` of features `[N][irreps_in.dim()]`.
    pub fn forward(&self, features: &[f64]) -> Result<Vec<f64>> {
        let (dim_in, dim_out) = (self.irreps_in.dim(), self.irreps_out.dim());
        let n = points_of("gate input", features, dim_in)?;
        check_memory("the gate output", n, dim_out * size_of::<f64>())?;
        let mut out = vec![0.0; n * dim_out];
        if dim_out > 0 {
            out.par_chunks_mut(dim_out)
                .zip(features.par_chunks(dim_in))
                .for_each(|(g, f)| self.gate_point(f, g));
        }
        Ok(out)
    }

    /// One point: activate the scalars, multiply each gated copy by the sigmoid of its gate.
    fn gate_point(&self, f: &[f64], g: &mut [f64]) {
        let mut at = 0;
        for block in self.scalars.blocks() {
            let act = match block.irrep.parity {
                Parity::Even => Activation::Silu,
                Parity::Odd => Activation::Tanh,
            };
            for k in at..at + block.mul {
                g[k] = act.apply(f[k]);
            }
            at += block.mul;
        }
        let num_scalars = at;
        let gates = &f[num_scalars..num_scalars + self.gated.num_irreps()];
        let (gated_in, gated_out) = (&f[num_scalars + gates.len()..], &mut g[num_scalars..]);
        let dims = self.gated.copies().map(|ir| ir.dim());
        let mut offset = 0;
        for (gate, dim) in gates.iter().zip(dims) {
            let s = sigmoid(*gate);
            for m in offset..offset + dim {
                gated_out[m] = s * gated_in[m];
            }
            offset += dim;
        }
    }
}

/// The norm nonlinearity `f ↦ σ(‖f‖ + b) f/‖f‖` per copy (module docs).
#[derive(Clone, Debug)]
pub struct NormActivation {
    irreps: Irreps,
    activation: Activation,
    biases: Vec<f64>,
}

impl NormActivation {
    /// The norm activation on `irreps` with `σ = activation` and one bias per copy
    /// (`irreps.num_irreps()` of them, finite). [`Error::InvalidInput`] otherwise or for an
    /// empty `irreps`.
    pub fn new(irreps: &Irreps, activation: Activation, biases: Vec<f64>) -> Result<Self> {
        if irreps.dim() == 0 {
            return Err(Error::InvalidInput(
                "a norm activation needs non-empty irreps".into(),
            ));
        }
        if biases.len() != irreps.num_irreps() {
            return Err(Error::InvalidInput(format!(
                "{irreps} has {} copies, got {} biases",
                irreps.num_irreps(),
                biases.len()
            )));
        }
        check_finite("norm-activation biases", &biases)?;
        Ok(Self {
            irreps: irreps.clone(),
            activation,
            biases,
        })
    }

    /// The irreps (input and output).
    pub fn irreps(&self) -> &Irreps {
        &self.irreps
    }

    /// The output `[N][irreps.dim()]` of features `[N][irreps.dim()]`.
    pub fn forward(&self, features: &[f64]) -> Result<Vec<f64>> {
        let dim = self.irreps.dim();
        let n = points_of("norm-activation input", features, dim)?;
        check_memory("the norm-activation output", n, dim * size_of::<f64>())?;
        let mut out = features.to_vec();
        out.par_chunks_mut(dim).for_each(|g| self.scale_point(g));
        Ok(out)
    }

    /// One point, in place: each copy `f ← σ(‖f‖ + b) f/‖f‖` (and `0` stays `0`).
    fn scale_point(&self, g: &mut [f64]) {
        let mut offset = 0;
        for (irrep, bias) in self.irreps.copies().zip(&self.biases) {
            let copy = &mut g[offset..offset + irrep.dim()];
            let norm = copy.iter().map(|x| x * x).sum::<f64>().sqrt();
            let factor = if norm > 0.0 {
                self.activation.apply(norm + bias) / norm
            } else {
                0.0
            };
            copy.iter_mut().for_each(|x| *x *= factor);
            offset += irrep.dim();
        }
    }
}
