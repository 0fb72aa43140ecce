//! Equivariance testing harness.
