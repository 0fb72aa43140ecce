//! Every symmetric polynomial in `x_1..x_k` is a polynomial in the power sums `p_1..p_k`
//! (seed talk; Newton's identities, exact over `Q`). Prints the elementary symmetric
//! polynomials `e_1..e_4` in power sums, then symmetrises random monomials with random
//! rational coefficients, expresses each in `e`'s and in `p`'s, and checks both expressions
//! exactly by substituting back.
//!
//! Run with `cargo run --release --example power_sums`.

use equivariant::Result;
use equivariant::num::rational::q;
use equivariant::symmetric::symmetric_functions::{
    Polynomial, elementary, elementary_expression, elementary_in_power_sums, orbit_sum, power_sum,
    power_sum_expression,
};
use rand::{RngExt, SeedableRng, rngs::StdRng};

fn main() -> Result<()> {
    let k = 4;
    println!("Newton's identities, k = {k}: e_j = (1/j) Σ_{{i=1}}^j (−1)^(i−1) e_(j−i) p_i");
    for (j, e) in elementary_in_power_sums(k)?.iter().enumerate().skip(1) {
        println!("  e{j} = {}", e.to_string_with("p"));
    }

    let mut rng = StdRng::seed_from_u64(7);
    println!("\nRandom symmetric polynomials (orbit sums of random monomials, degree ≤ 5):");
    let mut checked = 0;
    for trial in 0..200 {
        let k = 1 + trial % 4;
        let f = random_symmetric(k, &mut rng)?;
        let in_e = elementary_expression(&f)?;
        let in_p = power_sum_expression(&f)?;
        let p: Vec<Polynomial> = (1..=k as u32)
            .map(|i| power_sum(k, i))
            .collect::<Result<_>>()?;
        let e: Vec<Polynomial> = (1..=k).map(|j| elementary(k, j)).collect::<Result<_>>()?;
        let ok = in_p.substitute(&p)? == f && in_e.substitute(&e)? == f;
        if trial < 3 {
            println!("  f    = {f}");
            println!("       = {}", in_e.to_string_with("e"));
            println!("       = {}", in_p.to_string_with("p"));
            println!("  substituted back, both equal f: {ok}\n");
        }
        checked += usize::from(ok);
    }
    println!("  {checked}/200 random symmetric polynomials (k = 1..4) recovered exactly");

    let cyclic = Polynomial::monomial(&[2, 1, 0], q(1, 1))
        .try_add(&Polynomial::monomial(&[0, 2, 1], q(1, 1)))?
        .try_add(&Polynomial::monomial(&[1, 0, 2], q(1, 1)))?;
    match power_sum_expression(&cyclic) {
        Err(e) => println!("  non-symmetric {cyclic}: refused ({e})"),
        Ok(g) => println!("  non-symmetric {cyclic}: unexpectedly expressed as {g}"),
    }
    Ok(())
}

/// A sum of 1–3 orbit sums of random monomials of degree ≤ 5 with coefficients in
/// `{−9..9}/{1..5}`.
fn random_symmetric(k: usize, rng: &mut StdRng) -> Result<Polynomial> {
    let mut f = Polynomial::zero(k);
    for _ in 0..rng.random_range(1..=3) {
        let mut a = vec![0u32; k];
        for _ in 0..rng.random_range(1..=5u32) {
            a[rng.random_range(0..k)] += 1;
        }
        let c = q(rng.random_range(-9..=9), rng.random_range(1..=5));
        f = f.try_add(&orbit_sum(&a, c)?)?;
    }
    Ok(f)
}
