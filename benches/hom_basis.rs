//! Benchmark placeholder: hom_basis.
fn main() {}
