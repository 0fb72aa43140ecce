//! Set partitions and the basis of `S_n`-equivariant linear maps `(Rⁿ)^{⊗k} → (Rⁿ)^{⊗l}`
//! they index (Maron, Ben-Hamu, Shamir & Lipman, *Invariant and Equivariant Graph Networks*,
//! ICLR 2019, Thm. 1; Kondor & Trivedi, ICML 2018, for the orbit picture).
//!
//! | file | contents |
//! |---|---|
//! | [`partition`] | [`SetPartition`] (restricted growth strings), [`set_partitions`], [`bell`], [`stirling2`], the Möbius function of the partition lattice |
//! | [`basis`] | [`SetPartitionBasis`]: the **orbit basis** `B_π` as sparse matrices, as operators, and as a weighted layer; the diagram basis `D_σ` as operators |
//! | [`dimension`] | `dim Hom_{S_n}(V^{⊗k}, V^{⊗l})` by the character formula and by the irreducible multiplicities |
//!
//! **Labelling.** The `l + k` index positions of a map `(Rⁿ)^{⊗k} → (Rⁿ)^{⊗l}` are numbered
//! outputs first: positions `0..l` (printed `1..=l`) are the output indices `i_1, …, i_l`, and
//! positions `l..l+k` (printed `l+1..=l+k`) the input indices `j_1, …, j_k`. Tensors are
//! flattened row-major, first index slowest.
//!
//! **Which basis.** [`SetPartitionBasis`] is the *orbit basis*:
//! `B_π[i, j] = 1` exactly when the equality pattern of `(i_1, …, i_l, j_1, …, j_k)` **is** `π`
//! (equal within blocks, distinct across). The *diagram basis* `D_σ` (equal within blocks, no
//! condition across: pattern `≥ σ`) is available as an operator; the two are related by
//! `D_σ = Σ_{π ≥ σ} B_π` and, by Möbius inversion on the partition lattice,
//! `B_π = Σ_{σ ≥ π} μ(π, σ) D_σ` with `μ(π, σ) = Π_{blocks C of σ} (−1)^{r_C − 1} (r_C − 1)!`,
//! `r_C` the number of blocks of `π` inside `C`.
//!
//! ```
//! use equivariant::symmetric::set_partitions::{SetPartitionBasis, bell};
//!
//! let basis = SetPartitionBasis::new(5, 2, 2)?; // (R^5)^{⊗2} → (R^5)^{⊗2}
//! assert_eq!(basis.len(), 15);
//! assert_eq!(bell(4), 15u32.into());
//! // The identity map is D_{{1,3}{2,4}} = B_{{1,3}{2,4}} + B_{{1,2,3,4}}; the second keeps
//! // the diagonal x[a, a] only.
//! let all_equal = basis.index_of(&"{1,2,3,4}".parse()?).unwrap();
//! let x: Vec<f64> = (0..25).map(|v| v as f64).collect();
//! let y = basis.apply(all_equal, &x)?;
//! assert_eq!(y[6], 6.0); // the diagonal entry (1, 1) is kept
//! assert_eq!(y[7], 0.0); // off-diagonal entries are not
//! # Ok::<(), equivariant::Error>(())
//! ```
//!
//! The theory, with the tests that check each statement, is `theory/set-partitions.md`.

pub mod basis;
pub mod dimension;
pub mod partition;

pub use basis::{MAX_SPARSE_BYTES, MAX_TENSOR_BYTES, SetPartitionBasis};
pub use dimension::{hom_dimension, hom_dimension_by_irreducibles, tensor_power_multiplicities};
pub use partition::{
    MAX_SET_PARTITIONS, SetPartition, bell, count_with_at_most, set_partitions,
    set_partitions_with_at_most, stirling2,
};
