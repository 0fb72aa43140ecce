//! The groups known by name (DESIGN's names: `S5`, `A5`, `C6`, `D4`, `Q8`, `T`, `O`, `I`,
//! `Td`, `Oh`, `Ih`, `SO2`, `O2`, products `C2xS3`) and the run-time choice among them.

use super::Group;
use super::lie::{O2, SO2};
use super::perm_group::PermutationGroup;
use super::polyhedral::Polyhedral;
use super::spatial::{O3, SO3};
use crate::io::expr::GroupExpr;
use crate::{Error, Result};
use std::sync::Arc;

/// A group chosen at run time (from a name on the command line).
#[derive(Clone)]
pub enum AnyGroup {
    /// A finite group.
    Finite(Arc<PermutationGroup>),
    /// `SO(2)`.
    SO2(Arc<SO2>),
    /// `O(2)`.
    O2(Arc<O2>),
    /// `SO(3)`.
    SO3(Arc<SO3>),
    /// `O(3)`.
    O3(Arc<O3>),
}

impl AnyGroup {
    /// The group's name.
    pub fn name(&self) -> String {
        match self {
            AnyGroup::Finite(g) => g.name(),
            AnyGroup::SO2(g) => g.name(),
            AnyGroup::O2(g) => g.name(),
            AnyGroup::SO3(g) => g.name(),
            AnyGroup::O3(g) => g.name(),
        }
    }
}

fn finite(expr: &GroupExpr) -> Result<PermutationGroup> {
    match expr {
        GroupExpr::Symmetric(n) => PermutationGroup::symmetric(*n),
        GroupExpr::Alternating(n) => PermutationGroup::alternating(*n),
        GroupExpr::Cyclic(n) => PermutationGroup::cyclic(*n),
        GroupExpr::Dihedral(n) => PermutationGroup::dihedral(*n),
        GroupExpr::Quaternion => PermutationGroup::quaternion(),
        GroupExpr::Tetrahedral => PermutationGroup::polyhedral(Polyhedral::T),
        GroupExpr::Octahedral => PermutationGroup::polyhedral(Polyhedral::O),
        GroupExpr::Icosahedral => PermutationGroup::polyhedral(Polyhedral::I),
        GroupExpr::FullTetrahedral => PermutationGroup::polyhedral(Polyhedral::Td),
        GroupExpr::FullOctahedral => PermutationGroup::polyhedral(Polyhedral::Oh),
        GroupExpr::FullIcosahedral => PermutationGroup::polyhedral(Polyhedral::Ih),
        GroupExpr::Product(factors) => PermutationGroup::direct_product(
            factors
                .iter()
                .map(|f| finite(f).map(Arc::new))
                .collect::<Result<Vec<_>>>()?,
        ),
        GroupExpr::SO2 | GroupExpr::O2 | GroupExpr::SO3 | GroupExpr::O3 => Err(Error::Unsupported(
            format!("{expr} in a direct product: products with Lie groups are not supported yet"),
        )),
    }
}

/// Builds the group named by `expr`.
pub fn build_group(expr: &GroupExpr) -> Result<AnyGroup> {
    match expr {
        GroupExpr::SO2 => Ok(AnyGroup::SO2(Arc::new(SO2))),
        GroupExpr::O2 => Ok(AnyGroup::O2(Arc::new(O2))),
        GroupExpr::SO3 => Ok(AnyGroup::SO3(Arc::new(SO3))),
        GroupExpr::O3 => Ok(AnyGroup::O3(Arc::new(O3))),
        _ => Ok(AnyGroup::Finite(Arc::new(finite(expr)?))),
    }
}

/// One entry of the catalogue printed by `equivariant groups`.
pub struct GroupInfo {
    /// The name, or the pattern (`S<n>`) for a family.
    pub name: &'static str,
    /// The order, `None` for Lie groups and for families (see `description`).
    pub order: Option<u64>,
    /// Whether it is a compact Lie group.
    pub lie: bool,
    /// What it is.
    pub description: &'static str,
}

/// Every name the command line knows.
pub fn known_groups() -> Vec<GroupInfo> {
    let family = |name, description| GroupInfo {
        name,
        order: None,
        lie: false,
        description,
    };
    let fixed = |name, order, description| GroupInfo {
        name,
        order: Some(order),
        lie: false,
        description,
    };
    let lie = |name, description| GroupInfo {
        name,
        order: None,
        lie: true,
        description,
    };
    vec![
        family("S<n>", "symmetric group on n points, order n! (e.g. S5)"),
        family(
            "A<n>",
            "alternating group on n points, order n!/2 (e.g. A5)",
        ),
        family("C<n>", "cyclic group, order n (e.g. C6)"),
        family(
            "D<n>",
            "dihedral group of the regular n-gon, order 2n (e.g. D4, order 8)",
        ),
        fixed("Q8", 8, "quaternion group {±1, ±i, ±j, ±k}"),
        fixed(
            "T",
            12,
            "chiral tetrahedral group (rotations of the tetrahedron, ≅ A4)",
        ),
        fixed(
            "O",
            24,
            "chiral octahedral group (rotations of the cube, ≅ S4)",
        ),
        fixed(
            "I",
            60,
            "chiral icosahedral group (rotations of the icosahedron, ≅ A5)",
        ),
        fixed("Td", 24, "full tetrahedral group (≅ S4, with reflections)"),
        fixed("Oh", 48, "full octahedral group O × {±1}"),
        fixed("Ih", 120, "full icosahedral group I × {±1}"),
        lie("SO2", "rotations of the plane"),
        lie("O2", "rotations and reflections of the plane"),
        lie("SO3", "rotations of 3-space (irreps l = 0, 1, 2, …)"),
        lie(
            "O3",
            "rotations and reflections of 3-space, SO3 × {±I} (irreps 0e, 1o, …)",
        ),
        family("GxH", "direct product of finite groups (e.g. C2xS3)"),
    ]
}
