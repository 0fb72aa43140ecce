//! Reference layers built from the representation theory of the crate.

pub mod deep_sets;
pub mod equivariant_mlp;
pub mod graph;
pub mod point_cloud;
pub mod tensor_layer;
