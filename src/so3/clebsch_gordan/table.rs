//! The table of every complex-basis coefficient `⟨l1 m1 l2 m2 | l3 m1+m2⟩` with
//! `l1, l2, l3 ≤ L`, built from cold by the recursion in `l3` ([`super::recursion`]).
//!
//! One recursion line (fixed `l1, m1, l2, m2`) yields the coefficients for every `l3` at once,
//! so the work is `O(1)` per coefficient (the lines with `l1 + l2 > L` also run through the
//! `l3 > L` values, which their normalisation needs). Blocks `(l1, l2)` are independent and
//! are computed in parallel with rayon (in the current pool: run inside
//! `ThreadPool::install`, or set `RAYON_NUM_THREADS`, to choose the thread count), or
//! sequentially with [`ClebschGordanTable::new_sequential`].
//!
//! Layout: block `(l1, l2)` stores, for each `(m1, m2)` with `|m1 + m2| ≤ L`, the run
//! `l3 = max(|l1 − l2|, |m1 + m2|) ..= min(l1 + l2, L)` contiguously.

use rayon::prelude::*;

use super::recursion::CgLine;
use super::{check_m, triangle};
use crate::error::human_bytes;
use crate::{Error, Result};

/// The most memory a table may take (values and offsets), refused up front above it.
pub const MAX_TABLE_BYTES: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;

/// All Clebsch–Gordan coefficients with `l1, l2, l3 ≤ lmax` (module docs).
///
/// ```
/// use equivariant::so3::clebsch_gordan::{ClebschGordanTable, clebsch_gordan};
/// let table = ClebschGordanTable::new(4).unwrap();
/// let direct = clebsch_gordan(3, -1, 2, 2, 4, 1).unwrap();
/// assert!((table.get(3, -1, 2, 2, 4, 1).unwrap() - direct).abs() < 1e-15);
/// ```
#[derive(Clone, Debug)]
pub struct ClebschGordanTable {
    lmax: usize,
    blocks: Vec<Block>,
}

/// The coefficients of one pair `(l1, l2)`.
#[derive(Clone, Debug, Default)]
struct Block {
    /// Offset of the run for `(m1, m2)` at index `(m1+l1)(2l2+1) + (m2+l2)`.
    starts: Vec<usize>,
    values: Vec<f64>,
}

impl ClebschGordanTable {
    /// Builds the table in parallel (rayon, current pool); [`Error::TooLarge`] when it would
    /// need more than [`MAX_TABLE_BYTES`].
    pub fn new(lmax: usize) -> Result<Self> {
        check_size(lmax)?;
        let computed: Vec<Block> = pairs(lmax)
            .into_par_iter()
            .filter(|(l1, l2)| l1 <= l2)
            .map_init(CgLine::default, |line, (l1, l2)| {
                compute_block(lmax, l1, l2, line)
            })
            .collect();
        let swapped: Vec<Block> = pairs(lmax)
            .into_par_iter()
            .filter(|(l1, l2)| l1 > l2)
            .map(|(l1, l2)| swapped_block(lmax, l1, l2, &computed))
            .collect();
        Ok(Self {
            lmax,
            blocks: interleave(lmax, computed, swapped),
        })
    }

    /// Builds the table on the calling thread only.
    pub fn new_sequential(lmax: usize) -> Result<Self> {
        check_size(lmax)?;
        let mut line = CgLine::default();
        let computed: Vec<Block> = pairs(lmax)
            .into_iter()
            .filter(|(l1, l2)| l1 <= l2)
            .map(|(l1, l2)| compute_block(lmax, l1, l2, &mut line))
            .collect();
        let swapped: Vec<Block> = pairs(lmax)
            .into_iter()
            .filter(|(l1, l2)| l1 > l2)
            .map(|(l1, l2)| swapped_block(lmax, l1, l2, &computed))
            .collect();
        Ok(Self {
            lmax,
            blocks: interleave(lmax, computed, swapped),
        })
    }

    /// The largest `l` in the table.
    pub fn lmax(&self) -> usize {
        self.lmax
    }

