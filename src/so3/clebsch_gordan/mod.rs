//! Clebsch–Gordan coefficients and Wigner 3j symbols of `SO(3)`: exact, `f64`, tabulated, and
//! in the real basis.
//!
//! The tensor product of the irreps `l1` and `l2` decomposes as the Clebsch–Gordan series
//! `l1 ⊗ l2 = |l1 − l2| ⊕ … ⊕ (l1 + l2)`, and the coefficients of the change of basis are
//!
//! ```text
//! |l3 m3⟩ = Σ_{m1 + m2 = m3} ⟨l1 m1 l2 m2 | l3 m3⟩ |l1 m1⟩ |l2 m2⟩,
//! ```
//!
//! real numbers in the Condon–Shortley convention (`⟨l1 l1 l2 (l3 − l1) | l3 l3⟩ > 0`). The
//! Wigner 3j symbol is `(l1 l2 l3; m1 m2 m3) = (−1)^{l1 − l2 − m3} ⟨l1 m1 l2 m2 | l3 −m3⟩ / √(2 l3 + 1)`.
//!
//! * [`exact`]: Racah's formula with prime-factorised factorials, any `l`, as [`SqrtRational`]s;
//! * [`recursion`]: `f64` values by the three-term recursion in `l3` (Schulten–Gordon,
//!   Luscombe–Luban), accurate to a few units in the last place at any `l`;
//! * [`table`]: every coefficient with `l1, l2, l3 ≤ L` at once, in parallel;
//! * [`real`]: the real-basis coupling tensors and the orthogonal matrix decomposing `l1 ⊗ l2`,
//!   memoised per process.
//!
//! ```
//! use equivariant::so3::clebsch_gordan::{clebsch_gordan, clebsch_gordan_exact};
//! let c = clebsch_gordan_exact(1, 1, 1, -1, 0, 0).unwrap();
//! assert_eq!(c.to_string(), "sqrt(1/3)");
//! assert!((clebsch_gordan(1, 1, 1, -1, 0, 0).unwrap() - (1.0f64 / 3.0).sqrt()).abs() < 1e-15);
//! ```
//!
//! Reference: Varshalovich, Moskalev & Khersonskii, *Quantum Theory of Angular Momentum*
//! (1988), ch. 8; Edmonds, *Angular Momentum in Quantum Mechanics* (1957), ch. 3.
//!
//! [`SqrtRational`]: crate::num::sqrt_rational::SqrtRational

pub mod exact;
pub mod real;
pub mod real_exact;
pub mod recursion;
pub mod table;

pub use exact::{clebsch_gordan_exact, wigner_3j_exact};
pub use real::{CouplingEntry, RealCoupling, coupling_matrix, real_clebsch_gordan};
pub use real_exact::real_clebsch_gordan_exact;
pub use recursion::{clebsch_gordan, wigner_3j};
pub use table::ClebschGordanTable;

use crate::{Error, Result};

/// Whether `(l1, l2, l3)` satisfies the triangle condition `|l1 − l2| ≤ l3 ≤ l1 + l2`.
pub fn triangle(l1: usize, l2: usize, l3: usize) -> bool {
    l1.abs_diff(l2) <= l3 && l3 <= l1 + l2
}

/// [`Error::InvalidInput`] unless `|m| ≤ l`.
fn check_m(l: usize, m: i64) -> Result<()> {
    if m.unsigned_abs() > l as u64 {
        return Err(Error::InvalidInput(format!(
            "magnetic quantum number m = {m} outside -l..=l for l = {l}"
        )));
    }
    Ok(())
}

/// Checks `|m_i| ≤ l_i` for the three pairs and that every `l` is at most `max_l`
/// ([`Error::TooLarge`] naming `what`).
fn check_arguments(ls: [usize; 3], ms: [i64; 3], max_l: usize, what: &str) -> Result<()> {
    for (&l, &m) in ls.iter().zip(&ms) {
        if l > max_l {
            return Err(Error::TooLarge {
                what: format!("{what} with l = {l}"),
                needed: format!("l = {l}"),
                limit: format!("l = {max_l}"),
            });
        }
        check_m(l, m)?;
    }
    Ok(())
}

/// `(−1)^n` as an `i32`.
fn sign_power(n: i64) -> i32 {
    if n.rem_euclid(2) == 0 { 1 } else { -1 }
}
