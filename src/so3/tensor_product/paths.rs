//! The paths (e3nn's "instructions") of a tensor product, their weights' layout and their
//! normalisation.
//!
//! A path `(i1, i2, o)` is allowed when `ir_out ∈ ir1 ⊗ ir2`: `|l1 − l2| ≤ l_out ≤ l1 + l2`
//! and `p_out = p1 p2`. Its weights are the `mul_out × mul1 × mul2` block `W[w][u][v]` at
//! [`Path::weight_offset`], and its output is scaled by `α = 1/√fan_in` with
//! `fan_in = Σ_{paths into o} mul1 · mul2` (e3nn's path normalisation "element").
//!
//! Reference: Geiger & Smidt, arXiv:2207.09453, §3.

use crate::so3::irreps::{Irrep, Irreps};
use crate::{Error, Result};

/// The largest weight vector a tensor product may have (2³¹ entries).
pub const MAX_WEIGHTS: usize = 1 << 31;

/// One path `(i1, i2, o)` of a tensor product.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Path {
    /// Block index in `irreps_in1`.
    pub i1: usize,
    /// Block index in `irreps_in2`.
    pub i2: usize,
    /// Block index in `irreps_out`.
    pub out: usize,
    /// The irreps of the three blocks.
    pub irreps: [Irrep; 3],
    /// The multiplicities `[mul1, mul2, mul_out]`.
    pub muls: [usize; 3],
    /// Where the path's `[mul_out][mul1][mul2]` weights start in the weight vector.
    pub weight_offset: usize,
    /// `α = 1/√fan_in(out)`, the factor multiplying the path's output.
    pub coefficient: f64,
}

impl Path {
    /// `mul_out · mul1 · mul2`.
    pub fn weight_numel(&self) -> usize {
        self.muls.iter().product()
    }
}

/// Whether `out ∈ a ⊗ b` (Clebsch–Gordan series and parity).
pub fn allowed(a: Irrep, b: Irrep, out: Irrep) -> bool {
    a.l.abs_diff(b.l) <= out.l && out.l <= a.l + b.l && out.parity == a.parity * b.parity
}

/// Every allowed `(i1, i2, o)`, in e3nn's order (`i1`, then `i2`, then `o`).
pub fn all_paths(in1: &Irreps, in2: &Irreps, out: &Irreps) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (i1, b1) in in1.blocks().iter().enumerate() {
        for (i2, b2) in in2.blocks().iter().enumerate() {
            for (o, bo) in out.blocks().iter().enumerate() {
                if allowed(b1.irrep, b2.irrep, bo.irrep) {
                    found.push((i1, i2, o));
                }
            }
        }
    }
    found
}

/// The validated paths with their weight offsets and coefficients (errors as
/// [`super::TensorProduct::new`]).
pub fn build_paths(
    in1: &Irreps,
    in2: &Irreps,
    out: &Irreps,
    instructions: &[(usize, usize, usize)],
) -> Result<Vec<Path>> {
    let mut paths = Vec::with_capacity(instructions.len());
    let mut offset: usize = 0;
    for &(i1, i2, o) in instructions {
        let b1 = block(in1, i1, "irreps_in1")?;
        let b2 = block(in2, i2, "irreps_in2")?;
        let bo = block(out, o, "irreps_out")?;
        if !allowed(b1.irrep, b2.irrep, bo.irrep) {
            return Err(Error::InvalidInput(format!(
                "path ({i1}, {i2}, {o}): {} is not in {} x {}",
                bo.irrep, b1.irrep, b2.irrep
            )));
        }
        let path = Path {
            i1,
            i2,
            out: o,
            irreps: [b1.irrep, b2.irrep, bo.irrep],
            muls: [b1.mul, b2.mul, bo.mul],
            weight_offset: offset,
            coefficient: 0.0,
        };
        // The fan-in term `mul1 · mul2` is bounded like the weights.
        let fan_in = b1.mul.checked_mul(b2.mul).filter(|&n| n <= MAX_WEIGHTS);
        offset = fan_in
            .and_then(|n| n.checked_mul(bo.mul))
            .and_then(|n| offset.checked_add(n))
            .filter(|&n| n <= MAX_WEIGHTS)
            .ok_or_else(|| Error::TooLarge {
                what: "the tensor product's weights".into(),
                needed: "more than 2^31 entries".into(),
                limit: format!("{MAX_WEIGHTS} entries"),
            })?;
        paths.push(path);
    }
    normalise(&mut paths, out.blocks().len());
    Ok(paths)
}

/// Sets each path's coefficient to `1/√fan_in` of its output block (1 when `fan_in = 0`).
fn normalise(paths: &mut [Path], outputs: usize) {
    let mut fan_in = vec![0.0f64; outputs];
    for p in paths.iter() {
        fan_in[p.out] += (p.muls[0] * p.muls[1]) as f64;
    }
    for p in paths.iter_mut() {
        let f = fan_in[p.out];
        p.coefficient = if f > 0.0 { 1.0 / f.sqrt() } else { 1.0 };
    }
}

/// Block `index` of `irreps`, or [`Error::InvalidInput`] naming `which`.
fn block(irreps: &Irreps, index: usize, which: &str) -> Result<crate::so3::irreps::MulIrrep> {
    irreps.blocks().get(index).copied().ok_or_else(|| {
        Error::InvalidInput(format!(
            "block index {index} out of range: {which} = {irreps} has {} blocks",
            irreps.blocks().len()
        ))
    })
}
