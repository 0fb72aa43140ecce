//! Evaluation of a parsed representation expression ([`RepExpr`]) on a group.
//!
//! The operators map to the constructions of [`crate::rep`]: `+` direct sum, `m x R`
//! multiples, `*` tensor product, `R^k` tensor power, `symk(R)`, `altk(R)`, `dual(R)`; the
//! atoms `triv` and `V` exist for every group, `sign` for groups on which `det V` takes the
//! value −1, `reg` and irrep labels through [`RepAtoms`], which each group family implements.

use super::expr::RepExpr;
use crate::character::character_table;
use crate::decompose::real_irreps;
use crate::group::{Family, Group, O2, O3, PermutationGroup, SO2, SO3};
use crate::rep::{self, Rep};
use crate::so3::irreps::Irrep;
use crate::so3::representations::{o3_irrep, so3_irrep};
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
    /// `C_n` by frequency (`0 ≤ k ≤ n/2`); `S_n` by partition in Young's orthogonal form; every
    /// finite group (`C_n` and `S_n` included) by its
    /// character table's labels (partitions for `S_n`, `(a,b)` for products, `X.k` otherwise,
    /// `X.i+X.j` for a real irreducible of complex type), as explicit orthogonal matrices.
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>> {
        if let Family::Cyclic(_) = group.family()
            && label.bytes().all(|b| b.is_ascii_digit())
        {
            return rep::cyclic_irrep(group, label);
        }
        // S_n by partition: Young's orthogonal form, with no enumeration of the group.
        if let Family::Symmetric(_) = group.family()
            && let Ok(shape) = label.parse::<crate::symmetric::Partition>()
        {
            return crate::symmetric::young_forms::young_irrep(group, &shape);
        }
        let table = character_table(group)?;
        let real = table.real_irreps();
        let Some(index) = real.iter().position(|r| r.label == label) else {
            let hint = match real
                .iter()
                .find(|r| r.label.split('+').any(|part| part == label))
            {
                Some(pair) => format!(
                    "; {label} is of complex type, its real irreducible is {}",
                    pair.label
                ),
                None => {
                    let labels: Vec<&str> = real.iter().map(|r| r.label.as_str()).collect();
                    format!("; the real irreducibles are {}", labels.join(", "))
                }
            };
            return Err(Error::InvalidInput(format!(
                "{} has no real irreducible {label}{hint}",
                group.name()
            )));
        };
        Ok(real_irreps(group, &table)?.swap_remove(index).to_rep())
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

impl RepAtoms for SO3 {
    fn regular_rep(_: &Arc<Self>) -> Result<Rep<Self>> {
        Err(Error::InvalidInput(
            "reg is only defined for finite groups, not SO3".into(),
        ))
    }
    /// `l = 0, 1, 2, …`; a parity suffix (`1o`) is an error: parity belongs to `O3`.
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>> {
        match label.parse::<usize>() {
            Ok(l) => so3_irrep(group, l),
            Err(_) => Err(Error::InvalidInput(format!(
                "SO3 irreps are labelled by l = 0, 1, 2, … without a parity, not {label:?} \
                 (parities e/o belong to O3)"
            ))),
        }
    }
}

impl RepAtoms for O3 {
    fn regular_rep(_: &Arc<Self>) -> Result<Rep<Self>> {
        Err(Error::InvalidInput(
            "reg is only defined for finite groups, not O3".into(),
        ))
    }
    /// `le` / `lo` (and `ly`, the parity `(−1)^l` of `Y_l`), as in e3nn's `16x0e+8x1o`.
    fn irrep(group: &Arc<Self>, label: &str) -> Result<Rep<Self>> {
        o3_irrep(group, label.parse::<Irrep>()?)
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
        RepExpr::Sum(parts) => {
            // Two adjacent labels may name one real irreducible of complex type (`X.2+X.3`).
            let mut built = Vec::with_capacity(parts.len());
            let mut i = 0;
            while i < parts.len() {
                if let (RepExpr::Irrep(a), Some(RepExpr::Irrep(b))) = (&parts[i], parts.get(i + 1))
                    && let Ok(pair) = G::irrep(group, &format!("{a}+{b}"))
                {
                    built.push(pair);
                    i += 2;
                    continue;
                }
                built.push(build_rep(group, &parts[i])?);
                i += 1;
            }
            rep::direct_sum(built)
        }
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
