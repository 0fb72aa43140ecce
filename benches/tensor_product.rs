//! Tensor-product and linear-layer benchmarks on e3nn's reference case.
//!
//! * `tp_forward_{f32,f64}[_1thread]`: `FullyConnectedTensorProduct("16x0e+16x1o+16x2e",
//!   "0e+1o+2e", "16x0e+16x1o+16x2e")` on a batch of 10000 (e3nn, torch on one thread:
//!   29 ms in `float32`);
//! * `tp_forward_backward_f32[_1thread]`: the forward pass and the gradients with respect to
//!   both inputs and the weights (e3nn: 103 ms);
//! * `linear_{f32,f64}[_1thread]`: `Linear("16x0e+16x1o+16x2e", "16x0e+16x1o+16x2e")`, batch 10000.
//!
//! The `_1thread` variants run on a one-thread rayon pool; the others on the global pool
//! (`RAYON_NUM_THREADS`).

use criterion::{Criterion, criterion_group, criterion_main};
use equivariant::so3::irreps::Irreps;
use equivariant::so3::linear::Linear;
use equivariant::so3::tensor_product::{FullyConnectedTensorProduct, Real};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use rayon::ThreadPool;
use std::hint::black_box;

const BATCH: usize = 10_000;
const FEATURES: &str = "16x0e+16x1o+16x2e";
const SH: &str = "0e+1o+2e";

fn irreps(text: &str) -> Irreps {
    text.parse().expect("a valid irreps string")
}

fn random<T: Real>(rng: &mut StdRng, n: usize) -> Vec<T> {
    (0..n)
        .map(|_| T::of_f64(rng.random::<f64>() * 2.0 - 1.0))
        .collect()
}

fn one_thread() -> ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool")
}

/// Runs `work` under the name `name` on the global pool and as `name_1thread` on one thread.
fn both(c: &mut Criterion, name: &str, work: impl Fn() -> usize + Sync) {
    let single = one_thread();
    c.bench_function(name, |b| b.iter(&work));
    c.bench_function(&format!("{name}_1thread"), |b| {
        b.iter(|| single.install(&work))
    });
}

fn tensor_product_case<T: Real>(c: &mut Criterion, precision: &str) {
    let tp = FullyConnectedTensorProduct::new(&irreps(FEATURES), &irreps(SH), &irreps(FEATURES))
        .expect("the e3nn benchmark case");
    let mut rng = StdRng::seed_from_u64(0);
    let x1: Vec<T> = random(&mut rng, BATCH * tp.irreps_in1().dim());
    let x2: Vec<T> = random(&mut rng, BATCH * tp.irreps_in2().dim());
    let w: Vec<T> = random(&mut rng, tp.weight_numel());
    let g: Vec<T> = random(&mut rng, BATCH * tp.irreps_out().dim());
    both(c, &format!("tp_forward_{precision}"), || {
        tp.forward(black_box(&x1), &x2, &w, BATCH).unwrap().len()
    });
    both(c, &format!("tp_forward_backward_{precision}"), || {
        let out = tp.forward(black_box(&x1), &x2, &w, BATCH).unwrap();
        let grads = tp.backward(&x1, &x2, &w, &g, BATCH).unwrap();
        out.len() + grads.weights.len()
    });
}

fn linear_case<T: Real>(c: &mut Criterion, precision: &str) {
    let lin = Linear::new(&irreps(FEATURES), &irreps(FEATURES), true).expect("linear layer");
    let mut rng = StdRng::seed_from_u64(1);
    let x: Vec<T> = random(&mut rng, BATCH * lin.irreps_in().dim());
    let w: Vec<T> = random(&mut rng, lin.weight_numel());
    let b: Vec<T> = random(&mut rng, lin.bias_numel());
    both(c, &format!("linear_{precision}"), || {
        lin.forward(black_box(&x), &w, &b, BATCH).unwrap().len()
    });
}

fn tensor_products(c: &mut Criterion) {
    tensor_product_case::<f32>(c, "f32");
    tensor_product_case::<f64>(c, "f64");
}

fn linear(c: &mut Criterion) {
    linear_case::<f32>(c, "f32");
    linear_case::<f64>(c, "f64");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = tensor_products, linear
}
criterion_main!(benches);
