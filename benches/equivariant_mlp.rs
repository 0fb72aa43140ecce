//! Benchmark placeholder: equivariant_mlp.
fn main() {}
