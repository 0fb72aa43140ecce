//! Representations.
