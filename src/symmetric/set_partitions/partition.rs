//! Set partitions of `{0, …, m−1}` as restricted growth strings; their enumeration, Bell and
//! Stirling numbers, and the Möbius function of the partition lattice.
//!
//! A set partition `π` of `m` points is stored as its **restricted growth string** (RGS)
//! `a_0 a_1 … a_{m−1}`: `a_p` is the block of point `p`, blocks numbered `0, 1, …` in the order
//! of their smallest point, so `a_0 = 0` and `a_p ≤ 1 + max(a_0, …, a_{p−1})`. Every set
//! partition has exactly one RGS (Stanton & White, *Constructive Combinatorics*, §1.5;
//! Knuth, *TAOCP* 4A, §7.2.1.5).
//!
//! References for the numbers: `S(m, b)` (Stirling numbers of the second kind) counts the set
//! partitions of `m` points into exactly `b` blocks, `S(m, b) = b S(m−1, b) + S(m−1, b−1)`, and
//! `Bell(m) = Σ_b S(m, b)` (Stanley, *Enumerative Combinatorics I*, §1.9).

use crate::error::human_bytes;
use crate::{Error, Result};
use num_bigint::BigUint;
use num_traits::{One, ToPrimitive, Zero};
use std::fmt;
use std::str::FromStr;

/// Largest number of set partitions one enumeration returns: `2^24` (`Bell(12) = 4 213 597`
/// fits, `Bell(13) = 27 644 437` does not).
pub const MAX_SET_PARTITIONS: u64 = 1 << 24;

/// A set partition of `{0, …, m−1}`, stored as its restricted growth string.
///
/// Displayed with 1-based points, blocks in the order of their smallest point and points
/// increasing within a block: the RGS `0 1 0 2` is `{1,3}{2}{4}`; the partition of the empty
/// set is `∅`. [`FromStr`] reads the same notation, in any order of blocks and points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SetPartition {
    rgs: Vec<usize>,
    blocks: usize,
}

impl SetPartition {
    /// The set partition with restricted growth string `rgs`; [`Error::InvalidInput`] unless
    /// `rgs[p] ≤ 1 + max(rgs[..p])` for every `p` (and `rgs[0] = 0`).
    pub fn from_rgs(rgs: Vec<usize>) -> Result<Self> {
        let mut blocks = 0;
        for (p, &a) in rgs.iter().enumerate() {
            if a > blocks {
                return Err(Error::InvalidInput(format!(
                    "not a restricted growth string: entry {p} is {a}, but only blocks 0..={blocks} \
                     may appear there"
                )));
            }
            blocks = blocks.max(a + 1);
        }
        Ok(SetPartition { rgs, blocks })
    }

    /// The equality pattern of a tuple: points `p` and `q` share a block exactly when
    /// `tuple[p] == tuple[q]`. For an index tuple of `[n]^m` this is its `S_n`-orbit.
    pub fn pattern<T: PartialEq>(tuple: &[T]) -> Self {
        let mut firsts: Vec<&T> = Vec::new();
        let rgs = tuple
            .iter()
            .map(|v| {
                firsts.iter().position(|f| *f == v).unwrap_or_else(|| {
                    firsts.push(v);
                    firsts.len() - 1
                })
            })
            .collect();
        SetPartition {
            rgs,
            blocks: firsts.len(),
        }
    }

    /// The restricted growth string: entry `p` is the block of point `p`.
    pub fn rgs(&self) -> &[usize] {
        &self.rgs
    }

    /// The number `m` of points.
    pub fn points(&self) -> usize {
        self.rgs.len()
    }

    /// The number of blocks.
    pub fn num_blocks(&self) -> usize {
        self.blocks
    }

    /// The blocks (0-based points, increasing), in the order of their smallest point.
    pub fn blocks(&self) -> Vec<Vec<usize>> {
        let mut blocks = vec![Vec::new(); self.blocks];
        for (p, &a) in self.rgs.iter().enumerate() {
            blocks[a].push(p);
        }
        blocks
    }

