//! Evaluation of a parsed representation expression ([`RepExpr`]) on a group.
//!
//! The operators map to the constructions of [`crate::rep`]: `+` direct sum, `m x R`
//! multiples, `*` tensor product, `R^k` tensor power, `symk(R)`, `altk(R)`, `dual(R)`; the
//! atoms `triv` and `V` exist for every group, `sign` for groups on which `det V` takes the
//! value −1, `reg` and irrep labels through [`RepAtoms`], which each group family implements.

use super::expr::RepExpr;
use crate::group::{Family, Group, O2, PermutationGroup, SO2};
use crate::rep::{self, Rep};
use crate::{Error, Result};
use std::sync::Arc;

/// The atoms of representation expressions that depend on the group: `reg` and irrep labels.
pub trait RepAtoms: Group + Sized + 'static {
    /// The regular representation (finite groups only).
    fn regular_rep(group: &Arc<Self>) -> Result<Rep<Self>>;
    /// The irreducible representation with the given label.
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>>;
}

impl RepAtoms for PermutationGroup {
    fn regular_rep(group: &Arc<Self>) -> Result<Rep<Self>> {
        rep::regular(group)
    }
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>> {
        match group.family() {
            Family::Cyclic(_) => rep::cyclic_irrep(group, label),
            _ => Err(Error::Unsupported(format!(
                "irrep label {label:?}: irreps of {} are not available yet (they come with the character tables)",
                group.name()
            ))),
        }
    }
}

impl RepAtoms for SO2 {
    fn regular_rep(_: &Arc<Self>) -> Result<Rep<Self>> {
        Err(Error::InvalidInput(
            "reg is only defined for finite groups, not SO2".into(),
        ))
    }
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>> {
        rep::so2_irrep(group, label)
    }
}

impl RepAtoms for O2 {
    fn regular_rep(_: &Arc<Self>) -> Result<Rep<Self>> {
        Err(Error::InvalidInput(
            "reg is only defined for finite groups, not O2".into(),
        ))
    }
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>> {
        rep::o2_irrep(group, label)
    }
}

/// Builds the representation described by `expr` for `group`.
pub fn build_rep<G: RepAtoms>(group: &Arc<G>, expr: &RepExpr) -> Result<Rep<G>> {
    match expr {
        RepExpr::Triv => Ok(rep::trivial(group)),
        RepExpr::Sign => rep::sign(group),
        RepExpr::V => Ok(rep::defining(group)),
        RepExpr::Reg => G::regular_rep(group),
        RepExpr::Irrep(label) => G::irrep(group, label),
        RepExpr::Sum(parts) => rep::direct_sum(
            parts
                .iter()
                .map(|p| build_rep(group, p))
                .collect::<Result<Vec<_>>>()?,
        ),
        RepExpr::Multiple(m, inner) => {
            let m = usize::try_from(*m)
                .map_err(|_| Error::InvalidInput(format!("multiplicity {m} is too large")))?;
            rep::multiple(&build_rep(group, inner)?, m)
        }
        RepExpr::Tensor(factors) => {
            let (first, rest) = factors
                .split_first()
                .ok_or_else(|| Error::InvalidInput("an empty tensor product".into()))?;
            let mut product = build_rep(group, first)?;
            for factor in rest {
                product = rep::tensor(&product, &build_rep(group, factor)?)?;
            }
            Ok(product)
        }
        RepExpr::Power(inner, k) => rep::tensor_power(&build_rep(group, inner)?, *k),
        RepExpr::Sym(k, inner) => rep::sym(&build_rep(group, inner)?, *k),
        RepExpr::Alt(k, inner) => rep::alt(&build_rep(group, inner)?, *k),
        RepExpr::Dual(inner) => Ok(rep::dual(&build_rep(group, inner)?)),
    }
}
