//! The symmetric groups `S_n`: combinatorics and characters.
