//! The whole character table of `S_n` at once, by a bottom-up Murnaghan–Nakayama programme.
//!
//! # The scheme
//!
//! Rows and columns are the partitions of `n` in GAP's `Partitions(n)` order. Removing the
//! *largest* part `m = μ_1` of the cycle type,
//! `χ^λ(μ) = Σ_{rim hooks h of λ of length m} (−1)^{ht(h)} χ^{λ∖h}(μ ∖ m)`
//! (Sagan, *The Symmetric Group*, 4.10.2). In that order the classes with first part `m` form
//! one contiguous block, and their remainders `μ ∖ m` (partitions of `n − m` into parts `≤ m`)
//! are, in the same order, the first `p(n − m, ≤ m)` partitions of `n − m`. So the block `m` of
//! row `λ` is a signed sum of *prefixes of rows* of the table of `S_{n−m}`, one per rim hook:
//! per row, the rim hooks are found once (beta-set bead moves) and the values of all the
//! columns follow by vector additions, the work shared between rows and columns as in GAP.
//!
//! The table of `S_k` is needed only on the classes whose parts are `≤ n − k` (a class of
//! `S_n` with first part `m` reaches `S_{n−m}` with parts `≤ m`, and so on down), so the
//! programme builds, for `k = 0, 1, …, n`, the table of `S_k` on the first
//! `p(k, ≤ min(k, n − k))` classes, and the full table at `k = n`. Each level's rows are
//! independent: they are filled in parallel with rayon, or sequentially.
//!
//! # Exactness
//!
//! `Σ_λ (f^λ)² = n!` bounds every value: `|χ^λ(μ)| ≤ f^λ ≤ √n!`. Values are stored as `i64`
//! when `n! < 2^126` (`n ≤ 33`) and as `i128` when `n! < 2^254` (`n ≤ 56`; the memory limit
//! refuses such tables long before). Sums are formed with wrapping arithmetic: an intermediate
//! sum may leave the range, but the result is exact modulo `2^64` (`2^128`) and the true value is
//! in range, so it is exact.

use super::partition::Partition;
use super::rank::PartitionIndex;
use super::rim_hook::for_each_rim_hook;
use crate::error::human_bytes;
use crate::group::classes::{factorial, partition_count};
use crate::{Error, Result};
use num_bigint::{BigInt, BigUint};
use rayon::prelude::*;

/// Largest memory for one table (final values plus the intermediate levels): 4 GiB.
pub const MAX_TABLE_BYTES: u64 = 4 << 30;

/// The machine integers the values are stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IntWidth {
    /// `i64`: every value of `S_n` for `n ≤ 33`.
    I64,
    /// `i128`: every value of `S_n` for `n ≤ 56`.
    I128,
}

impl IntWidth {
    /// The narrowest width holding every character value of `S_n`, from `|χ| ≤ √n!`:
    /// `i64` when `n! < 2^126`, `i128` when `n! < 2^254`, `None` beyond.
    pub fn required(n: usize) -> Option<IntWidth> {
        let mut f = BigUint::from(1u32);
        for k in 1..=n {
            f *= BigUint::from(k);
            if f.bits() > 253 {
                return None;
            }
        }
        Some(if f.bits() <= 126 {
            IntWidth::I64
        } else {
            IntWidth::I128
        })
    }

    /// Bytes per value.
    pub fn bytes(self) -> u64 {
        match self {
            IntWidth::I64 => 8,
            IntWidth::I128 => 16,
        }
    }
}

/// How to build the table: in parallel (rayon's current pool) or on this thread, and the
/// storage width (`None`: the narrowest that is exact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableOptions {
    /// Fill the rows of each level in parallel.
    pub parallel: bool,
    /// Force a storage width; narrower than [`IntWidth::required`] is an error.
    pub width: Option<IntWidth>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            parallel: true,
            width: None,
        }
    }
}

/// The values of the table, row-major (`values[i * p(n) + j] = χ^{λ_i}(μ_j)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnValues {
    /// Stored as `i64`.
    I64(Vec<i64>),
    /// Stored as `i128`.
    I128(Vec<i128>),
}

/// The character table of `S_n`: rows the irreducibles `S^λ`, columns the classes of cycle
/// type `μ`, both the partitions of `n` in GAP's `Partitions(n)` order (the crate's class
/// order of `S_n`: `[1,…,1]` first, `[n]` last), with exact integer values.
#[derive(Clone, Debug)]
pub struct SnCharacterTable {
    n: usize,
    partitions: Vec<Partition>,
    values: SnValues,
    index: PartitionIndex,
}

