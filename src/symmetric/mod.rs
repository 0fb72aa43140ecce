//! The symmetric groups `S_n`: combinatorics and characters.
//!
//! * [`Partition`] — validated partitions (labels `[3,1,1]`), conjugate, dominance order, hook
//!   lengths, the degree `f^λ = n!/Π h` by the hook length formula, beta-sets and rim hooks,
//!   cycle types with their centraliser orders and class sizes.
//! * [`standard_tableaux`] — standard Young tableaux, `f^λ` of them.
//! * [`character()`] — one value `χ^λ(μ)` by the Murnaghan–Nakayama rule, memoised, exact
//!   ([`num_bigint::BigInt`]), for any `n`.
//! * [`character_table_sn`] — the whole table at once by a bottom-up programme over the levels
//!   `S_k`, `k ≤ n`, sharing the rim-hook work between rows and columns (see [`table`]); exact
//!   in `i64` up to `n = 33`, `i128` beyond; parallel or sequential.
//! * [`restriction`], [`induction`] — the branching rule.
//! * [`kostka()`], [`permutation_module`] — Kostka numbers and Young's rule `M^μ = ⊕ K_{λμ} S^λ`.
//! * [`kronecker_coefficient`], [`SnCharacterTable::kronecker_product`] — `S^λ ⊗ S^μ`.
//!
//! ```
//! use equivariant::symmetric::{Partition, character, character_table_sn};
//!
//! let lambda: Partition = "[3,2]".parse()?;
//! assert_eq!(lambda.dimension(), 5u32.into()); // hooks 4·3·1·2·1: 5!/24
//! assert_eq!(lambda.conjugate().to_string(), "[2,2,1]");
//!
//! let table = character_table_sn(5)?;
//! let five_cycle: Partition = "[5]".parse()?;
//! assert_eq!(table.character(&lambda, &five_cycle)?, 0.into());
//! assert_eq!(character(&lambda, &five_cycle)?, 0.into());
//! # Ok::<(), equivariant::Error>(())
//! ```
//!
//! The theory, with the tests that check each statement, is `theory/symmetric.md`.

pub mod branching;
pub mod jucys_murphy;
pub mod kostka;
pub mod kronecker;
pub mod murnaghan_nakayama;
pub mod partition;
mod rank;
pub mod rim_hook;
pub mod schur_weyl;
pub mod set_partitions;
pub mod symmetric_functions;
pub mod table;
pub mod tableau;
pub mod young_forms;

pub use branching::{induction, restriction, with_fixed_point};
pub use kostka::{kostka, permutation_module};
pub use kronecker::kronecker_coefficient;
pub use murnaghan_nakayama::character;
pub use partition::Partition;
pub use rim_hook::RimHook;
pub use table::{
    IntWidth, SnCharacterTable, SnValues, TableOptions, character_table_sn, character_table_sn_with,
};
pub use tableau::{StandardTableau, standard_tableaux};

/// Advances `a` to the next permutation in lexicographic order (the distinct permutations of
/// a multiset when entries repeat); `false` once `a` is the last (non-increasing).
pub(crate) fn next_permutation<T: Ord>(a: &mut [T]) -> bool {
    let Some(i) = (1..a.len()).rev().find(|&i| a[i - 1] < a[i]) else {
        return false;
    };
    let j = (i..a.len()).rev().find(|&j| a[j] > a[i - 1]).unwrap_or(i);
    a.swap(i - 1, j);
    a[i..].reverse();
    true
}
