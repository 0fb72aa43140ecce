//! The tensor-field-network convolution (Thomas et al., arXiv:1802.08219, §4; e3nn's
//! `"uvu"` connection, Geiger & Smidt, arXiv:2207.09453, §3).
//!
//! For every *path* `p = (input block with irrep l_f p_f and mul U, l_Y ≤ L_Y, l_o)` with
//! `|l_f − l_Y| ≤ l_o ≤ l_f + l_Y`, the output block `p` (mul `U`, irrep `l_o` with parity
//! `p_f (−1)^{l_Y}`) of point `i` is
//!
//! ```text
//! f'_{i,p,u,m_o} = Σ_{j ∈ N(i)} Σ_b w_{p,u,b} B_b(|r_ij|) Σ_{m_f, m_Y} C^{l_f l_Y l_o}_{m_f m_Y m_o} f_{j,u,m_f} Y_{l_Y m_Y}(r̂_ij),
//! ```
//!
//! with `r_ij = x_j − x_i`, `N(i)` the points within the cutoff (`j ≠ i`, inclusive radius;
//! [`RadiusGraph`]), `B_b` a [`RadialBasis`], `Y` the real spherical harmonics in the
//! standard basis with e3nn's `component` normalisation (`Σ_m Y_lm² = 2l + 1`, `Y_00 = 1`;
//! at `r_ij = 0`, coincident points, `Y_l = 0` for `l > 0`), `C` the real Clebsch–Gordan
//! tensor ([`real_clebsch_gordan`]) and `w` the learnable weights, stored `[p][u][b]`. The
//! output irreps are the paths in order (input blocks, then `l_Y`, then `l_o`).
//!
//! Equivariance (theory/point-clouds.md): `r_ij` is invariant under translations,
//! `Y(R r) = D(R) Y(r)` and `|R r| = |r|`, `C` intertwines `D^{l_f} ⊗ D^{l_Y}` with `D^{l_o}`,
//! and the sum over neighbours does not depend on their order.

use std::sync::Arc;

use rand::{Rng, RngExt};
use rayon::prelude::*;

use super::neighbours::RadiusGraph;
use super::radial::RadialBasis;
use super::{check_features, check_finite, check_memory};
use crate::so3::clebsch_gordan::{RealCoupling, real_clebsch_gordan};
use crate::so3::irreps::{Irrep, Irreps, MulIrrep, Parity};
use crate::so3::spherical_harmonics::{Convention, Normalization, SphericalHarmonics};
use crate::{Error, Result};

/// The largest degree (of the input, the harmonics or the output) the layer accepts.
pub const MAX_DEGREE: usize = 16;

/// The largest number of output components or weights of one layer (2²⁴).
pub const MAX_LAYER_SIZE: usize = 1 << 24;

/// One path of the convolution: which blocks it couples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConvolutionPath {
    /// The index of the input block.
    pub block_in: usize,
    /// The degree `l_Y` of the spherical harmonics.
    pub l_sh: usize,
    /// The output block: the input's mul, irrep `l_o` with parity `p_f (−1)^{l_Y}`.
    pub out: MulIrrep,
}

/// A path with its offsets and coupling tensor.
#[derive(Clone, Debug)]
struct Path {
    info: ConvolutionPath,
    l_in: usize,
    offset_in: usize,
    offset_out: usize,
    offset_weights: usize,
    coupling: Arc<RealCoupling>,
}

/// The tensor-field-network convolution of one point cloud (module docs).
#[derive(Clone, Debug)]
pub struct TfnConvolution {
    irreps_in: Irreps,
    irreps_out: Irreps,
    radial: RadialBasis,
    harmonics: SphericalHarmonics<f64>,
    paths: Vec<Path>,
    weights: Vec<f64>,
}

impl TfnConvolution {
    /// The convolution from `irreps_in` with harmonics up to `sh_lmax`, every path with
    /// `l_o ≤ lmax_out`, and the radial basis `radial` (whose cutoff is the neighbour radius).
    /// The weights start at zero (see [`randomize_weights`](Self::randomize_weights)).
    ///
    /// [`Error::TooLarge`] above [`MAX_DEGREE`] or when the output or the weights exceed
    /// [`MAX_LAYER_SIZE`]; [`Error::InvalidInput`] when no path exists.
    pub fn new(
        irreps_in: &Irreps,
        sh_lmax: usize,
        lmax_out: usize,
        radial: RadialBasis,
    ) -> Result<Self> {
        let largest = irreps_in
            .blocks()
            .iter()
            .map(|b| b.irrep.l)
            .max()
            .unwrap_or(0);
        check_degree("the input irreps", largest)?;
        check_degree("the spherical harmonics", sh_lmax)?;
        check_degree("the output irreps", lmax_out)?;
        let paths = enumerate_paths(irreps_in, sh_lmax, lmax_out, radial.num_basis())?;
        if paths.is_empty() {
            return Err(Error::InvalidInput(format!(
                "the convolution of {irreps_in} with harmonics up to l = {sh_lmax} has no path with l_out <= {lmax_out}"
            )));
        }
        let irreps_out = Irreps::new(paths.iter().map(|p| p.info.out).collect())?;
        let num_weights = paths.iter().map(|p| p.info.out.mul).sum::<usize>() * radial.num_basis();
        let harmonics =
            SphericalHarmonics::new(sh_lmax, Normalization::Component, Convention::Standard)?;
        Ok(Self {
            irreps_in: irreps_in.clone(),
            irreps_out,
            radial,
            harmonics,
            paths,
            weights: vec![0.0; num_weights],
        })
    }