/// The character table of `S_n` (in parallel, exact width chosen automatically); see
/// [`character_table_sn_with`].
///
/// ```
/// use equivariant::symmetric::character_table_sn;
/// let table = character_table_sn(4)?;
/// // Row [2,2] on the classes [1,1,1,1], [2,1,1], [2,2], [3,1], [4].
/// assert_eq!(table.row(2), [2, 0, 2, -1, 0].map(Into::into));
/// # Ok::<(), equivariant::Error>(())
/// ```
pub fn character_table_sn(n: usize) -> Result<SnCharacterTable> {
    character_table_sn_with(n, TableOptions::default())
}

/// The character table of `S_n` by the bottom-up Murnaghan–Nakayama programme of the module
/// documentation. Refused with [`Error::TooLarge`], before allocating, when the values and the
/// intermediate levels would exceed [`MAX_TABLE_BYTES`].
pub fn character_table_sn_with(n: usize, options: TableOptions) -> Result<SnCharacterTable> {
    let p = partition_count(n) as f64;
    check_memory(n, p * p * 8.0)?;
    let required = IntWidth::required(n).ok_or_else(|| Error::TooLarge {
        what: format!("the character table of S_{n}"),
        needed: "integers beyond 128 bits".into(),
        limit: "i128".into(),
    })?;
    let width = options.width.unwrap_or(required);
    if width < required {
        return Err(Error::InvalidInput(format!(
            "the values of S_{n} need {required:?}, narrower {width:?} was requested"
        )));
    }
    let index = PartitionIndex::new(n);
    let entries = (0..=n).map(|k| index.total(k) * level_width(&index, n, k));
    check_memory(n, entries.sum::<usize>() as f64 * width.bytes() as f64)?;
    let values = match width {
        IntWidth::I64 => SnValues::I64(build(n, &index, options.parallel)),
        IntWidth::I128 => SnValues::I128(build(n, &index, options.parallel)),
    };
    Ok(SnCharacterTable {
        n,
        partitions: Partition::all(n),
        values,
        index,
    })
}

fn check_memory(n: usize, bytes: f64) -> Result<()> {
    if bytes > MAX_TABLE_BYTES as f64 {
        return Err(Error::TooLarge {
            what: format!(
                "the character table of S_{n} ({} partitions)",
                partition_count(n)
            ),
            needed: human_bytes(bytes),
            limit: human_bytes(MAX_TABLE_BYTES as f64),
        });
    }
    Ok(())
}

/// The number of classes of `S_k` the programme for `S_n` needs: those with parts
/// `≤ n − k` (all of them at `k = n`).
fn level_width(index: &PartitionIndex, n: usize, k: usize) -> usize {
    index.count(k, largest_part(n, k))
}

/// The largest first part of the classes of level `k`.
fn largest_part(n: usize, k: usize) -> usize {
    if k == n { n } else { k.min(n - k) }
}

/// Integers with wrapping (exact modulo `2^bits`) addition.
trait Entry: Copy + Default + Send + Sync {
    const ONE: Self;
    fn wrapping_add(self, other: Self) -> Self;
    fn wrapping_sub(self, other: Self) -> Self;
}

impl Entry for i64 {
    const ONE: Self = 1;
    fn wrapping_add(self, other: Self) -> Self {
        i64::wrapping_add(self, other)
    }
    fn wrapping_sub(self, other: Self) -> Self {
        i64::wrapping_sub(self, other)
    }
}

impl Entry for i128 {
    const ONE: Self = 1;
    fn wrapping_add(self, other: Self) -> Self {
        i128::wrapping_add(self, other)
    }
    fn wrapping_sub(self, other: Self) -> Self {
        i128::wrapping_sub(self, other)
    }
}

/// One level of the programme: the table of `S_k` on its first `width` classes, row-major.
struct Level<T> {
    width: usize,
    values: Vec<T>,
}

/// The levels `k = 0…n`; returns the last (the full table of `S_n`).
fn build<T: Entry>(n: usize, index: &PartitionIndex, parallel: bool) -> Vec<T> {
    let mut levels: Vec<Level<T>> = vec![Level {
        width: 1,
        values: vec![T::ONE],
    }];
    for k in 1..=n {
        let width = level_width(index, n, k);
        let rows = crate::group::classes::partitions(k);
        // Written once here (not `vec!`, whose zeroed pages fault in lazily): page faults taken
        // by several threads at once contend in the kernel and made the parallel fill slower.
        let mut values = Vec::with_capacity(rows.len() * width);
        values.resize(rows.len() * width, T::default());
        let fill = |(r, out): (usize, &mut [T])| {
            fill_row(&rows[r], largest_part(n, k), index, &levels, out)
        };
        if parallel {
            values.par_chunks_mut(width).enumerate().for_each(fill);
        } else {
            values.chunks_mut(width).enumerate().for_each(fill);
        }
        levels.push(Level { width, values });
    }
    levels.pop().map(|level| level.values).unwrap_or_default()
}

