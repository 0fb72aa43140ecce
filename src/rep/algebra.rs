//! Direct sums, tensor products and duals.

use super::{Rep, Representation, SIZE_CHECKED, SignedPermutation, check_dimension, same_group};
use crate::group::Group;
use crate::linalg::{direct_sum as block_diagonal, kron, kron_sum};
use crate::{Error, Result};
use nalgebra::DMatrix;
use std::sync::Arc;

struct DirectSum<G: Group> {
    parts: Vec<Rep<G>>,
    dim: usize,
}

impl<G: Group> Representation<G> for DirectSum<G> {
    fn group(&self) -> &Arc<G> {
        self.parts[0].group()
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        let blocks: Vec<DMatrix<f64>> = self.parts.iter().map(|p| p.matrix(g)).collect();
        block_diagonal(&blocks)
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        let per_part: Vec<Vec<DMatrix<f64>>> = self
            .parts
            .iter()
            .map(|p| p.lie_algebra_matrices())
            .collect();
        (0..per_part[0].len())
            .map(|i| {
                let blocks: Vec<DMatrix<f64>> = per_part.iter().map(|m| m[i].clone()).collect();
                block_diagonal(&blocks)
            })
            .collect()
    }
    fn description(&self) -> String {
        let parts: Vec<String> = self.parts.iter().map(|p| p.description()).collect();
        format!("({})", parts.join(" + "))
    }
    fn character(&self, g: &G::Element) -> f64 {
        self.parts.iter().map(|p| p.character(g)).sum()
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        let parts: Option<Vec<SignedPermutation>> =
            self.parts.iter().map(|p| p.signed_permutation(g)).collect();
        Some(SignedPermutation::direct_sum(&parts?))
    }
}

/// The direct sum `ρ_1 ⊕ ρ_2 ⊕ …` (block-diagonal matrices; `χ = Σ χ_i`).
pub fn direct_sum<G: Group + 'static>(parts: Vec<Rep<G>>) -> Result<Rep<G>> {
    if parts.is_empty() {
        return Err(Error::InvalidInput(
            "a direct sum needs at least one summand".into(),
        ));
    }
    same_group(&parts)?;
    if parts.len() == 1 {
        return Ok(parts.into_iter().next().expect("one part"));
    }
    let dim = parts.iter().map(|p| p.dim() as f64).sum::<f64>();
    let dim = check_dimension("the direct sum", dim)?;
    Ok(Arc::new(DirectSum { parts, dim }))
}

/// `m` copies of `ρ`, `ρ ⊕ … ⊕ ρ` (at most 16384 copies, the largest dimension
/// [`check_dimension`] accepts, even of a 0-dimensional `ρ`).
pub fn multiple<G: Group + 'static>(rep: &Rep<G>, m: usize) -> Result<Rep<G>> {
    if m == 0 {
        return Err(Error::InvalidInput(
            "multiplicity must be at least 1".into(),
        ));
    }
    check_dimension("the multiple", rep.dim().max(1) as f64 * m as f64)?;
    if m == 1 {
        return Ok(rep.clone());
    }
    Ok(Arc::new(Multiple {
        rep: rep.clone(),
        m,
    }))
}

/// `m` copies of one representation: its matrix is computed once per element.
struct Multiple<G: Group> {
    rep: Rep<G>,
    m: usize,
}

impl<G: Group> Representation<G> for Multiple<G> {
    fn group(&self) -> &Arc<G> {
        self.rep.group()
    }
    fn dim(&self) -> usize {
        self.m * self.rep.dim()
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        block_diagonal(&vec![self.rep.matrix(g); self.m])
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.rep
            .lie_algebra_matrices()
            .into_iter()
            .map(|x| block_diagonal(&vec![x; self.m]))
            .collect()
    }
    fn description(&self) -> String {
        format!("{}x ({})", self.m, self.rep.description())
    }
    fn character(&self, g: &G::Element) -> f64 {
        self.m as f64 * self.rep.character(g)
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        let one = self.rep.signed_permutation(g)?;
        Some(SignedPermutation::direct_sum(&vec![one; self.m]))
    }
}

struct Tensor<G: Group> {
    left: Rep<G>,
    right: Rep<G>,
}

impl<G: Group> Representation<G> for Tensor<G> {
    fn group(&self) -> &Arc<G> {
        self.left.group()
    }
    fn dim(&self) -> usize {
        self.left.dim() * self.right.dim()
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        kron(&self.left.matrix(g), &self.right.matrix(g)).expect(SIZE_CHECKED)
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.left
            .lie_algebra_matrices()
            .iter()
            .zip(self.right.lie_algebra_matrices())
            .map(|(x, y)| kron_sum(x, &y).expect(SIZE_CHECKED))
            .collect()
    }
    fn description(&self) -> String {
        format!("{}*{}", self.left.description(), self.right.description())
    }
    fn character(&self, g: &G::Element) -> f64 {
        self.left.character(g) * self.right.character(g)
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        let left = self.left.signed_permutation(g)?;
        Some(left.kron(&self.right.signed_permutation(g)?))
    }
}

