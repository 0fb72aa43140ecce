//! Reduced tensor products (placeholder; being written).
