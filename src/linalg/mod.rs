//! Exact and numeric linear algebra.
