//! Groups: the traits every group implements and the concrete groups of the library.
//!
//! * [`Group`]: identity, product, inverse, equality of elements, the defining
//!   representation `V` (DESIGN's table), discrete generators, the Lie algebra (empty for
//!   finite groups) and random elements (uniform, or Haar for compact groups).
//! * [`FiniteGroup`]: elements, order, generators, multiplication by index, conjugacy
//!   classes with sizes and element orders.
//! * [`CompactLieGroup`]: the exponential map from Lie-algebra coordinates, so that
//!   `dρ(X) = d/dt ρ(exp tX)|_{t=0}` can be checked.
//!
//! Finite groups are all [`PermutationGroup`]s — a faithful permutation action plus a
//! [`Family`] that supplies the defining representation and readable element names — so
//! that products, subgroups and groups generated at run time share one type.

pub mod catalogue;
pub mod classes;
pub mod lie;
pub mod matrix_closure;
pub mod perm_group;
pub mod permutation;
pub mod polyhedral;
pub mod rotation;
pub mod spatial;

pub use catalogue::{AnyGroup, build_group};
pub use classes::ConjugacyClass;
pub use lie::{O2, O2Element, SO2};
pub use perm_group::{DEFAULT_ELEMENT_CAP, Family, PermutationGroup};
pub use permutation::Permutation;
pub use polyhedral::Polyhedral;
pub use rotation::Rotation;
pub use spatial::{O3, O3Element, SO3};

use crate::Result;
use nalgebra::DMatrix;
use num_bigint::BigUint;
use rand::Rng;
use std::fmt::Debug;
use std::hash::Hash;

/// A group: a set with an associative product, an identity and inverses.
///
/// Every group of the library comes with its defining representation `V` (DESIGN's table),
/// so that `V`, `sign` and all constructions on them are available for any group.
pub trait Group: Send + Sync {
    /// The element type.
    type Element: Clone + PartialEq + Debug + Send + Sync;

    /// A short name (`S5`, `SO2`, `C2xS3`).
    fn name(&self) -> String;
    /// The identity element `e`.
    fn identity(&self) -> Self::Element;
    /// The product `a · b`.
    fn multiply(&self, a: &Self::Element, b: &Self::Element) -> Self::Element;
    /// The inverse `a⁻¹`.
    fn inverse(&self, a: &Self::Element) -> Self::Element;
    /// Dimension of the defining representation `V`.
    fn defining_dim(&self) -> usize;
    /// The matrix of `g` in the defining representation `V`.
    fn defining_matrix(&self, g: &Self::Element) -> DMatrix<f64>;
    /// Generators of the group modulo its identity component: all generators for a finite
    /// group, the reflection for `O(2)`, none for `SO(2)`. Together with the Lie algebra
    /// they determine every representation (the constraints of the nullspace route).
    fn discrete_generators(&self) -> Vec<Self::Element>;
    /// A basis of the Lie algebra as matrices in the defining representation (empty for
    /// finite groups).
    fn lie_algebra_basis(&self) -> Vec<DMatrix<f64>> {
        Vec::new()
    }
    /// A random element: uniform for finite groups, Haar-distributed for compact groups.
    fn random_element<R: Rng + ?Sized>(&self, rng: &mut R) -> Result<Self::Element>;
    /// A readable description of an element (cycle notation, a word, a matrix).
    fn describe(&self, g: &Self::Element) -> String;
}

/// A finite group whose elements can be listed and indexed.
pub trait FiniteGroup: Group
where
    Self::Element: Eq + Hash,
{
    /// The order `|G|` (exact; `S_n` for large `n` exceeds every machine integer).
    fn order(&self) -> Result<BigUint>;
    /// The generators the group was built from.
    fn generators(&self) -> Vec<Self::Element>;
    /// All elements, `elements()[0]` the identity. `Err(TooLarge)` above the element cap.
    fn elements(&self) -> Result<&[Self::Element]>;
    /// The index of `g` in [`FiniteGroup::elements`].
    fn index_of(&self, g: &Self::Element) -> Result<Option<usize>>;
    /// Multiplication by index: the index of `elements[i] · elements[j]`.
    fn multiply_index(&self, i: usize, j: usize) -> Result<usize> {
        let elements = self.elements()?;
        let product = self.multiply(&elements[i], &elements[j]);
        self.index_of(&product)?.ok_or_else(|| {
            crate::Error::Numerical("product of two elements is not in the group".into())
        })
    }
    /// Conjugacy classes with sizes, element orders and representatives, identity first.
    fn conjugacy_classes(&self) -> Result<Vec<ConjugacyClass<Self::Element>>>;
}

/// A compact Lie group: Haar sampling (via [`Group::random_element`]) and the exponential map.
pub trait CompactLieGroup: Group {
    /// `exp(Σ_i t_i X_i)` for the Lie-algebra basis `X_i` of [`Group::lie_algebra_basis`].
    fn exp(&self, coordinates: &[f64]) -> Result<Self::Element>;
}