/// Row `λ ⊢ k`: for each first part `m`, the block of classes `(m, …)` is the signed sum, over
/// the rim hooks `h` of length `m`, of the prefixes of the rows `λ ∖ h` of level `k − m`.
fn fill_row<T: Entry>(
    lambda: &[usize],
    largest: usize,
    index: &PartitionIndex,
    levels: &[Level<T>],
    out: &mut [T],
) {
    let k: usize = lambda.iter().sum();
    let mut scratch = Vec::with_capacity(k);
    for m in 1..=largest {
        let start = index.count(k, m - 1);
        let len = index.count(k - m, m);
        let block = &mut out[start..start + len];
        let below = &levels[k - m];
        for_each_rim_hook(lambda, m, &mut scratch, |nu, height| {
            let offset = index.rank(nu) * below.width;
            let source = &below.values[offset..offset + len];
            if height % 2 == 0 {
                block
                    .iter_mut()
                    .zip(source)
                    .for_each(|(b, &s)| *b = b.wrapping_add(s));
            } else {
                block
                    .iter_mut()
                    .zip(source)
                    .for_each(|(b, &s)| *b = b.wrapping_sub(s));
            }
        });
    }
}

/// The largest magnitude written as a JSON number; larger integers are JSON strings
/// (DESIGN: exact integers beyond `2^53` are strings).
const JSON_SAFE: i128 = 1 << 53;

impl SnCharacterTable {
    /// `n`.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The row labels `λ` (irreducibles `S^λ`), in GAP's `Partitions(n)` order.
    pub fn partitions(&self) -> &[Partition] {
        &self.partitions
    }

    /// The column labels: the cycle types `μ` of the classes, in the same order.
    pub fn classes(&self) -> &[Partition] {
        &self.partitions
    }

    /// The number of rows (= columns) `p(n)`.
    pub fn size(&self) -> usize {
        self.partitions.len()
    }

    /// The stored values.
    pub fn values(&self) -> &SnValues {
        &self.values
    }

    /// `χ^{λ_i}(μ_j)`, exactly (every width fits `i128`).
    pub fn value_i128(&self, i: usize, j: usize) -> i128 {
        let at = i * self.size() + j;
        match &self.values {
            SnValues::I64(v) => i128::from(v[at]),
            SnValues::I128(v) => v[at],
        }
    }

    /// `χ^{λ_i}(μ_j)` as a big integer.
    pub fn value(&self, i: usize, j: usize) -> BigInt {
        BigInt::from(self.value_i128(i, j))
    }

    /// Row `i`: the character `χ^{λ_i}` on the classes.
    pub fn row(&self, i: usize) -> Vec<BigInt> {
        (0..self.size()).map(|j| self.value(i, j)).collect()
    }

    /// The degree `f^{λ_i} = χ^{λ_i}(1)` (column 0 is the identity class `[1,…,1]`).
    pub fn degree(&self, i: usize) -> BigInt {
        self.value(i, 0)
    }

    /// The row (= column) of the partition `λ`, `None` unless `|λ| = n`.
    pub fn index_of(&self, lambda: &Partition) -> Option<usize> {
        (lambda.size() == self.n).then(|| self.index.rank(lambda.parts()))
    }

    /// `χ^λ(μ)` by labels; errors unless both partition `n`.
    pub fn character(&self, lambda: &Partition, mu: &Partition) -> Result<BigInt> {
        Ok(self.value(self.require(lambda)?, self.require(mu)?))
    }

    /// The row (= column) of `λ`, or an error naming it.
    pub(crate) fn require(&self, lambda: &Partition) -> Result<usize> {
        self.index_of(lambda).ok_or_else(|| {
            Error::InvalidInput(format!(
                "{lambda} is a partition of {}, the table is of S_{}",
                lambda.size(),
                self.n
            ))
        })
    }

    /// The class sizes `n!/z_μ`, column by column.
    pub fn class_sizes(&self) -> Vec<BigUint> {
        let order = factorial(self.n);
        self.partitions
            .iter()
            .map(|mu| &order / mu.centraliser_order())
            .collect()
    }

    /// The values as JSON, rows of columns: integers, written as strings beyond `2^53`.
    pub fn to_json(&self) -> serde_json::Value {
        let json = |v: i128| {
            if v.abs() <= JSON_SAFE {
                serde_json::Value::from(v as i64)
            } else {
                serde_json::Value::from(v.to_string())
            }
        };
        (0..self.size())
            .map(|i| {
                (0..self.size())
                    .map(|j| json(self.value_i128(i, j)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}
