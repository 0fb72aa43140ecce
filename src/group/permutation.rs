//! Permutations of `{0, …, n−1}` stored by their images.
//!
//! Convention: a permutation `p` sends `i ↦ p[i]`, and products compose like functions,
//! `(p·q)(i) = p(q(i))` (apply `q` first). With the permutation matrix `P e_i = e_{p(i)}`
//! this makes `P(p·q) = P(p) P(q)`, so every permutation representation is a left action.
//! Cycle notation is printed 1-based, as in GAP: `(1,2,3)(4,5)`, identity `()`.

use crate::{Error, Result};
use std::fmt;

/// A permutation of `{0, …, n−1}`, `images[i] = p(i)`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permutation {
    images: Box<[u32]>,
}

impl Permutation {
    /// The identity on `n` points.
    pub fn identity(n: usize) -> Self {
        Permutation {
            images: (0..n as u32).collect(),
        }
    }

    /// Builds a permutation from its images, checking that they are a bijection of `0..n`.
    pub fn from_images(images: Vec<usize>) -> Result<Self> {
        let n = images.len();
        if n > u32::MAX as usize {
            return Err(Error::InvalidInput(format!(
                "permutation on {n} points is too large"
            )));
        }
        let mut seen = vec![false; n];
        for (i, &image) in images.iter().enumerate() {
            if image >= n {
                return Err(Error::InvalidInput(format!(
                    "not a permutation: point {i} is sent to {image}, outside 0..{n}"
                )));
            }
            if seen[image] {
                return Err(Error::InvalidInput(format!(
                    "not a permutation: {image} is the image of two points"
                )));
            }
            seen[image] = true;
        }
        Ok(Permutation {
            images: images.into_iter().map(|x| x as u32).collect(),
        })
    }

    /// Builds a permutation of `n` points from disjoint cycles given 0-based.
    pub fn from_cycles(n: usize, cycles: &[Vec<usize>]) -> Result<Self> {
        let mut images: Vec<usize> = (0..n).collect();
        let mut moved = vec![false; n];
        for cycle in cycles {
            for (k, &point) in cycle.iter().enumerate() {
                if point >= n {
                    return Err(Error::InvalidInput(format!(
                        "cycle point {point} is outside 0..{n} (points are 0-based)"
                    )));
                }
                if moved[point] {
                    return Err(Error::InvalidInput(format!(
                        "cycles are not disjoint: {} appears twice",
                        point + 1
                    )));
                }
                moved[point] = true;
                images[point] = cycle[(k + 1) % cycle.len()];
            }
        }
        Permutation::from_images(images)
    }

    /// Number of points moved or fixed, `n`.
    pub fn degree(&self) -> usize {
        self.images.len()
    }

    /// The image `p(i)`.
    pub fn apply(&self, i: usize) -> usize {
        self.images[i] as usize
    }

    /// All images as `usize`.
    pub fn images(&self) -> Vec<usize> {
        self.images.iter().map(|&x| x as usize).collect()
    }

    /// The composition `self · other` (apply `other` first). Both must have the same degree
    /// (elements of one group); composing permutations of different degrees is a programming
    /// error and panics.
    pub fn compose(&self, other: &Permutation) -> Permutation {
        assert_eq!(
            self.degree(),
            other.degree(),
            "composing permutations of different degrees"
        );
        Permutation {
            images: other
                .images
                .iter()
                .map(|&j| self.images[j as usize])
                .collect(),
        }
    }

    /// The inverse permutation.
    pub fn inverse(&self) -> Permutation {
        let mut images = vec![0u32; self.degree()];
        for (i, &j) in self.images.iter().enumerate() {
            images[j as usize] = i as u32;
        }
        Permutation {
            images: images.into_boxed_slice(),
        }
    }

    /// Disjoint cycles (0-based), including fixed points as 1-cycles, each starting at its
    /// smallest point, ordered by that point.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let n = self.degree();
        let mut seen = vec![false; n];
        let mut cycles = Vec::new();
        for start in 0..n {
            if seen[start] {
                continue;
            }
            let mut cycle = vec![start];
            seen[start] = true;
            let mut next = self.apply(start);
            while next != start {
                seen[next] = true;
                cycle.push(next);
                next = self.apply(next);
            }
            cycles.push(cycle);
        }
        cycles
    }

    /// Cycle type as a partition of `n` (cycle lengths in decreasing order, 1-cycles included).
    pub fn cycle_type(&self) -> Vec<usize> {
        let mut lengths: Vec<usize> = self.cycles().iter().map(Vec::len).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths
    }

    /// Order of the permutation: the lcm of its cycle lengths; `None` when it exceeds `u64`
    /// (possible from about 400 points on).
    pub fn order(&self) -> Option<u64> {
        self.cycles()
            .iter()
            .try_fold(1u64, |acc, c| checked_lcm(acc, c.len() as u64))
    }

    /// Sign `(−1)^(n − #cycles)`: `+1` for even, `−1` for odd permutations.
    pub fn sign(&self) -> i32 {
        if (self.degree() - self.cycles().len()).is_multiple_of(2) {
            1
        } else {
            -1
        }
    }

    /// Number of fixed points.
    pub fn fixed_points(&self) -> usize {
        self.images
            .iter()
            .enumerate()
            .filter(|&(i, &j)| i == j as usize)
            .count()
    }

    /// The same permutation acting on `n ≥ degree` points (fixing the new ones).
    pub fn extend(&self, n: usize) -> Permutation {
        let mut images = self.images.to_vec();
        images.extend(self.degree() as u32..n as u32);
        Permutation {
            images: images.into_boxed_slice(),
        }
    }
}

/// `lcm(a, b)`, `None` on overflow.
pub fn checked_lcm(a: u64, b: u64) -> Option<u64> {
    (a / num_integer::gcd(a, b)).checked_mul(b)
}

impl fmt::Display for Permutation {
    /// 1-based cycle notation without fixed points; the identity is `()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut any = false;
        for cycle in self.cycles().iter().filter(|c| c.len() > 1) {
            any = true;
            let points: Vec<String> = cycle.iter().map(|p| (p + 1).to_string()).collect();
            write!(f, "({})", points.join(","))?;
        }
        if !any {
            write!(f, "()")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Permutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
