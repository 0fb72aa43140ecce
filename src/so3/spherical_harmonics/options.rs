//! The two choices a spherical-harmonics plan is made with: the normalisation of the
//! functions and the convention (axis labelling) of their argument.

use crate::{Error, Result};
use std::f64::consts::PI;
use std::fmt;
use std::str::FromStr;

/// How the real harmonics are scaled.
///
/// * `Integral`: orthonormal on the unit sphere, `∫ Y_lm Y_l'm' dΩ = δ_ll' δ_mm'` (default);
/// * `Component`: e3nn's `component`, `Σ_m Y_lm(x̂)² = 2l + 1`, i.e. `Integral × √(4π)`;
/// * `Norm`: e3nn's `norm`, `Σ_m Y_lm(x̂)² = 1`, i.e. `Integral × √(4π / (2l + 1))`.
///
/// Reference: Geiger & Smidt, "e3nn: Euclidean neural networks", arXiv:2207.09453, §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Normalization {
    /// Orthonormal on the sphere.
    #[default]
    Integral,
    /// `Σ_m Y_lm² = 2l + 1` on the unit sphere.
    Component,
    /// `Σ_m Y_lm² = 1` on the unit sphere.
    Norm,
}

impl Normalization {
    const ALL: [Self; 3] = [Self::Integral, Self::Component, Self::Norm];

    /// The lower-case name: `integral`, `component` or `norm`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Integral => "integral",
            Self::Component => "component",
            Self::Norm => "norm",
        }
    }

    /// The factor `s_l` by which degree `l` differs from the orthonormal harmonics:
    /// `1`, `√(4π)` or `√(4π / (2l + 1))`.
    pub fn scale(self, l: usize) -> f64 {
        match self {
            Self::Integral => 1.0,
            Self::Component => (4.0 * PI).sqrt(),
            Self::Norm => (4.0 * PI / (2 * l + 1) as f64).sqrt(),
        }
    }
}

/// Whose axis labelling the argument uses.
///
/// * `Standard`: `l = 1` is `√(3/4π) (y, z, x)` (the standard real basis);
/// * `E3nn`: e3nn's `Y_e3nn(v) = Y_std(P v)` with `P (x, y, z) = (z, x, y)`, so that its
///   `l = 1` is `∝ (x, y, z)` (e3nn ≥ 0.2.2, `o3.spherical_harmonics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Convention {
    /// The standard real basis.
    #[default]
    Standard,
    /// e3nn's relabelled axes.
    E3nn,
}

impl Convention {
    const ALL: [Self; 2] = [Self::Standard, Self::E3nn];

    /// The lower-case name: `standard` or `e3nn`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::E3nn => "e3nn",
        }
    }

    /// The point at which the standard harmonics are evaluated: `v` itself, or `P v = (z, x, y)`.
    #[inline(always)]
    pub fn to_standard<T: Copy>(self, [x, y, z]: [T; 3]) -> [T; 3] {
        match self {
            Self::Standard => [x, y, z],
            Self::E3nn => [z, x, y],
        }
    }

    /// The gradient with respect to `v` from the gradient `g` at `P v`: `Pᵀ g`.
    #[inline(always)]
    pub fn gradient_from_standard<T: Copy>(self, [gx, gy, gz]: [T; 3]) -> [T; 3] {
        match self {
            Self::Standard => [gx, gy, gz],
            Self::E3nn => [gy, gz, gx],
        }
    }
}

macro_rules! name_and_parse {
    ($ty:ty, $what:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl FromStr for $ty {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self> {
                let found = Self::ALL
                    .into_iter()
                    .find(|v| v.name().eq_ignore_ascii_case(s.trim()));
                found.ok_or_else(|| {
                    let allowed: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
                    Error::InvalidInput(format!(
                        "unknown {} '{s}' (allowed: {})",
                        $what,
                        allowed.join(", ")
                    ))
                })
            }
        }
    };
}

name_and_parse!(Normalization, "normalization");
name_and_parse!(Convention, "convention");
