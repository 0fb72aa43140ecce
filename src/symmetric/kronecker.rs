//! Kronecker coefficients: the multiplicities in `S^λ ⊗ S^μ = ⊕_ν g_{λμν} S^ν`,
//! `g_{λμν} = ⟨χ^λ χ^μ, χ^ν⟩ = (1/n!) Σ_{classes C} |C| χ^λ(C) χ^μ(C) χ^ν(C)`
//! (characters of `S_n` are real), symmetric in `λ, μ, ν`, computed exactly from the
//! Murnaghan–Nakayama table (Sagan, *The Symmetric Group*, 1.9; Macdonald, I.7).

use super::partition::Partition;
use super::table::{SnCharacterTable, character_table_sn};
use crate::group::classes::factorial;
use crate::{Error, Result};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::Zero;

/// `g_{λμν}` for three partitions of the same `n`, building the table of `S_n`.
pub fn kronecker_coefficient(
    lambda: &Partition,
    mu: &Partition,
    nu: &Partition,
) -> Result<BigUint> {
    character_table_sn(lambda.size())?.kronecker(lambda, mu, nu)
}

impl SnCharacterTable {
    /// `g_{λμν}`, the multiplicity of `S^ν` in `S^λ ⊗ S^μ`.
    pub fn kronecker(&self, lambda: &Partition, mu: &Partition, nu: &Partition) -> Result<BigUint> {
        let weights = self.product_weights(lambda, mu)?;
        self.multiplicity(&weights, self.require(nu)?)
    }

    /// The decomposition of `S^λ ⊗ S^μ`: the `(ν, g_{λμν})` with `g > 0`, in row order.
    pub fn kronecker_product(
        &self,
        lambda: &Partition,
        mu: &Partition,
    ) -> Result<Vec<(Partition, BigUint)>> {
        let weights = self.product_weights(lambda, mu)?;
        let mut out = Vec::new();
        for (i, nu) in self.partitions().iter().enumerate() {
            let g = self.multiplicity(&weights, i)?;
            if !g.is_zero() {
                out.push((nu.clone(), g));
            }
        }
        Ok(out)
    }

    /// `|C_j| χ^λ(C_j) χ^μ(C_j)` for every class `j`.
    fn product_weights(&self, lambda: &Partition, mu: &Partition) -> Result<Vec<BigInt>> {
        let (a, b) = (self.require(lambda)?, self.require(mu)?);
        Ok(self
            .class_sizes()
            .into_iter()
            .enumerate()
            .map(|(j, size)| BigInt::from(size) * self.value(a, j) * self.value(b, j))
            .collect())
    }

    /// `(1/n!) Σ_j weights_j χ^{λ_i}(C_j)`, checked to be a non-negative integer.
    fn multiplicity(&self, weights: &[BigInt], i: usize) -> Result<BigUint> {
        let sum: BigInt = weights
            .iter()
            .enumerate()
            .map(|(j, w)| w * self.value(i, j))
            .sum();
        let (quotient, remainder) = sum.div_rem(&BigInt::from(factorial(self.n())));
        match quotient.to_biguint() {
            Some(g) if remainder.is_zero() => Ok(g),
            _ => Err(Error::Numerical(format!(
                "inner product {sum}/{}! is not a non-negative integer",
                self.n()
            ))),
        }
    }
}
