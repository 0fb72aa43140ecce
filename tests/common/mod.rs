//! Shared helpers of the integration tests.
#![allow(dead_code)]

use equivariant::group::{AnyGroup, PermutationGroup, build_group};
use equivariant::io::expr::parse_group;
use std::sync::Arc;

/// The finite groups every property test runs over.
pub const FINITE_GROUPS: &[&str] = &[
    "S1", "S2", "S3", "S4", "S5", "A4", "A5", "C1", "C2", "C5", "C6", "D1", "D2", "D3", "D4", "D5",
    "Q8", "T", "O", "I", "Td", "Oh", "Ih", "C2xS3", "C3xD4",
];

/// Builds a finite group by name.
pub fn finite(name: &str) -> Arc<PermutationGroup> {
    match build_group(&parse_group(name).expect("valid name")).expect("buildable group") {
        AnyGroup::Finite(g) => g,
        _ => panic!("{name} is not finite"),
    }
}
