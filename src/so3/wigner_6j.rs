//! Wigner 6j symbols `{j1 j2 j3; j4 j5 j6}` (integer arguments), exactly by Racah's formula.
//!
//! ```text
//! {j1 j2 j3; j4 j5 j6} = Δ(j1 j2 j3) Δ(j1 j5 j6) Δ(j4 j2 j6) Δ(j4 j5 j3)
//!     · Σ_t (−1)^t (t+1)! / [(t−α1)! (t−α2)! (t−α3)! (t−α4)! (β1−t)! (β2−t)! (β3−t)!]
//! Δ(a b c) = √[(a+b−c)! (a−b+c)! (−a+b+c)! / (a+b+c+1)!]
//! α1 = j1+j2+j3, α2 = j1+j5+j6, α3 = j4+j2+j6, α4 = j4+j5+j3,
//! β1 = j1+j2+j4+j5, β2 = j2+j3+j5+j6, β3 = j3+j1+j6+j4,
//! ```
//!
//! `t` from `max α` to `min β`; the symbol is zero unless each of the four triads
//! `(j1 j2 j3), (j1 j5 j6), (j4 j2 j6), (j4 j5 j3)` satisfies the triangle condition. The sum is
//! evaluated with prime-factorised factorials ([`crate::num::factorial`]), as for the
//! Clebsch–Gordan coefficients.
//!
//! Reference: Racah, Phys. Rev. 62 (1942) 438, eq. (36); Edmonds, *Angular Momentum in Quantum
//! Mechanics*, eq. (6.3.7); Varshalovich et al., §9.2.1.
//!
//! ```
//! use equivariant::so3::wigner_6j::wigner_6j_exact;
//! assert_eq!(wigner_6j_exact(1, 1, 1, 1, 1, 1).unwrap().to_string(), "1/6");
//! ```

use crate::num::factorial::{Factorization, integer_times_sqrt, signed_sum};
use crate::num::sqrt_rational::SqrtRational;
use crate::so3::clebsch_gordan::triangle;
use crate::{Error, Result};

/// The largest argument accepted (the cost grows like `j³` big-integer digit operations).
pub const MAX_6J: usize = 5_000;

/// The exact 6j symbol (module docs); zero when a triad violates the triangle condition,
/// [`Error::TooLarge`] for an argument above [`MAX_6J`].
pub fn wigner_6j_exact(
    j1: usize,
    j2: usize,
    j3: usize,
    j4: usize,
    j5: usize,
    j6: usize,
) -> Result<SqrtRational> {
    let js = [j1, j2, j3, j4, j5, j6];
    if let Some(&j) = js.iter().find(|&&j| j > MAX_6J) {
        return Err(Error::TooLarge {
            what: format!("an exact 6j symbol with j = {j}"),
            needed: format!("j = {j}"),
            limit: format!("j = {MAX_6J}"),
        });
    }
    let triads = [[j1, j2, j3], [j1, j5, j6], [j4, j2, j6], [j4, j5, j3]];
    if !triads.iter().all(|&[a, b, c]| triangle(a, b, c)) {
        return Ok(SqrtRational::zero());
    }
    let mut radicand = Factorization::one();
    for &[a, b, c] in &triads {
        radicand.add_scaled(&delta_squared(a, b, c), 1);
    }
    let (sum, common) = signed_sum(&racah_terms(js));
    radicand.add_scaled(&common, 2);
    integer_times_sqrt(&sum, &radicand)
}

/// The 6j symbol in `f64` (the exact value, rounded once: correct to a few ulps).
///
/// ```
/// use equivariant::so3::wigner_6j::wigner_6j;
/// assert!((wigner_6j(1, 1, 1, 1, 1, 1).unwrap() - 1.0 / 6.0).abs() < 1e-16);
/// ```
pub fn wigner_6j(j1: usize, j2: usize, j3: usize, j4: usize, j5: usize, j6: usize) -> Result<f64> {
    Ok(wigner_6j_exact(j1, j2, j3, j4, j5, j6)?.to_f64())
}

/// `Δ(a b c)² = (a+b−c)! (a−b+c)! (−a+b+c)! / (a+b+c+1)!` for a triangle-allowed triad.
fn delta_squared(a: usize, b: usize, c: usize) -> Factorization {
    let mut d = Factorization::factorial(a + b - c);
    d.add_scaled(&Factorization::factorial(a + c - b), 1);
    d.add_scaled(&Factorization::factorial(b + c - a), 1);
    d.add_scaled(&Factorization::factorial(a + b + c + 1), -1);
    d
}

/// The terms `(−1)^t (t+1)! / [∏ (t−α_i)! ∏ (β_k−t)!]` of Racah's sum.
fn racah_terms(js: [usize; 6]) -> Vec<(bool, Factorization)> {
    let [j1, j2, j3, j4, j5, j6] = js;
    let alphas = [j1 + j2 + j3, j1 + j5 + j6, j4 + j2 + j6, j4 + j5 + j3];
    let betas = [j1 + j2 + j4 + j5, j2 + j3 + j5 + j6, j3 + j1 + j6 + j4];
    let t_min = alphas.iter().copied().max().unwrap_or(0);
    let t_max = betas.iter().copied().min().unwrap_or(0);
    (t_min..=t_max)
        .map(|t| {
            let mut term = Factorization::factorial(t + 1);
            for a in alphas {
                term.add_scaled(&Factorization::factorial(t - a), -1);
            }
            for b in betas {
                term.add_scaled(&Factorization::factorial(b - t), -1);
            }
            (!t.is_multiple_of(2), term)
        })
        .collect()
}
