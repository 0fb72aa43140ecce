//! Irreducible representations of `O(3)` and their direct sums, in e3nn's notation.
//!
//! An [`Irrep`] `lp` is the real irrep `D^l` of `SO(3)` (dimension `2l + 1`) with the parity
//! `p ∈ {e, o}`: the inversion `−I` acts as `+1` (`e`) or `−1` (`o`). The vector
//! representation is `1o`, pseudo-vectors (angular momenta) are `1e`, and `ly` means the
//! parity `(−1)^l` of the spherical harmonics `Y_l`. [`Irreps`] is a direct sum written
//! `16x0e+8x1o+4x2e`; it parses and prints (`Display` and `FromStr` round-trip), and it
//! knows where each copy sits in the concatenated vector.
//!
//! Tensor products obey the Clebsch–Gordan series with parities multiplying:
//! `l1p1 ⊗ l2p2 = ⊕_{L=|l1−l2|}^{l1+l2} L(p1p2)`.
//!
//! Reference: Geiger & Smidt, "e3nn: Euclidean Neural Networks", arXiv:2207.09453, §2.

use crate::{Error, Result};
use std::fmt;
use std::ops::Mul;
use std::str::FromStr;

/// The largest `l` an irreps string may name (the dimension `2l + 1` of one copy stays far
/// below every size limit of the library, and `l1 + l2` never overflows).
pub const MAX_L: usize = 1 << 20;

/// Parity under the inversion `−I`: `+1` (even, `e`) or `−1` (odd, `o`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Parity {
    /// `−I` acts as `+1`.
    Even,
    /// `−I` acts as `−1`.
    Odd,
}

impl Parity {
    /// The parity `(−1)^l` of the spherical harmonics of degree `l`.
    pub fn of_harmonic(l: usize) -> Parity {
        if l.is_multiple_of(2) {
            Parity::Even
        } else {
            Parity::Odd
        }
    }

    /// `+1.0` or `−1.0`.
    pub fn sign(self) -> f64 {
        match self {
            Parity::Even => 1.0,
            Parity::Odd => -1.0,
        }
    }
}

impl Mul for Parity {
    type Output = Parity;
    fn mul(self, other: Parity) -> Parity {
        if self == other {
            Parity::Even
        } else {
            Parity::Odd
        }
    }
}

impl fmt::Display for Parity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Parity::Even => "e",
            Parity::Odd => "o",
        })
    }
}

/// The irrep `lp` of `O(3)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Irrep {
    /// The degree `l` (dimension `2l + 1`).
    pub l: usize,
    /// The parity.
    pub parity: Parity,
}

impl Irrep {
    /// The irrep `lp`; `l` above [`MAX_L`] is refused.
    pub fn new(l: usize, parity: Parity) -> Result<Irrep> {
        if l > MAX_L {
            return Err(Error::InvalidInput(format!(
                "irrep degree l = {l} exceeds the limit {MAX_L}"
            )));
        }
        Ok(Irrep { l, parity })
    }

    /// `2l + 1`.
    pub fn dim(&self) -> usize {
        2 * self.l + 1
    }

    /// The irreps of `self ⊗ other`: `L = |l1 − l2|, …, l1 + l2` with the product parity.
    pub fn tensor(&self, other: &Irrep) -> impl Iterator<Item = Irrep> + use<> {
        let parity = self.parity * other.parity;
        (self.l.abs_diff(other.l)..=self.l + other.l).map(move |l| Irrep { l, parity })
    }
}

impl fmt::Display for Irrep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.l, self.parity)
    }
}

impl FromStr for Irrep {
    type Err = Error;
    /// `0e`, `1o`, `2y` (`y`: the parity `(−1)^l` of `Y_l`).
    fn from_str(text: &str) -> Result<Irrep> {
        let text = text.trim();
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let bad = || {
            Error::InvalidInput(format!(
                "{text:?} is not an O(3) irrep: expected a degree and a parity, like 0e, 1o or 2y"
            ))
        };
        if digits == 0 || digits + 1 != text.len() {
            return Err(bad());
        }
        let l: usize = text[..digits].parse().map_err(|_| bad())?;
        let parity = match &text[digits..] {
            "e" => Parity::Even,
            "o" => Parity::Odd,
            "y" => Parity::of_harmonic(l),
            _ => return Err(bad()),
        };
        Irrep::new(l, parity)
    }
}

/// `mul` copies of one irrep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MulIrrep {
    /// The multiplicity.
    pub mul: usize,
    /// The irrep.
    pub irrep: Irrep,
}

