//! Reference layers built from the representation theory of the crate.

pub mod point_cloud;
