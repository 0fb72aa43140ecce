//! Exact scalars: big rationals, signed square roots of rationals and the field `Q(√5)`.

pub mod factorial;
pub mod qsqrt5;
pub mod rational;
pub mod sqrt_rational;
