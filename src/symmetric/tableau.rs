//! Standard Young tableaux: fillings of the diagram of `λ` with `1…n`, increasing along rows
//! and down columns. Their number is `f^λ = dim S^λ`, given by the hook length formula
//! (Sagan, *The Symmetric Group*, 2.5 and 3.10).

use super::partition::Partition;
use crate::{Error, Result};
use num_bigint::BigUint;

/// Largest number of tableaux [`standard_tableaux`] lists.
pub const MAX_TABLEAUX: u64 = 1_000_000;

/// A standard Young tableau, stored row by row.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StandardTableau {
    rows: Vec<Vec<usize>>,
}

impl StandardTableau {
    /// The tableau with these rows, which must have a partition as shape, hold `1…n` once each,
    /// and increase along rows and down columns.
    pub fn new(rows: Vec<Vec<usize>>) -> Result<Self> {
        let shape = Partition::new(rows.iter().map(Vec::len).collect())?;
        let n = shape.size();
        let mut seen = vec![false; n + 1];
        for &entry in rows.iter().flatten() {
            if entry == 0 || entry > n || std::mem::replace(&mut seen[entry], true) {
                return Err(Error::InvalidInput(format!(
                    "tableau {rows:?}: entries must be 1…{n}, each once ({entry})"
                )));
            }
        }
        let rows_increase = rows.iter().all(|r| r.windows(2).all(|w| w[0] < w[1]));
        let columns_increase = rows.windows(2).all(|pair| {
            pair[1]
                .iter()
                .zip(&pair[0])
                .all(|(below, above)| above < below)
        });
        if !(rows_increase && columns_increase) {
            return Err(Error::InvalidInput(format!(
                "tableau {rows:?}: entries must increase along rows and down columns"
            )));
        }
        Ok(StandardTableau { rows })
    }

    /// The rows.
    pub fn rows(&self) -> &[Vec<usize>] {
        &self.rows
    }

    /// The shape `λ`.
    pub fn shape(&self) -> Partition {
        Partition::from_valid(self.rows.iter().map(Vec::len).collect())
    }
}

/// All standard Young tableaux of shape `λ`, in lexicographic order of the rows receiving
/// `1, 2, …, n`; refused when there are more than [`MAX_TABLEAUX`] (`f^λ` is computed first).
pub fn standard_tableaux(lambda: &Partition) -> Result<Vec<StandardTableau>> {
    let count = lambda.dimension();
    if count > BigUint::from(MAX_TABLEAUX) {
        return Err(Error::TooLarge {
            what: format!("the standard tableaux of shape {lambda}"),
            needed: format!("{count} tableaux"),
            limit: MAX_TABLEAUX.to_string(),
        });
    }
    let mut rows = vec![Vec::new(); lambda.len()];
    let mut out = Vec::new();
    place(lambda.parts(), 1, &mut rows, &mut out);
    Ok(out)
}

/// Places `next, next + 1, …` at the ends of the rows where a box keeps the filled part a
/// partition inside `λ`.
fn place(shape: &[usize], next: usize, rows: &mut [Vec<usize>], out: &mut Vec<StandardTableau>) {
    if rows.iter().map(Vec::len).eq(shape.iter().copied()) {
        out.push(StandardTableau {
            rows: rows.to_vec(),
        });
        return;
    }
    for i in 0..shape.len() {
        let filled = rows[i].len();
        if filled < shape[i] && (i == 0 || rows[i - 1].len() > filled) {
            rows[i].push(next);
            place(shape, next + 1, rows, out);
            rows[i].pop();
        }
    }
}
