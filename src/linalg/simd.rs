//! Run-time choice of the widest vector instruction set, for kernels compiled several times
//! with `#[target_feature]` (the same code each time, so results do not depend on the CPU).

/// The vector instruction sets the crate's kernels have versions for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Simd {
    /// Portable code.
    Scalar,
    /// AVX2.
    #[cfg(target_arch = "x86_64")]
    Avx2,
    /// AVX-512 with the `f`, `dq` and `vl` extensions.
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

/// The widest of [`Simd`] that the running CPU supports.
pub(crate) fn detect_simd() -> Simd {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512dq")
            && std::is_x86_feature_detected!("avx512vl")
        {
            return Simd::Avx512;
        }
        if std::is_x86_feature_detected!("avx2") {
            return Simd::Avx2;
        }
    }
    Simd::Scalar
}
