//! Benchmark placeholder: reduced_tensor_products.
fn main() {}
