//! [`CharacterTable`]: classes, power maps, irreducible characters (numerical and exact),
//! Frobenius–Schur indicators, the real irreducibles, and multiplicities of class functions.

use super::cyclotomic::Cyclotomic;
use crate::group::Permutation;
use crate::{Error, Result};
use num_complex::Complex64;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The type of an irreducible complex character over the reals (Frobenius–Schur):
/// the real irreducible containing it has `dim End_G = 1, 2, 4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RealType {
    /// Indicator `1`: `χ` is the character of a real representation.
    Real,
    /// Indicator `0`: `χ ≠ χ̄`; the realification of `χ` has character `χ + χ̄`.
    Complex,
    /// Indicator `−1`: `χ` is real-valued but not realisable over `R`; the realification has
    /// character `2χ` and is a quaternionic representation.
    Quaternionic,
}

impl RealType {
    /// From the Frobenius–Schur indicator `1, 0, −1`.
    pub fn from_indicator(indicator: i32) -> Option<Self> {
        match indicator {
            1 => Some(RealType::Real),
            0 => Some(RealType::Complex),
            -1 => Some(RealType::Quaternionic),
            _ => None,
        }
    }

    /// DESIGN's letter: `R`, `C` or `H`.
    pub fn symbol(self) -> &'static str {
        match self {
            RealType::Real => "R",
            RealType::Complex => "C",
            RealType::Quaternionic => "H",
        }
    }

    /// `dim_R End_G` of the real irreducible: 1, 2 or 4.
    pub fn endomorphism_dim(self) -> usize {
        match self {
            RealType::Real => 1,
            RealType::Complex => 2,
            RealType::Quaternionic => 4,
        }
    }
}

/// One conjugacy class, in the group's official class order (the columns of the table).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassInfo {
    /// Number of elements `h_k`.
    pub size: u64,
    /// Order of its elements.
    pub element_order: u64,
    /// The group's representative `g_k`.
    pub representative: Permutation,
    /// The cycle type of `g_k`, for groups acting on their natural points.
    pub cycle_type: Option<Vec<usize>>,
}

/// One irreducible complex character (a row of the table).
#[derive(Clone, Debug, PartialEq)]
pub struct IrrepInfo {
    /// DESIGN's label: the partition `[3,1,1]` for `S_n` (named `S_n` only), `X.k` otherwise.
    pub label: String,
    /// `X.k`, the position in the table counted from 1 (equal to `label` except for `S_n`).
    pub gap_label: String,
    /// The partition `λ` of the Specht module `S^λ`, for `S_n`.
    pub partition: Option<Vec<usize>>,
    /// The degree `χ(1)`.
    pub dim: u64,
    /// The Frobenius–Schur indicator `ν(χ) = (1/|G|) Σ_g χ(g²)`: 1, 0 or −1.
    pub indicator: i32,
    /// The type over the reals, from the indicator.
    pub real_type: RealType,
    /// The row of the complex-conjugate character `χ̄` (the row itself when `χ` is real-valued).
    pub conjugate: usize,
}

/// A real irreducible representation, as a set of rows of the complex table.
#[derive(Clone, Debug, PartialEq)]
pub struct RealIrrep {
    /// `X.i` (or the partition) for real and quaternionic type, `X.i+X.j` for the pair of
    /// complex-conjugate characters of complex type.
    pub label: String,
    /// Real dimension: `χ(1)` for type R, `2χ(1)` for types C and H.
    pub dim: u64,
    /// R, C or H.
    pub real_type: RealType,
    /// The rows of the complex table it is made of (`[i]` or the pair `[i, j]`, `i < j`).
    pub constituents: Vec<usize>,
    /// Its (real) character: `χ`, `χ + χ̄` or `2χ`.
    pub character: Vec<f64>,
}

/// Multiplicities of the irreducibles in a class function, from the inner products.
#[derive(Clone, Debug, PartialEq)]
pub struct Multiplicities {
    /// `⟨χ, χ_i⟩` for every row `i` of the table, rounded.
    pub complex: Vec<u64>,
    /// The multiplicity of each real irreducible ([`CharacterTable::real_irreps`] order) when
    /// the class function is the character of a real representation (real-valued, even
    /// complex multiplicity on quaternionic rows): the complex multiplicity for types R and
    /// C, half of it for type H. `None` otherwise.
    pub real: Option<Vec<u64>>,
    /// The largest distance of an inner product from the integer it was rounded to.
    pub max_residual: f64,
}