impl MulIrrep {
    /// `mul · (2l + 1)`.
    pub fn dim(&self) -> usize {
        self.mul * self.irrep.dim()
    }
}

/// A direct sum of irreps of `O(3)`, in the order written (`16x0e+8x1o`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Irreps(Vec<MulIrrep>);

/// The largest total dimension of an irreps string (2³² components).
pub const MAX_IRREPS_DIM: usize = 1 << 32;

impl Irreps {
    /// The direct sum of the given blocks; refused when the total dimension exceeds
    /// [`MAX_IRREPS_DIM`].
    pub fn new(blocks: Vec<MulIrrep>) -> Result<Irreps> {
        let mut total: usize = 0;
        for block in &blocks {
            total = block
                .mul
                .checked_mul(block.irrep.dim())
                .and_then(|d| total.checked_add(d))
                .filter(|&d| d <= MAX_IRREPS_DIM)
                .ok_or_else(|| Error::TooLarge {
                    what: "irreps string".into(),
                    needed: "more than 2^32 components".into(),
                    limit: format!("{MAX_IRREPS_DIM} components"),
                })?;
        }
        Ok(Irreps(blocks))
    }

    /// One copy of each irrep in order.
    pub fn from_irreps(irreps: impl IntoIterator<Item = Irrep>) -> Result<Irreps> {
        Irreps::new(
            irreps
                .into_iter()
                .map(|irrep| MulIrrep { mul: 1, irrep })
                .collect(),
        )
    }

    /// The spherical harmonics `0e + 1o + 2e + … + lmax(−1)^lmax`.
    pub fn spherical_harmonics(lmax: usize) -> Result<Irreps> {
        Irreps::from_irreps((0..=lmax).map(|l| Irrep {
            l,
            parity: Parity::of_harmonic(l),
        }))
    }

    /// The blocks in order.
    pub fn blocks(&self) -> &[MulIrrep] {
        &self.0
    }

    /// The total dimension `Σ mul (2l + 1)`.
    pub fn dim(&self) -> usize {
        self.0.iter().map(MulIrrep::dim).sum()
    }

    /// The number of irreducible copies `Σ mul`.
    pub fn num_irreps(&self) -> usize {
        self.0.iter().map(|b| b.mul).sum()
    }

    /// The offset of each block in the concatenated vector.
    pub fn offsets(&self) -> Vec<usize> {
        self.0
            .iter()
            .scan(0, |offset, block| {
                let start = *offset;
                *offset += block.dim();
                Some(start)
            })
            .collect()
    }

    /// Each irreducible copy, in order, expanded (`2x1o` gives `1o, 1o`).
    pub fn copies(&self) -> impl Iterator<Item = Irrep> + '_ {
        self.0
            .iter()
            .flat_map(|b| std::iter::repeat_n(b.irrep, b.mul))
    }

    /// The same direct sum sorted by irrep (`l`, then even before odd) with equal irreps
    /// merged: the canonical form in which decompositions are reported.
    pub fn simplified(&self) -> Irreps {
        let mut blocks: Vec<MulIrrep> = self.0.iter().filter(|b| b.mul > 0).copied().collect();
        blocks.sort_by_key(|b| b.irrep);
        let mut merged: Vec<MulIrrep> = Vec::new();
        for block in blocks {
            match merged.last_mut() {
                Some(last) if last.irrep == block.irrep => last.mul += block.mul,
                _ => merged.push(block),
            }
        }
        Irreps(merged)
    }
}

impl fmt::Display for Irreps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, block) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            write!(f, "{}x{}", block.mul, block.irrep)?;
        }
        Ok(())
    }
}

impl FromStr for Irreps {
    type Err = Error;
    /// `16x0e+8x1o+4x2e`; a block without `Nx` has multiplicity 1; the empty string is the
    /// zero representation.
    fn from_str(text: &str) -> Result<Irreps> {
        if text.trim().is_empty() {
            return Ok(Irreps::default());
        }
        let blocks = text
            .split('+')
            .map(|part| {
                let part = part.trim();
                match part.split_once('x') {
                    Some((mul, irrep)) => {
                        let mul = mul.trim().parse::<usize>().map_err(|_| {
                            Error::InvalidInput(format!(
                                "bad multiplicity {mul:?} in the irreps block {part:?}"
                            ))
                        })?;
                        Ok(MulIrrep {
                            mul,
                            irrep: irrep.parse()?,
                        })
                    }
                    None => Ok(MulIrrep {
                        mul: 1,
                        irrep: part.parse()?,
                    }),
                }
            })
            .collect::<Result<Vec<_>>>()?;
        Irreps::new(blocks)
    }
}
