//! Irreps strings of `O(3)` (theory/so3.md, "Irreps strings").

use equivariant::so3::irreps::{Irrep, Irreps, MulIrrep, Parity};
use quickcheck::quickcheck;

fn irreps_from(seed: Vec<(u8, u8, bool)>) -> Irreps {
    Irreps::new(
        seed.into_iter()
            .map(|(mul, l, odd)| MulIrrep {
                mul: mul as usize,
                irrep: Irrep::new(
                    (l % 12) as usize,
                    if odd { Parity::Odd } else { Parity::Even },
                )
                .unwrap(),
            })
            .collect(),
    )
    .unwrap()
}

/// `Display` and `FromStr` round-trip, and the dimension is `Σ mul (2l + 1)`.
#[test]
fn irreps_strings_round_trip_and_count_dimensions() {
    fn property(seed: Vec<(u8, u8, bool)>) -> bool {
        let irreps = irreps_from(seed.clone());
        let parsed: Irreps = irreps.to_string().parse().unwrap();
        let dim: usize = seed
            .iter()
            .map(|(mul, l, _)| *mul as usize * (2 * (l % 12) as usize + 1))
            .sum();
        parsed == irreps && irreps.dim() == dim && irreps.copies().count() == irreps.num_irreps()
    }
    quickcheck(property as fn(Vec<(u8, u8, bool)>) -> bool);
    let e3nn: Irreps = "16x0e+8x1o+4x2e".parse().unwrap();
    assert_eq!(e3nn.dim(), 16 + 24 + 20);
    assert_eq!(e3nn.offsets(), vec![0, 16, 40]);
    let harmonics: Irreps = "0y + 1y + 2y".parse().unwrap();
    assert_eq!(harmonics, Irreps::spherical_harmonics(2).unwrap());
    assert_eq!(harmonics.to_string(), "1x0e+1x1o+1x2e");
}

/// Simplification sorts by `(l, parity)` and merges equal irreps without changing the
/// multiset of copies.
#[test]
fn simplification_preserves_the_multiset_of_copies() {
    fn property(seed: Vec<(u8, u8, bool)>) -> bool {
        let irreps = irreps_from(seed);
        let simple = irreps.simplified();
        let mut before: Vec<Irrep> = irreps.copies().collect();
        before.sort();
        let after: Vec<Irrep> = simple.copies().collect();
        let blocks = simple.blocks();
        after == before && blocks.windows(2).all(|w| w[0].irrep < w[1].irrep)
    }
    quickcheck(property as fn(Vec<(u8, u8, bool)>) -> bool);
}

/// The Clebsch–Gordan series: `dim(l1 ⊗ l2) = Σ_{L=|l1−l2|}^{l1+l2} (2L+1)`, parities multiply.
#[test]
fn tensor_product_series_has_the_product_dimension() {
    for l1 in 0..15 {
        for l2 in 0..15 {
            for (p1, p2) in [(Parity::Even, Parity::Odd), (Parity::Odd, Parity::Odd)] {
                let a = Irrep::new(l1, p1).unwrap();
                let b = Irrep::new(l2, p2).unwrap();
                let series: Vec<Irrep> = a.tensor(&b).collect();
                assert_eq!(
                    series.iter().map(Irrep::dim).sum::<usize>(),
                    a.dim() * b.dim()
                );
                assert!(series.iter().all(|c| c.parity == p1 * p2));
            }
        }
    }
}

/// Malformed strings are refused with a message naming the bad part.
#[test]
fn malformed_irreps_strings_are_refused() {
    for bad in [
        "1",
        "x1o",
        "2x",
        "1z",
        "1oo",
        "-1e",
        "3x1o+",
        "99999999999x1e",
        "2000000e",
    ] {
        let err = bad.parse::<Irreps>().unwrap_err().to_string();
        assert!(!err.is_empty(), "{bad}");
    }
    let err = "4x1q".parse::<Irreps>().unwrap_err().to_string();
    assert!(err.contains("1q"), "{err}");
    let huge = format!("{}x100e", usize::MAX / 2);
    assert!(huge.parse::<Irreps>().is_err());
}