/// The character table of a finite group (see the [module documentation](super)).
#[derive(Clone, Debug)]
pub struct CharacterTable {
    /// The group's name.
    pub group: String,
    /// `|G|`.
    pub order: u64,
    /// The conjugacy classes, in the group's order; class 0 is the identity.
    pub classes: Vec<ClassInfo>,
    /// For each prime `p` dividing `|G|`, the class of `g_k^p` for every class `k`.
    pub power_maps: BTreeMap<u64, Vec<usize>>,
    /// The class of `g_k⁻¹` for every class `k`.
    pub inverse_classes: Vec<usize>,
    /// The irreducible characters, ordered by degree and then by the rule of
    /// [`crate::character`]; `X.1` is the trivial character.
    pub irreps: Vec<IrrepInfo>,
    /// `values[i][k] = χ_i(g_k)`, computed from the exact values (accurate to ~1e-15).
    pub values: Vec<Vec<Complex64>>,
    /// The exact values: `exact[i][k]` is the multiset of eigenvalues of `ρ_i(g_k)`.
    pub exact: Vec<Vec<Cyclotomic>>,
    /// The largest residual of the two orthogonality relations, each normalised to a
    /// Kronecker delta: `|(1/|G|) Σ_k h_k χ_i(g_k) χ̄_j(g_k) − δ_ij|` and
    /// `|(h_k/|G|) Σ_i χ_i(g_k) χ̄_i(g_l) − δ_kl|`.
    pub max_orthogonality_residual: f64,
    /// The largest distance of a numerical degree or eigenvalue multiplicity from the integer
    /// it was rounded to (how clearly the numerical stage determined the exact table).
    pub max_rounding_error: f64,
}

impl CharacterTable {
    /// Number of classes `r` (= number of irreducibles).
    pub fn num_classes(&self) -> usize {
        self.classes.len()
    }

    /// The class sizes `h_k`.
    pub fn class_sizes(&self) -> Vec<u64> {
        self.classes.iter().map(|c| c.size).collect()
    }

    /// The element orders of the classes.
    pub fn element_orders(&self) -> Vec<u64> {
        self.classes.iter().map(|c| c.element_order).collect()
    }

    /// The degrees `χ_i(1)`.
    pub fn dims(&self) -> Vec<u64> {
        self.irreps.iter().map(|i| i.dim).collect()
    }

    /// The row whose `label` or `gap_label` is `label`.
    pub fn irrep_index(&self, label: &str) -> Option<usize> {
        self.irreps
            .iter()
            .position(|i| i.label == label || i.gap_label == label)
    }

    /// The inner product of class functions `⟨a, b⟩ = (1/|G|) Σ_k h_k a(g_k) conj(b(g_k))`.
    pub fn inner_product(&self, a: &[Complex64], b: &[Complex64]) -> Complex64 {
        let sum: Complex64 = self
            .classes
            .iter()
            .zip(a.iter().zip(b))
            .map(|(c, (x, y))| x * y.conj() * c.size as f64)
            .sum();
        sum / self.order as f64
    }

    /// The residuals of row and column orthogonality, recomputed from [`Self::values`]
    /// (normalised as in [`Self::max_orthogonality_residual`]).
    pub fn orthogonality_residuals(&self) -> (f64, f64) {
        let r = self.num_classes();
        let rows = (0..r)
            .into_par_iter()
            .map(|i| {
                (0..r)
                    .map(|j| {
                        let ip = self.inner_product(&self.values[i], &self.values[j]);
                        let delta = if i == j { 1.0 } else { 0.0 };
                        (ip - delta).norm()
                    })
                    .fold(0.0, f64::max)
            })
            .reduce(|| 0.0, f64::max);
        let columns = (0..r)
            .into_par_iter()
            .map(|k| {
                let scale = self.classes[k].size as f64 / self.order as f64;
                (0..r)
                    .map(|l| {
                        let sum: Complex64 =
                            self.values.iter().map(|row| row[k] * row[l].conj()).sum();
                        let delta = if k == l { 1.0 } else { 0.0 };
                        (sum * scale - delta).norm()
                    })
                    .fold(0.0, f64::max)
            })
            .reduce(|| 0.0, f64::max);
        (rows, columns)
    }

