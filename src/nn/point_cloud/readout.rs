//! Invariant readouts: pool per-point features into a vector invariant under `O(3)`,
//! translations and permutations of the points.
//!
//! * [`ReadoutSource::Scalars`]: the `0e` components, `D(g) = 1` for every `g ∈ O(3)`
//!   (`0o` components change sign under the inversion and are left out);
//! * [`ReadoutSource::Norms`]: the norm `‖f_{i,c}‖` of every copy `c`, invariant because the
//!   real `D(g)` (times a parity sign) is orthogonal;
//!
//! then the sum (or the mean) over the points, a symmetric function of them: invariant under
//! every permutation. Features of equivariant layers do not depend on translations, so
//! neither does the readout.
//!
//! Reference: Thomas et al., arXiv:1802.08219, §5; Zaheer et al., "Deep sets", NeurIPS 2017.

use super::{check_memory, points_of};
use crate::so3::irreps::{Irrep, Irreps, Parity};
use crate::{Error, Result};

/// Which invariants of each point are pooled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReadoutSource {
    /// The `0e` components.
    Scalars,
    /// The norm of every irreducible copy.
    Norms,
}

/// How the points are pooled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduction {
    /// `Σ_i`.
    Sum,
    /// `(1/N) Σ_i` (refused for `N = 0`).
    Mean,
}

/// An invariant readout (module docs).
#[derive(Clone, Debug)]
pub struct InvariantReadout {
    irreps: Irreps,
    source: ReadoutSource,
    reduction: Reduction,
}

impl InvariantReadout {
    /// The readout of features in `irreps`. [`Error::InvalidInput`] when it would be empty
    /// (no `0e` copy for [`ReadoutSource::Scalars`], no copy at all for norms).
    pub fn new(irreps: &Irreps, source: ReadoutSource, reduction: Reduction) -> Result<Self> {
        let readout = Self {
            irreps: irreps.clone(),
            source,
            reduction,
        };
        if readout.output_dim() == 0 {
            return Err(Error::InvalidInput(format!(
                "an invariant readout of {irreps} ({source:?}) would be empty"
            )));
        }
        Ok(readout)
    }

    /// The input irreps.
    pub fn irreps(&self) -> &Irreps {
        &self.irreps
    }

    /// The length of the output: the number of `0e` copies, or of all copies.
    pub fn output_dim(&self) -> usize {
        match self.source {
            ReadoutSource::Scalars => self.invariant_scalars().count(),
            ReadoutSource::Norms => self.irreps.num_irreps(),
        }
    }

    /// The pooled invariants of features `[N][irreps.dim()]`.
    ///
    /// ```
    /// use equivariant::nn::point_cloud::{InvariantReadout, ReadoutSource, Reduction};
    /// let readout = InvariantReadout::new(&"1x0e+1x1o".parse().unwrap(), ReadoutSource::Norms, Reduction::Sum).unwrap();
    /// let out = readout.forward(&[-1.0, 3.0, 0.0, 4.0, 2.0, 0.0, 0.0, 0.0]).unwrap();
    /// assert_eq!(out, vec![3.0, 5.0]);
    /// ```
    pub fn forward(&self, features: &[f64]) -> Result<Vec<f64>> {
        let dim = self.irreps.dim();
        let n = points_of("readout input", features, dim)?;
        check_memory("the readout", self.output_dim(), size_of::<f64>())?;
        if n == 0 && self.reduction == Reduction::Mean {
            return Err(Error::InvalidInput(
                "the mean over an empty point cloud".into(),
            ));
        }
        let mut pooled = vec![0.0; self.output_dim()];
        for point in features.chunks(dim) {
            for (total, value) in pooled.iter_mut().zip(self.invariants(point)) {
                *total += value;
            }
        }
        if self.reduction == Reduction::Mean {
            pooled.iter_mut().for_each(|x| *x /= n as f64);
        }
        Ok(pooled)
    }

    /// The offsets of the `0e` components.
    fn invariant_scalars(&self) -> impl Iterator<Item = usize> + '_ {
        let scalar = Irrep {
            l: 0,
            parity: Parity::Even,
        };
        self.irreps
            .blocks()
            .iter()
            .zip(self.irreps.offsets())
            .filter(move |(b, _)| b.irrep == scalar)
            .flat_map(|(b, offset)| offset..offset + b.mul)
    }

    /// The invariants of one point.
    fn invariants<'a>(&'a self, point: &'a [f64]) -> Box<dyn Iterator<Item = f64> + 'a> {
        match self.source {
            ReadoutSource::Scalars => Box::new(self.invariant_scalars().map(|k| point[k])),
            ReadoutSource::Norms => Box::new(self.irreps.copies().scan(0, move |offset, ir| {
                let copy = &point[*offset..*offset + ir.dim()];
                *offset += ir.dim();
                Some(copy.iter().map(|x| x * x).sum::<f64>().sqrt())
            })),
        }
    }
}