    /// The number of stored coefficients (every `⟨l1 m1 l2 m2 | l3 m1+m2⟩` with
    /// `l1, l2, l3 ≤ L`, the triangle condition and `|m1 + m2| ≤ l3`).
    pub fn len(&self) -> usize {
        self.blocks.iter().map(|b| b.values.len()).sum()
    }

    /// Whether the table is empty (never: `lmax = 0` holds `⟨0 0 0 0 | 0 0⟩`).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `⟨l1 m1 l2 m2 | l3 m3⟩`: zero when `m3 ≠ m1 + m2` or the triangle condition fails;
    /// [`Error::InvalidInput`] when some `|m_i| > l_i` or `l_i > lmax`.
    pub fn get(&self, l1: usize, m1: i64, l2: usize, m2: i64, l3: usize, m3: i64) -> Result<f64> {
        for (l, m) in [(l1, m1), (l2, m2), (l3, m3)] {
            if l > self.lmax {
                return Err(Error::InvalidInput(format!(
                    "l = {l} is above the table's lmax = {}",
                    self.lmax
                )));
            }
            check_m(l, m)?;
        }
        if m1 + m2 != m3 || !triangle(l1, l2, l3) {
            return Ok(0.0);
        }
        let block = &self.blocks[l1 * (self.lmax + 1) + l2];
        let start =
            block.starts[(m1 + l1 as i64) as usize * (2 * l2 + 1) + (m2 + l2 as i64) as usize];
        let j_min = l1.abs_diff(l2).max(m3.unsigned_abs() as usize);
        Ok(block.values[start + l3 - j_min])
    }
}

/// The ordered pairs `(l1, l2)`, `l1, l2 ≤ lmax`, in block order.
fn pairs(lmax: usize) -> Vec<(usize, usize)> {
    (0..=lmax)
        .flat_map(|l1| (0..=lmax).map(move |l2| (l1, l2)))
        .collect()
}

/// The run of `l3` values stored for `(l1, l2, M)`: `max(|l1−l2|, |M|) ..= min(l1+l2, L)`,
/// as its length (zero when `|M| > L`).
fn run_length(lmax: usize, l1: usize, l2: usize, big_m: usize) -> usize {
    let lo = l1.abs_diff(l2).max(big_m);
    let hi = (l1 + l2).min(lmax);
    (hi + 1).saturating_sub(lo)
}

/// `(−1)^{l1+l2−J}` for the first `J` of a run starting at `j_min`.
fn first_sign(l1: usize, l2: usize, j_min: usize) -> f64 {
    if (l1 + l2 - j_min).is_multiple_of(2) {
        1.0
    } else {
        -1.0
    }
}

/// Appends `sign · src[0], −sign · src[1], …`: a run multiplied by `(−1)^{l1+l2−J}`.
fn extend_alternating(values: &mut Vec<f64>, src_start: usize, run: usize, sign: f64) {
    let mut s = sign;
    for i in src_start..src_start + run {
        values.push(s * values[i]);
        s = -s;
    }
}

/// Computes block `(l1, l2)`, `l1 ≤ l2`: one recursion line per `(m1, m2)` with a non-empty
/// run and `(m1, m2)` before `(−m1, −m2)` in the block order; the mirrored runs follow from
/// `⟨l1 −m1 l2 −m2 | J −M⟩ = (−1)^{l1+l2−J} ⟨l1 m1 l2 m2 | J M⟩` (Edmonds (3.5.15)).
fn compute_block(lmax: usize, l1: usize, l2: usize, line: &mut CgLine) -> Block {
    let (n1, n2) = (2 * l1 + 1, 2 * l2 + 1);
    let mut starts = vec![0; n1 * n2];
    let mut values = Vec::with_capacity(block_len(lmax, l1, l2));
    for index in 0..n1 * n2 {
        let (m1, m2) = (
            (index / n2) as i64 - l1 as i64,
            (index % n2) as i64 - l2 as i64,
        );
        starts[index] = values.len();
        let big_m = (m1 + m2).unsigned_abs() as usize;
        let run = run_length(lmax, l1, l2, big_m);
        let mirror = n1 * n2 - 1 - index;
        if run == 0 {
            continue;
        }
        if mirror < index {
            let j_min = l1.abs_diff(l2).max(big_m);
            extend_alternating(&mut values, starts[mirror], run, first_sign(l1, l2, j_min));
        } else {
            let line_values = line.compute(l1 as i64, m1, l2 as i64, m2);
            values.extend_from_slice(&line_values[..run]);
        }
    }
    Block { starts, values }
}

