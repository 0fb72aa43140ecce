//! Parsing of group names and representation expressions, and their evaluation.

pub mod build;
pub mod expr;
pub mod npy;
