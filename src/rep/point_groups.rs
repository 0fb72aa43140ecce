//! Finite subgroups of `SO(3)` and `O(3)` as [`Subgroup`]s, so that representations of the
//! rotation groups restrict to the point groups (`SO(3) → I`, `O(3) → Oh`).
//!
//! A finite group embeds through its defining representation `V`: the polyhedral groups
//! `T, O, I` (and `Td, Oh, Ih` in `O(3)`) by their 3×3 matrices; `C_n` and `D_n`, whose `V` is
//! planar, as the rotations about the `z` axis, with the planar reflection
//! `(x, y) ↦ (x, −y)` of `D_n` becoming the half-turn `diag(1, −1, −1)` about the `x` axis in
//! `SO(3)` (`M ↦ M ⊕ det M`) and staying a reflection in `O(3)` (`M ↦ M ⊕ 1`).

use super::Subgroup;
use crate::group::{
    FiniteGroup, Group, O3, O3Element, Permutation, PermutationGroup, Rotation, SO3,
};
use crate::{Error, Result};
use nalgebra::Matrix3;
use std::collections::HashMap;
use std::sync::Arc;

/// `V(g)` as a 3×3 matrix: itself when `V` is 3-dimensional, `M ⊕ corner(M)` when planar.
fn spatial_matrix(
    group: &PermutationGroup,
    g: &Permutation,
    corner: fn(f64) -> f64,
) -> Result<Matrix3<f64>> {
    let v = group.defining_matrix(g);
    match v.shape() {
        (3, 3) => Ok(Matrix3::from_iterator(v.iter().copied())),
        (2, 2) => {
            let det = v[(0, 0)] * v[(1, 1)] - v[(0, 1)] * v[(1, 0)];
            let mut m = Matrix3::zeros();
            m.fixed_view_mut::<2, 2>(0, 0)
                .copy_from(&v.fixed_view::<2, 2>(0, 0));
            m[(2, 2)] = corner(det);
            Ok(m)
        }
        (rows, cols) => Err(Error::InvalidInput(format!(
            "{} acts on R^{rows}×{cols}: only groups with a 2- or 3-dimensional V embed in O(3)",
            group.name()
        ))),
    }
}

/// Looks up the image of an element of the finite subgroup (`None` outside it).
type Lookup<E> = Arc<dyn Fn(&Permutation) -> Option<E> + Send + Sync>;

fn embedding_table<E: Copy + Send + Sync + 'static>(
    group: &PermutationGroup,
    corner: fn(f64) -> f64,
    convert: impl Fn(&Matrix3<f64>) -> Result<E>,
) -> Result<Lookup<E>> {
    let table: HashMap<Permutation, E> = group
        .elements()?
        .iter()
        .map(|g| {
            let m = spatial_matrix(group, g, corner)?;
            convert(&m)
                .map(|e| (g.clone(), e))
                .map_err(|e| Error::InvalidInput(format!("{}: {e}", group.name())))
        })
        .collect::<Result<_>>()?;
    Ok(Arc::new(move |g: &Permutation| table.get(g).copied()))
}

/// `H ⊂ SO(3)` for a finite group `H` whose `V` consists of rotations (`C_n`, `D_n`, `T`,
/// `O`, `I`); an `Err` names the group when some `V(h)` is not a rotation (e.g. `Td`).
/// Elements not in `H` (which the type cannot exclude) map to the identity.
pub fn point_group_in_so3(
    subgroup: Arc<PermutationGroup>,
) -> Result<Subgroup<SO3, PermutationGroup>> {
    let lookup = embedding_table(&subgroup, |det| det, Rotation::from_matrix)?;
    Subgroup::new(
        Arc::new(SO3),
        subgroup,
        Arc::new(move |h: &Permutation| lookup(h).unwrap_or_else(Rotation::identity)),
        Vec::new(),
    )
}

/// `H ⊂ O(3)` for a finite group `H` whose `V` is orthogonal (every point group: `Td`, `Oh`,
/// `Ih` and planar reflections included). Elements not in `H` map to the identity.
pub fn point_group_in_o3(
    subgroup: Arc<PermutationGroup>,
) -> Result<Subgroup<O3, PermutationGroup>> {
    let lookup = embedding_table(&subgroup, |_| 1.0, O3Element::from_matrix)?;
    Subgroup::new(
        Arc::new(O3),
        subgroup,
        Arc::new(move |h: &Permutation| lookup(h).unwrap_or_else(|| O3.identity())),
        Vec::new(),
    )
}
