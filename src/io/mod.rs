//! Parsing of group names and representation expressions.

pub mod expr;