    /// Whether `self ≤ coarser` in the refinement order: every block of `self` lies inside a
    /// block of `coarser` (both on the same points).
    pub fn refines(&self, coarser: &SetPartition) -> bool {
        if self.points() != coarser.points() {
            return false;
        }
        let mut image = vec![usize::MAX; self.blocks];
        self.rgs.iter().zip(&coarser.rgs).all(|(&a, &b)| {
            if image[a] == usize::MAX {
                image[a] = b;
            }
            image[a] == b
        })
    }

    /// The partitions `σ ≥ π` (coarsenings of `π = self`, `π` included) with the Möbius
    /// function `μ(π, σ) = Π_{blocks C of σ} (−1)^{r_C − 1} (r_C − 1)!` of the partition
    /// lattice, `r_C` the number of blocks of `π` merged into `C` (Stanley, *Enumerative
    /// Combinatorics I*, Example 3.10.4). There are `Bell(b)` of them for `b` blocks, in the
    /// order of [`set_partitions`]`(b)` applied to the blocks of `π`; [`Error::TooLarge`] when
    /// `Bell(b)` exceeds [`MAX_SET_PARTITIONS`].
    pub fn coarsenings(&self) -> Result<Vec<(SetPartition, i64)>> {
        Ok(set_partitions(self.blocks)?
            .into_iter()
            .map(|merge| {
                let rgs = self.rgs.iter().map(|&a| merge.rgs[a]).collect();
                let sigma = SetPartition {
                    rgs,
                    blocks: merge.blocks,
                };
                (sigma, merge.moebius_from_finest())
            })
            .collect())
    }

    /// `μ(0̂, self)` from the partition into singletons: `Π_C (−1)^{|C| − 1} (|C| − 1)!`
    /// (at most `Bell(12)`-sized lattices reach here, so `|C| ≤ 12` and `i64` is exact).
    fn moebius_from_finest(&self) -> i64 {
        self.blocks()
            .iter()
            .map(|block| {
                let r = block.len() as i64;
                let factorial: i64 = (1..r).product();
                if r % 2 == 0 { -factorial } else { factorial }
            })
            .product()
    }
}

impl fmt::Display for SetPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.rgs.is_empty() {
            return write!(f, "∅");
        }
        for block in self.blocks() {
            let points: Vec<String> = block.iter().map(|p| (p + 1).to_string()).collect();
            write!(f, "{{{}}}", points.join(","))?;
        }
        Ok(())
    }
}

impl FromStr for SetPartition {
    type Err = Error;

    /// Reads `{1,3}{2}{4}` (1-based points, which must be exactly `1..=m` once each) or `∅`.
    fn from_str(s: &str) -> Result<Self> {
        let parse_error = |position: usize, message: &str| Error::Parse {
            input: s.to_string(),
            position,
            message: message.to_string(),
        };
        let trimmed = s.trim();
        if trimmed == "∅" {
            return Ok(SetPartition {
                rgs: Vec::new(),
                blocks: 0,
            });
        }
        let mut labels: Vec<Option<usize>> = Vec::new();
        let mut block = 0;
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let offset = s.len() - rest.len();
            if !rest[..open].trim().is_empty() {
                return Err(parse_error(offset, "expected '{'"));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| parse_error(offset + open, "unclosed block"))?
                + open;
            for item in rest[open + 1..close].split(',') {
                let point: usize = item
                    .trim()
                    .parse()
                    .ok()
                    .filter(|&p| p >= 1)
                    .ok_or_else(|| parse_error(offset + open + 1, "expected points 1, 2, …"))?;
                if labels.len() < point {
                    labels.resize(point, None);
                }
                if labels[point - 1].replace(block).is_some() {
                    return Err(parse_error(offset + open + 1, "point in two blocks"));
                }
            }
            block += 1;
            rest = &rest[close + 1..];
        }
        if !rest.trim().is_empty() || block == 0 {
            return Err(parse_error(s.len() - rest.len(), "expected '{' or '∅'"));
        }
        let labels: Option<Vec<usize>> = labels.into_iter().collect();
        let labels = labels.ok_or_else(|| parse_error(0, "the points must be 1..=m"))?;
        Ok(SetPartition::pattern(&labels))
    }
}