/// The tensor product `ρ_1 ⊗ ρ_2` (Kronecker products; `dρ = dρ_1 ⊗ I + I ⊗ dρ_2`,
/// the Kronecker sum; `χ = χ_1 χ_2`).
pub fn tensor<G: Group + 'static>(left: &Rep<G>, right: &Rep<G>) -> Result<Rep<G>> {
    same_group(&[left.clone(), right.clone()])?;
    check_dimension("the tensor product", left.dim() as f64 * right.dim() as f64)?;
    Ok(Arc::new(Tensor {
        left: left.clone(),
        right: right.clone(),
    }))
}

struct TensorPower<G: Group> {
    rep: Rep<G>,
    k: u32,
    dim: usize,
}

impl<G: Group> Representation<G> for TensorPower<G> {
    fn group(&self) -> &Arc<G> {
        self.rep.group()
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        let m = self.rep.matrix(g);
        if m.nrows() <= 1 {
            // A 1-dimensional (or empty) factor: the power is a scalar power, for any k.
            return m.map(|x| x.powf(self.k as f64));
        }
        // Here k ≤ log2 of the size limit, so k − 1 Kronecker products.
        (1..self.k).fold(m.clone(), |acc, _| kron(&acc, &m).expect(SIZE_CHECKED))
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.rep
            .lie_algebra_matrices()
            .into_iter()
            .map(|x| {
                if x.nrows() <= 1 {
                    return x * self.k as f64;
                }
                (1..self.k).fold(x.clone(), |acc, _| kron_sum(&acc, &x).expect(SIZE_CHECKED))
            })
            .collect()
    }
    fn description(&self) -> String {
        format!("({})^{}", self.rep.description(), self.k)
    }
    fn character(&self, g: &G::Element) -> f64 {
        self.rep.character(g).powf(self.k as f64)
    }
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        let p = self.rep.signed_permutation(g)?;
        Some((1..self.k).fold(p.clone(), |acc, _| acc.kron(&p)))
    }
}

/// The tensor power `ρ^{⊗k}`, `k ≥ 1` (dimension `dim^k`, checked before building; one
/// node whatever `k`, with character `χ^k` and `dρ` the iterated Kronecker sum).
pub fn tensor_power<G: Group + 'static>(rep: &Rep<G>, k: u32) -> Result<Rep<G>> {
    if k == 0 {
        return Err(Error::InvalidInput(
            "tensor power must be at least 1".into(),
        ));
    }
    let dim = check_dimension(
        &format!("the tensor power ({})^{k}", rep.description()),
        (rep.dim() as f64).powf(k as f64),
    )?;
    if k == 1 {
        return Ok(rep.clone());
    }
    Ok(Arc::new(TensorPower {
        rep: rep.clone(),
        k,
        dim,
    }))
}

struct Dual<G: Group> {
    rep: Rep<G>,
}

impl<G: Group> Representation<G> for Dual<G> {
    fn group(&self) -> &Arc<G> {
        self.rep.group()
    }
    fn dim(&self) -> usize {
        self.rep.dim()
    }
    fn matrix(&self, g: &G::Element) -> DMatrix<f64> {
        self.rep.matrix(&self.group().inverse(g)).transpose()
    }
    fn lie_algebra_matrices(&self) -> Vec<DMatrix<f64>> {
        self.rep
            .lie_algebra_matrices()
            .iter()
            .map(|x| -x.transpose())
            .collect()
    }
    fn description(&self) -> String {
        format!("dual({})", self.rep.description())
    }
    fn character(&self, g: &G::Element) -> f64 {
        self.rep.character(&self.group().inverse(g))
    }
    /// A signed permutation matrix `P` is orthogonal, so `ρ(g⁻¹)ᵀ = (P⁻¹)ᵀ = P`.
    fn signed_permutation(&self, g: &G::Element) -> Option<SignedPermutation> {
        self.rep.signed_permutation(g)
    }
}

/// The dual (contragredient) `ρ*(g) = ρ(g⁻¹)ᵀ`, `dρ*(X) = −dρ(X)ᵀ`, `χ*(g) = χ(g⁻¹)`.
pub fn dual<G: Group + 'static>(rep: &Rep<G>) -> Rep<G> {
    Arc::new(Dual { rep: rep.clone() })
}