    /// The input irreps.
    pub fn irreps_in(&self) -> &Irreps {
        &self.irreps_in
    }

    /// The output irreps: one block per path.
    pub fn irreps_out(&self) -> &Irreps {
        &self.irreps_out
    }

    /// The radial basis.
    pub fn radial(&self) -> &RadialBasis {
        &self.radial
    }

    /// The paths, in the order of the output blocks.
    pub fn paths(&self) -> Vec<ConvolutionPath> {
        self.paths.iter().map(|p| p.info).collect()
    }

    /// The weights `w[p][u][b]`, flat.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Replaces the weights; [`Error::InvalidInput`] unless there are exactly
    /// `Σ_p U_p · n` of them, all finite.
    pub fn set_weights(&mut self, weights: &[f64]) -> Result<()> {
        if weights.len() != self.weights.len() {
            return Err(Error::InvalidInput(format!(
                "the convolution has {} weights, got {}",
                self.weights.len(),
                weights.len()
            )));
        }
        check_finite("convolution weights", weights)?;
        self.weights.copy_from_slice(weights);
        Ok(())
    }

    /// Draws every weight uniformly from `[−a, a]`, `a = scale · √(3/n)` (variance
    /// `scale²/n` for `n` radial functions).
    pub fn randomize_weights<R: Rng + ?Sized>(&mut self, rng: &mut R, scale: f64) {
        let a = scale * (3.0 / self.radial.num_basis() as f64).sqrt();
        for w in &mut self.weights {
            *w = a * (2.0 * rng.random::<f64>() - 1.0);
        }
    }

    /// The output `[N][irreps_out.dim()]` for positions `[N]` and features
    /// `[N][irreps_in.dim()]`, building the radius graph at the cutoff.
    ///
    /// [`Error::InvalidInput`] for non-finite positions or features or a wrong feature length;
    /// [`Error::TooLarge`] beyond [`MEMORY_LIMIT`](super::MEMORY_LIMIT).
    pub fn forward(&self, positions: &[[f64; 3]], features: &[f64]) -> Result<Vec<f64>> {
        let graph = RadiusGraph::new(positions, self.radial.cutoff())?;
        self.forward_graph(&graph, features)
    }

    /// [`forward`](Self::forward) on a prebuilt graph, whose radius must be at least the
    /// cutoff (edges beyond it contribute nothing).
    pub fn forward_graph(&self, graph: &RadiusGraph, features: &[f64]) -> Result<Vec<f64>> {
        if graph.radius() < self.radial.cutoff() {
            return Err(Error::InvalidInput(format!(
                "the graph radius {} is below the convolution cutoff {}",
                graph.radius(),
                self.radial.cutoff()
            )));
        }
        let n = graph.num_points();
        let (dim_in, dim_out) = (self.irreps_in.dim(), self.irreps_out.dim());
        check_features("convolution input", features.len(), n, dim_in)?;
        check_finite("convolution input", features)?;
        let per_edge = self.radial.num_basis() + self.harmonics.values_per_point();
        check_memory("the convolution output", n, dim_out * size_of::<f64>())?;
        check_memory(
            "the per-edge radial and angular values",
            graph.edges().len(),
            per_edge * size_of::<f64>(),
        )?;
        let edges = self.edge_values(graph)?;
        let mut out = vec![0.0; n * dim_out];
        if dim_out > 0 {
            out.par_chunks_mut(dim_out).enumerate().for_each_init(
                Vec::new,
                |scratch, (i, out_i)| {
                    for e in graph.edge_range(i) {
                        let j = graph.edges()[e].j;
                        let f_j = &features[j * dim_in..(j + 1) * dim_in];
                        for path in &self.paths {
                            self.accumulate(path, &edges, e, f_j, out_i, scratch);
                        }
                    }
                },
            );
        }
        Ok(out)
    }