    /// The real irreducible representations, in table order of their first constituent:
    /// type R rows as themselves, each complex-conjugate pair once (`X.i+X.j`), type H rows
    /// with twice their dimension and character.
    pub fn real_irreps(&self) -> Vec<RealIrrep> {
        let mut out = Vec::new();
        for (i, irrep) in self.irreps.iter().enumerate() {
            let row = &self.values[i];
            match irrep.real_type {
                RealType::Real => out.push(RealIrrep {
                    label: irrep.label.clone(),
                    dim: irrep.dim,
                    real_type: RealType::Real,
                    constituents: vec![i],
                    character: row.iter().map(|z| z.re).collect(),
                }),
                RealType::Quaternionic => out.push(RealIrrep {
                    label: irrep.label.clone(),
                    dim: 2 * irrep.dim,
                    real_type: RealType::Quaternionic,
                    constituents: vec![i],
                    character: row.iter().map(|z| 2.0 * z.re).collect(),
                }),
                RealType::Complex if irrep.conjugate > i => {
                    let j = irrep.conjugate;
                    out.push(RealIrrep {
                        label: format!("{}+{}", irrep.label, self.irreps[j].label),
                        dim: 2 * irrep.dim,
                        real_type: RealType::Complex,
                        constituents: vec![i, j],
                        character: row.iter().map(|z| 2.0 * z.re).collect(),
                    })
                }
                RealType::Complex => {}
            }
        }
        out
    }

    /// The multiplicities `⟨χ, χ_i⟩` of the irreducibles in the class function `χ` (values
    /// on the classes, in class order), over `C` and, for characters of real representations,
    /// over `R`. An error if `χ` has the wrong length or is not a character (an inner product
    /// further than `10⁻⁶·max(1, max|χ|)` from a non-negative integer).
    pub fn multiplicities(&self, character: &[Complex64]) -> Result<Multiplicities> {
        let r = self.num_classes();
        if character.len() != r {
            return Err(Error::InvalidInput(format!(
                "a class function of {} has {r} values (one per class), not {}",
                self.group,
                character.len()
            )));
        }
        let scale = character.iter().map(|z| z.norm()).fold(1.0, f64::max);
        let tolerance = 1e-6 * scale;
        let mut complex = Vec::with_capacity(r);
        let mut max_residual: f64 = 0.0;
        for (i, irrep) in self.irreps.iter().enumerate() {
            let ip = self.inner_product(character, &self.values[i]);
            let rounded = ip.re.round();
            let residual = (ip - Complex64::new(rounded, 0.0)).norm();
            if residual > tolerance || rounded < 0.0 {
                return Err(Error::InvalidInput(format!(
                    "not a character of {}: its inner product with {} is {:.6}{:+.6}i, not a non-negative integer",
                    self.group, irrep.label, ip.re, ip.im
                )));
            }
            max_residual = max_residual.max(residual);
            complex.push(rounded as u64);
        }
        let is_real_valued = character.iter().all(|z| z.im.abs() <= tolerance);
        let real = self
            .real_irreps()
            .iter()
            .map(|ri| {
                let m = complex[ri.constituents[0]];
                match ri.real_type {
                    RealType::Real => Some(m),
                    RealType::Complex => (m == complex[ri.constituents[1]]).then_some(m),
                    RealType::Quaternionic => m.is_multiple_of(2).then_some(m / 2),
                }
            })
            .collect::<Option<Vec<u64>>>()
            .filter(|_| is_real_valued);
        Ok(Multiplicities {
            complex,
            real,
            max_residual,
        })
    }
}

/// [`CharacterTable::multiplicities`] as a free function.
pub fn multiplicities(table: &CharacterTable, character: &[Complex64]) -> Result<Multiplicities> {
    table.multiplicities(character)
}

impl Multiplicities {
    /// `2x[5] + 3x[4,1] + [3,2]` over `C` (table order, zero multiplicities omitted).
    pub fn describe_complex(&self, table: &CharacterTable) -> String {
        describe(
            self.complex
                .iter()
                .zip(&table.irreps)
                .map(|(&m, i)| (m, i.label.clone())),
        )
    }

    /// The same over `R` (`None` when the class function is not the character of a real
    /// representation).
    pub fn describe_real(&self, table: &CharacterTable) -> Option<String> {
        let real = self.real.as_ref()?;
        Some(describe(
            real.iter()
                .zip(table.real_irreps())
                .map(|(&m, ri)| (m, ri.label)),
        ))
    }
}

/// `2x[5] + 3x[4,1] + [3,2]`: terms with multiplicity 0 omitted, `0` when none remain.
pub(crate) fn describe(terms: impl Iterator<Item = (u64, String)>) -> String {
    let parts: Vec<String> = terms
        .filter(|(m, _)| *m > 0)
        .map(|(m, label)| {
            if m == 1 {
                label
            } else {
                format!("{m}x{label}")
            }
        })
        .collect();
    if parts.is_empty() {
        "0".into()
    } else {
        parts.join(" + ")
    }
}
