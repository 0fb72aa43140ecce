//! Exact and numeric linear algebra.
//!
//! | submodule | contents |
//! |---|---|
//! | [`exact`] | [`QMatrix`] over `Q`: [`rref`], [`rank`], [`nullspace`], [`inverse`], [`determinant`] — multimodular (word-size primes, Chinese remaindering) with an exact certificate |
//! | [`numeric`] | [`nullspace_svd`] (SVD nullspace reporting its singular-value gap), [`orthonormalize`] (Gram–Schmidt twice) |
//! | [`kron`](mod@kron) | [`kron()`], [`kron_sum`], [`kron_all`]: matrices of tensor products and their Lie-algebra actions |
//! | [`sparse`] | [`permutation_matrix`], [`permutation_csr`] with `P e_i = e_{perm[i]}` |
//! | [`complex_structure_pairs`] | an orthonormal basis `v_1, J v_1, …` adapted to a complex structure `J` |
//!
//! Exact where it is cheap: constraint matrices with rational entries (permutation
//! representations, Young's seminormal form) are solved over `Q`, and the result is exact;
//! everything else goes through `f64` with the singular-value gap reported.
//!
//! ```
//! use equivariant::linalg::{nullspace, qmatrix_from_i64, rank};
//! // x + y + z = 0 and x − y = 0
//! let a = qmatrix_from_i64(2, 3, &[1, 1, 1, 1, -1, 0]).unwrap();
//! assert_eq!(rank(&a), 2);
//! let n = nullspace(&a);
//! assert_eq!(n.ncols(), 1);
//! assert_eq!(&a * &n, qmatrix_from_i64(2, 1, &[0, 0]).unwrap());
//! ```

mod block;
mod complex_pairs;
pub mod exact;
pub mod kron;
pub(crate) mod modular;
pub mod numeric;
pub(crate) mod simd;
pub mod sparse;
mod unitarise;
pub use block::{direct_sum, matrix_from_columns};
pub use complex_pairs::complex_structure_pairs;

pub use exact::{
    QMatrix, determinant, inverse, nullspace, qmatrix_from_i64, qmatrix_to_f64, rank, rref,
    rref_reference,
};
pub use kron::{MAX_KRON_ENTRIES, kron, kron_all, kron_sum};
pub use numeric::{NumericNullspace, default_tolerance, nullspace_svd, orthonormalize};
pub use sparse::{permutation_csr, permutation_matrix};
pub use unitarise::unitarising_transform;
