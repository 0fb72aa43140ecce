//! The basis `{v_T}` of the Specht module `S^λ` indexed by the standard tableaux of shape `λ`,
//! the contents of their letters, and how each adjacent transposition `s_i` acts on it: as a
//! list of `1×1` and `2×2` blocks determined by axial distances.

use crate::rep::check_dimension;
use crate::symmetric::{Partition, StandardTableau, standard_tableaux};
use crate::{Error, Result};
use num_traits::ToPrimitive;
use std::collections::HashMap;

/// One block of `s_i = (i, i+1)` on the tableau basis, with `r = c_T(i+1) − c_T(i)` the
/// axial distance (difference of contents `c = column − row`) of `i+1` from `i` in `T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// `i` and `i+1` in the same row (`r = 1`) or the same column (`r = −1`) of `T`, so
    /// `s_i T` is not standard and `s_i v_T = r · v_T`.
    Fixed {
        /// The index of `T`.
        tableau: usize,
        /// `r = ±1`.
        r: i64,
    },
    /// `s_i T` is standard: `T` has `i+1` below and to the left of `i` (so `r ≤ −2`), and
    /// `partner` is `s_i T` (axial distance `−r`). With the standard tableaux in the order of
    /// [`standard_tableaux`], `T` comes before `s_i T`.
    Pair {
        /// The index of `T` (the tableau with `r ≤ −2`).
        tableau: usize,
        /// The index of `s_i T`.
        partner: usize,
        /// `r = c_T(i+1) − c_T(i) ≤ −2`.
        r: i64,
    },
}

/// The standard tableaux `T_1, …, T_f` of shape `λ` in the order of [`standard_tableaux`]
/// (lexicographic in the row word `(row of 1, row of 2, …, row of n)`), with the blocks of every
/// adjacent transposition `s_1, …, s_{n−1}` on them.
#[derive(Clone, Debug)]
pub struct YoungBasis {
    shape: Partition,
    tableaux: Vec<StandardTableau>,
    blocks: Vec<Vec<Block>>,
}

impl YoungBasis {
    /// The basis of `S^λ`; [`Error::TooLarge`] when `f^λ × f^λ` matrices of `f64` would exceed
    /// 2 GiB (`f^λ > 16384`, checked by the hook length formula before any tableau is listed).
    pub fn new(shape: &Partition) -> Result<Self> {
        let degree = shape.dimension().to_f64().unwrap_or(f64::INFINITY);
        check_dimension(&format!("Young's form of S^{shape}"), degree)?;
        let tableaux = standard_tableaux(shape)?;
        let n = shape.size();
        let words: Vec<Vec<usize>> = tableaux.iter().map(|t| row_word(t, n)).collect();
        let index: HashMap<&[usize], usize> = words
            .iter()
            .enumerate()
            .map(|(k, w)| (w.as_slice(), k))
            .collect();
        let contents: Vec<Vec<i64>> = tableaux.iter().map(|t| contents(t, n)).collect();
        let blocks = (1..n)
            .map(|i| blocks_of(i, &words, &contents, &index))
            .collect::<Result<_>>()?;
        Ok(YoungBasis {
            shape: shape.clone(),
            tableaux,
            blocks,
        })
    }

    /// The shape `λ`.
    pub fn shape(&self) -> &Partition {
        &self.shape
    }

    /// `n = |λ|`.
    pub fn n(&self) -> usize {
        self.shape.size()
    }

    /// `f^λ = dim S^λ`, the number of standard tableaux.
    pub fn dim(&self) -> usize {
        self.tableaux.len()
    }

    /// The standard tableaux, in the order of the basis.
    pub fn tableaux(&self) -> &[StandardTableau] {
        &self.tableaux
    }

    /// The blocks of `s_i = (i, i+1)`, `1 ≤ i ≤ n − 1` (letters 1-based, as in the tableaux;
    /// as a [`crate::group::Permutation`] of `{0, …, n−1}` it swaps the points `i − 1` and `i`);
    /// every tableau index occurs in exactly one block. [`Error::InvalidInput`] for other `i`.
    pub fn blocks(&self, i: usize) -> Result<&[Block]> {
        match i.checked_sub(1).and_then(|k| self.blocks.get(k)) {
            Some(blocks) => Ok(blocks),
            None => Err(Error::InvalidInput(format!(
                "adjacent transposition s_{i} of S_{}: i must be in 1..={}",
                self.n(),
                self.n().saturating_sub(1)
            ))),
        }
    }
}

/// `word[k] =` the row (0-based) of the letter `k + 1`.
fn row_word(t: &StandardTableau, n: usize) -> Vec<usize> {
    let mut word = vec![0; n];
    for (row, entries) in t.rows().iter().enumerate() {
        for &letter in entries {
            word[letter - 1] = row;
        }
    }
    word
}

/// `content[k] = column − row` of the letter `k + 1`.
fn contents(t: &StandardTableau, n: usize) -> Vec<i64> {
    let mut content = vec![0; n];
    for (row, entries) in t.rows().iter().enumerate() {
        for (column, &letter) in entries.iter().enumerate() {
            content[letter - 1] = column as i64 - row as i64;
        }
    }
    content
}

/// The blocks of `s_i` (1-based): `r = c(i+1) − c(i)`; `|r| = 1` fixes `T`; `r ≤ −2` pairs
/// `T` with `s_i T`, whose row word is `T`'s with the entries `i − 1, i` swapped (`r ≥ 2` is
/// the partner of such a pair; `r = 0` cannot occur in a standard tableau).
fn blocks_of(
    i: usize,
    words: &[Vec<usize>],
    contents: &[Vec<i64>],
    index: &HashMap<&[usize], usize>,
) -> Result<Vec<Block>> {
    let mut blocks = Vec::with_capacity(words.len());
    for (t, (word, content)) in words.iter().zip(contents).enumerate() {
        let r = content[i] - content[i - 1];
        if r.abs() == 1 {
            blocks.push(Block::Fixed { tableau: t, r });
        } else if r < 0 {
            let mut swapped = word.clone();
            swapped.swap(i - 1, i);
            let partner = *index.get(swapped.as_slice()).ok_or_else(|| {
                Error::Numerical(format!("s_{i} of tableau {t} is missing from the list"))
            })?;
            blocks.push(Block::Pair {
                tableau: t,
                partner,
                r,
            });
        }
    }
    Ok(blocks)
}