    /// Adds the message of edge `e` along `path` to the receiver's output: with
    /// `M_{m_f m_o} = Σ_{m_Y} C_{m_f m_Y m_o} Y_{m_Y}` (one value per non-zero of `C`) and
    /// `R_u = Σ_b w_{p,u,b} B_b`, `out_{u,m_o} += R_u Σ_{m_f} M_{m_f m_o} f_{j,u,m_f}`.
    fn accumulate(
        &self,
        path: &Path,
        edges: &EdgeValues,
        e: usize,
        f_j: &[f64],
        out_i: &mut [f64],
        coupled: &mut Vec<f64>,
    ) {
        let num_basis = self.radial.num_basis();
        let basis = edges.radial(e);
        let y = &edges.harmonics(e)[path.info.l_sh * path.info.l_sh..];
        let (mul, d_in, d_out) = (
            path.info.out.mul,
            2 * path.l_in + 1,
            path.info.out.irrep.dim(),
        );
        let entries = path.coupling.nonzeros();
        coupled.clear();
        coupled.extend(entries.iter().map(|entry| entry.value * y[entry.j]));
        let weights = &self.weights[path.offset_weights..][..mul * num_basis];
        let inputs = f_j[path.offset_in..][..mul * d_in].chunks_exact(d_in);
        let outputs = out_i[path.offset_out..][..mul * d_out].chunks_exact_mut(d_out);
        for ((w, f), out) in weights.chunks_exact(num_basis).zip(inputs).zip(outputs) {
            let radial: f64 = w.iter().zip(basis).map(|(w, b)| w * b).sum();
            for (entry, &cy) in entries.iter().zip(coupled.iter()) {
                out[entry.k] += radial * cy * f[entry.i];
            }
        }
    }

    /// The radial basis and the harmonics of every edge.
    fn edge_values(&self, graph: &RadiusGraph) -> Result<EdgeValues> {
        let num_basis = self.radial.num_basis();
        let width = self.harmonics.values_per_point();
        let mut radial = vec![0.0; graph.edges().len() * num_basis];
        radial
            .par_chunks_mut(num_basis)
            .zip(graph.edges().par_iter())
            .for_each(|(out, edge)| self.radial.evaluate_into(norm(edge.r), out));
        let nonzero: Vec<[f64; 3]> = graph
            .edges()
            .iter()
            .map(|e| e.r)
            .filter(|&r| norm(r) > 0.0)
            .collect();
        let computed = self.harmonics.compute(&nonzero)?;
        let mut harmonics = vec![0.0; graph.edges().len() * width];
        let mut next = 0;
        for (out, edge) in harmonics.chunks_mut(width).zip(graph.edges()) {
            if norm(edge.r) > 0.0 {
                out.copy_from_slice(&computed[next * width..(next + 1) * width]);
                next += 1;
            } else {
                out[0] = 1.0;
            }
        }
        Ok(EdgeValues {
            num_basis,
            width,
            radial,
            harmonics,
        })
    }
}

/// Per-edge buffers: `radial[e][b] = B_b(|r_e|)`, `harmonics[e][l² + l + m] = Y_lm(r̂_e)`.
struct EdgeValues {
    num_basis: usize,
    width: usize,
    radial: Vec<f64>,
    harmonics: Vec<f64>,
}

impl EdgeValues {
    fn radial(&self, e: usize) -> &[f64] {
        &self.radial[e * self.num_basis..(e + 1) * self.num_basis]
    }

    fn harmonics(&self, e: usize) -> &[f64] {
        &self.harmonics[e * self.width..(e + 1) * self.width]
    }
}

fn norm(r: [f64; 3]) -> f64 {
    (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt()
}

/// [`Error::TooLarge`] above [`MAX_DEGREE`].
fn check_degree(what: &str, l: usize) -> Result<()> {
    if l > MAX_DEGREE {
        return Err(Error::TooLarge {
            what: format!("a convolution with {what} of degree {l}"),
            needed: format!("l = {l}"),
            limit: format!("l = {MAX_DEGREE}"),
        });
    }
    Ok(())
}

/// The paths in order (input block, then `l_Y`, then `l_o`), with their offsets and
/// coupling tensors; [`Error::TooLarge`] when the output or the weights exceed
/// [`MAX_LAYER_SIZE`].
fn enumerate_paths(
    irreps_in: &Irreps,
    sh_lmax: usize,
    lmax_out: usize,
    num_basis: usize,
) -> Result<Vec<Path>> {
    let mut paths = Vec::new();
    let (mut offset_out, mut offset_weights) = (0usize, 0usize);
    for (block_in, (block, offset_in)) in irreps_in
        .blocks()
        .iter()
        .zip(irreps_in.offsets())
        .enumerate()
    {
        if block.mul == 0 {
            continue;
        }
        for l_sh in 0..=sh_lmax {
            let sh = Irrep {
                l: l_sh,
                parity: Parity::of_harmonic(l_sh),
            };
            for irrep in block.irrep.tensor(&sh).filter(|ir| ir.l <= lmax_out) {
                let out = MulIrrep {
                    mul: block.mul,
                    irrep,
                };
                paths.push(Path {
                    info: ConvolutionPath {
                        block_in,
                        l_sh,
                        out,
                    },
                    l_in: block.irrep.l,
                    offset_in,
                    offset_out,
                    offset_weights,
                    coupling: real_clebsch_gordan(block.irrep.l, l_sh, irrep.l)?,
                });
                offset_out += out.dim();
                offset_weights += block.mul * num_basis;
                if offset_out > MAX_LAYER_SIZE || offset_weights > MAX_LAYER_SIZE {
                    return Err(Error::TooLarge {
                        what: format!(
                            "the convolution of {irreps_in} with harmonics up to l = {sh_lmax}"
                        ),
                        needed: format!("more than {MAX_LAYER_SIZE} output components or weights"),
                        limit: format!("{MAX_LAYER_SIZE}"),
                    });
                }
            }
        }
    }
    Ok(paths)
}