/// The Stirling numbers of the second kind `S(m, 0), …, S(m, m)`, by
/// `S(m, b) = b S(m−1, b) + S(m−1, b−1)` (`O(m²)` big-integer operations).
fn stirling2_row(m: usize) -> Vec<BigUint> {
    let mut row = vec![BigUint::one()];
    for _ in 0..m {
        let mut next = vec![BigUint::zero(); row.len() + 1];
        for (b, s) in row.iter().enumerate() {
            next[b] += s * BigUint::from(b);
            next[b + 1] += s;
        }
        row = next;
    }
    row
}

/// `S(m, b)`, the number of set partitions of `m` points into exactly `b` blocks (exact).
pub fn stirling2(m: usize, b: usize) -> BigUint {
    stirling2_row(m).get(b).cloned().unwrap_or_default()
}

/// `Bell(m) = Σ_b S(m, b)`, the number of set partitions of `m` points (exact).
pub fn bell(m: usize) -> BigUint {
    stirling2_row(m).into_iter().sum()
}

/// `Σ_{b ≤ max_blocks} S(m, b)`: the number of set partitions of `m` points with at most
/// `max_blocks` blocks — the number of `S_n`-orbits on `[n]^m` for `n = max_blocks`.
pub fn count_with_at_most(m: usize, max_blocks: usize) -> BigUint {
    stirling2_row(m).into_iter().take(max_blocks + 1).sum()
}

/// All set partitions of `m` points, in lexicographic order of their restricted growth
/// strings (`{1,2,3}` = `000` first, the singletons `012…` last); `Bell(m)` of them.
/// [`Error::TooLarge`] beyond [`MAX_SET_PARTITIONS`].
pub fn set_partitions(m: usize) -> Result<Vec<SetPartition>> {
    set_partitions_with_at_most(m, m)
}

/// The set partitions of `m` points with at most `max_blocks` blocks, in lexicographic order
/// of their restricted growth strings. [`Error::TooLarge`] (naming the count and the bytes)
/// when there are more than [`MAX_SET_PARTITIONS`].
pub fn set_partitions_with_at_most(m: usize, max_blocks: usize) -> Result<Vec<SetPartition>> {
    let count = count_with_at_most(m, max_blocks);
    if count > BigUint::from(MAX_SET_PARTITIONS) {
        let bytes = count.to_f64().unwrap_or(f64::INFINITY) * (m.max(1) * 8 + 32) as f64;
        return Err(Error::TooLarge {
            what: format!("the set partitions of {m} points with at most {max_blocks} blocks"),
            needed: format!("{count} partitions ({})", human_bytes(bytes)),
            limit: format!("{MAX_SET_PARTITIONS} partitions"),
        });
    }
    let mut out = Vec::new();
    extend(&mut Vec::with_capacity(m), 0, m, max_blocks, &mut out);
    Ok(out)
}

/// Appends every restricted growth string extending `prefix` (which uses `blocks` blocks) to
/// length `m` with at most `max_blocks` blocks, in lexicographic order.
fn extend(
    prefix: &mut Vec<usize>,
    blocks: usize,
    m: usize,
    max_blocks: usize,
    out: &mut Vec<SetPartition>,
) {
    if prefix.len() == m {
        out.push(SetPartition {
            rgs: prefix.clone(),
            blocks,
        });
        return;
    }
    let labels = blocks + usize::from(blocks < max_blocks);
    for a in 0..labels {
        prefix.push(a);
        extend(prefix, blocks.max(a + 1), m, max_blocks, out);
        prefix.pop();
    }
}