/// The blocks in the order of [`pairs`], from those with `l1 ≤ l2` and those with `l1 > l2`
/// (each in that order).
fn interleave(lmax: usize, computed: Vec<Block>, swapped: Vec<Block>) -> Vec<Block> {
    let (mut computed, mut swapped) = (computed.into_iter(), swapped.into_iter());
    pairs(lmax)
        .into_iter()
        .filter_map(|(l1, l2)| {
            if l1 <= l2 {
                computed.next()
            } else {
                swapped.next()
            }
        })
        .collect()
}

/// Block `(l1, l2)`, `l1 > l2`, from the computed block `(l2, l1)` by
/// `⟨l1 m1 l2 m2 | J M⟩ = (−1)^{l1+l2−J} ⟨l2 m2 l1 m1 | J M⟩` (Edmonds (3.5.14)).
fn swapped_block(lmax: usize, l1: usize, l2: usize, computed: &[Block]) -> Block {
    // Index of (l2, l1) among the pairs (a, b), a ≤ b, in row-major order.
    let source = &computed[l2 * (lmax + 1) - l2 * l2.saturating_sub(1) / 2 - l2 + l1];
    let (n1, n2) = (2 * l1 + 1, 2 * l2 + 1);
    let mut starts = vec![0; n1 * n2];
    let mut values = Vec::with_capacity(source.values.len());
    for (a, m1) in (-(l1 as i64)..=l1 as i64).enumerate() {
        for (b, m2) in (-(l2 as i64)..=l2 as i64).enumerate() {
            starts[a * n2 + b] = values.len();
            let big_m = (m1 + m2).unsigned_abs() as usize;
            let run = run_length(lmax, l1, l2, big_m);
            let src = source.starts[b * n1 + a];
            let mut sign = first_sign(l1, l2, l1.abs_diff(l2).max(big_m));
            for &v in &source.values[src..src + run] {
                values.push(sign * v);
                sign = -sign;
            }
        }
    }
    Block { starts, values }
}

/// The number of coefficients in block `(l1, l2)`: `Σ_M N(M) · run(M)`, with
/// `N(M) = #{(m1, m2) : m1 + m2 = M}`.
fn block_len(lmax: usize, l1: usize, l2: usize) -> usize {
    let (a, b) = (l1 as i64, l2 as i64);
    (-(a + b)..=a + b)
        .map(|m| {
            let count = (a.min(m + b) - (-a).max(m - b) + 1).max(0) as usize;
            count * run_length(lmax, l1, l2, m.unsigned_abs() as usize)
        })
        .sum()
}

/// Refuses a table above [`MAX_TABLE_BYTES`]: first by the lower bound
/// `len ≥ Σ_{l ≤ L} (l+1)² ≥ (L+1)³/3` (the entries `l1 = l2 = l3 = l`, `m1 ≥ 0 ≥ m2`), which
/// keeps the exact count below cheap, then by the exact count.
fn check_size(lmax: usize) -> Result<()> {
    let refuse = |bytes: f64| Error::TooLarge {
        what: format!("a Clebsch-Gordan table up to l = {lmax}"),
        needed: format!("at least {}", human_bytes(bytes)),
        limit: human_bytes(MAX_TABLE_BYTES),
    };
    let lower = (lmax as f64 + 1.0).powi(3) / 3.0 * 8.0;
    if lower > MAX_TABLE_BYTES {
        return Err(refuse(lower));
    }
    let entries: usize = pairs(lmax)
        .into_iter()
        .map(|(l1, l2)| block_len(lmax, l1, l2) + (2 * l1 + 1) * (2 * l2 + 1))
        .sum();
    let bytes = entries as f64 * 8.0;
    if bytes > MAX_TABLE_BYTES {
        return Err(refuse(bytes));
    }
    Ok(())
}
