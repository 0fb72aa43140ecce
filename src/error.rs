//! The crate's error type: every fallible operation returns [`Result`], never panics on
//! user input, and names what is wrong (and, for requests that are too large, the size
//! they would need).

use thiserror::Error;

/// Everything that can go wrong in `equivariant`.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// A string (group name, representation expression, number) could not be parsed.
    /// `position` is the byte offset of the offending character in `input`.
    #[error("{message} at position {position}\n  {input}\n  {caret}^", caret = " ".repeat(*position))]
    Parse {
        /// The whole input.
        input: String,
        /// Byte offset of the offending character.
        position: usize,
        /// What is wrong there.
        message: String,
    },
    /// Input that parses but is not valid (a non-permutation, mismatched sizes, …).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A computation that would need more memory or elements than allowed; refused up front.
    #[error("too large: {what} would need {needed}, above the limit of {limit}")]
    TooLarge {
        /// What was requested.
        what: String,
        /// The size it would need (elements, bytes, …), in words.
        needed: String,
        /// The limit it exceeds.
        limit: String,
    },
    /// A request the library does not (yet) support for this group or representation.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A numerical procedure failed (e.g. no clear singular-value gap).
    #[error("numerical failure: {0}")]
    Numerical(String),
}

/// Shorthand for `std::result::Result<T, equivariant::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

/// Formats a byte count for error messages (`1.5 GiB`).
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
