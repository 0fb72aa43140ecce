//! The `SO(3)` / `O(3)` family and its compiled core.
//!
//! * [`angular_momentum`]: `J_x, J_y, J_z` and `so(3)` in every irrep;
//! * [`real_basis`]: the unitary `U^l` from the complex to the standard real basis.

pub mod angular_momentum;
pub mod clebsch_gordan;
pub mod decompose;
pub mod irreps;
pub mod linear;
pub mod real_basis;
pub mod reduced_tensor_products;
pub mod representations;
pub mod spherical_harmonics;
pub mod tensor_product;
pub mod wigner_6j;
pub mod wigner_d;
