//! A two-layer tensor field network with a seeded random initialisation:
//!
//! ```text
//! conv₁ → self-interaction → gate → conv₂ → self-interaction → Σ_i (0e channels)
//! ```
//!
//! Every stage is equivariant (convolutions, self-interactions, the gate) or invariant (the
//! readout), so the output is invariant under `O(3)`, translations and permutations of the
//! points (theory/point-clouds.md).

use rand::{SeedableRng, rngs::StdRng};

use super::convolution::TfnConvolution;
use super::neighbours::RadiusGraph;
use super::nonlinearity::Gate;
use super::radial::RadialBasis;
use super::readout::{InvariantReadout, ReadoutSource, Reduction};
use super::self_interaction::SelfInteraction;
use crate::so3::irreps::{Irrep, Irreps, MulIrrep, Parity};
use crate::{Error, Result};

/// The architecture of a [`TensorFieldNetwork`].
#[derive(Clone, Debug, PartialEq)]
pub struct TfnConfig {
    /// The irreps of the input features (e.g. `4x0e` for one-hot point types).
    pub irreps_in: Irreps,
    /// The largest degree of the spherical harmonics of both convolutions.
    pub sh_lmax: usize,
    /// The radial basis (its cutoff is the neighbour radius).
    pub radial: RadialBasis,
    /// The number of `0e` channels after the first layer.
    pub hidden_scalars: usize,
    /// The gated irreps after the first layer (e.g. `8x1o+4x2e`).
    pub hidden_gated: Irreps,
    /// The number of invariant outputs.
    pub num_outputs: usize,
    /// The typical number of neighbours: the convolution weights are scaled by its inverse
    /// square root so that the sums over neighbours stay of order one.
    pub expected_neighbours: f64,
}

/// conv → self-interaction → gate → conv → self-interaction → sum of the `0e` channels.
#[derive(Clone, Debug)]
pub struct TensorFieldNetwork {
    first: TfnConvolution,
    mix_first: SelfInteraction,
    gate: Gate,
    second: TfnConvolution,
    mix_second: SelfInteraction,
    readout: InvariantReadout,
}

impl TensorFieldNetwork {
    /// The network of `config` with every weight drawn from a [`StdRng`] seeded by `seed`.
    /// [`Error::InvalidInput`] when a hidden irrep cannot be reached from the input with
    /// harmonics up to `sh_lmax`, or `expected_neighbours` is not finite and positive.
    pub fn new(config: &TfnConfig, seed: u64) -> Result<Self> {
        if !(config.expected_neighbours.is_finite() && config.expected_neighbours > 0.0) {
            return Err(Error::InvalidInput(format!(
                "the expected number of neighbours must be finite and positive, got {}",
                config.expected_neighbours
            )));
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let scale = 1.0 / config.expected_neighbours.sqrt();
        let lmax_hidden = config
            .hidden_gated
            .blocks()
            .iter()
            .map(|b| b.irrep.l)
            .max()
            .unwrap_or(0);
        let mut first = TfnConvolution::new(
            &config.irreps_in,
            config.sh_lmax,
            lmax_hidden,
            config.radial,
        )?;
        first.randomize_weights(&mut rng, scale);
        let scalars = Irreps::new(vec![MulIrrep {
            mul: config.hidden_scalars,
            irrep: scalar(),
        }])?;
        let gate = Gate::new(&scalars, &config.hidden_gated)?;
        let mut mix_first = SelfInteraction::new(first.irreps_out(), gate.irreps_in())?;
        mix_first.randomize_weights(&mut rng);
        let mut second = TfnConvolution::new(gate.irreps_out(), config.sh_lmax, 0, config.radial)?;
        second.randomize_weights(&mut rng, scale);
        let outputs = Irreps::new(vec![MulIrrep {
            mul: config.num_outputs,
            irrep: scalar(),
        }])?;
        let mut mix_second = SelfInteraction::new(second.irreps_out(), &outputs)?;
        mix_second.randomize_weights(&mut rng);
        let readout = InvariantReadout::new(&outputs, ReadoutSource::Scalars, Reduction::Sum)?;
        Ok(Self {
            first,
            mix_first,
            gate,
            second,
            mix_second,
            readout,
        })
    }

    /// The invariant outputs for positions `[N]` and features `[N][irreps_in.dim()]`
    /// (errors as [`TfnConvolution::forward`]).
    pub fn forward(&self, positions: &[[f64; 3]], features: &[f64]) -> Result<Vec<f64>> {
        let graph = RadiusGraph::new(positions, self.first.radial().cutoff())?;
        let hidden = self.first.forward_graph(&graph, features)?;
        let hidden = self.gate.forward(&self.mix_first.forward(&hidden)?)?;
        let hidden = self.second.forward_graph(&graph, &hidden)?;
        self.readout.forward(&self.mix_second.forward(&hidden)?)
    }

    /// The first convolution.
    pub fn first(&self) -> &TfnConvolution {
        &self.first
    }

    /// The gate between the layers.
    pub fn gate(&self) -> &Gate {
        &self.gate
    }

    /// The second convolution.
    pub fn second(&self) -> &TfnConvolution {
        &self.second
    }
}

/// `0e`.
fn scalar() -> Irrep {
    Irrep {
        l: 0,
        parity: Parity::Even,
    }
}
