//! Shared helpers of the integration tests.
#![allow(dead_code)]

use equivariant::group::{AnyGroup, PermutationGroup, build_group};
use equivariant::io::expr::parse_group;
use std::sync::Arc;

/// The finite groups every property test runs over.
pub const FINITE_GROUPS: &[&str] = &[
    "S1", "S2", "S3", "S4", "S5", "A4", "A5", "C1", "C2", "C5", "C6", "D1", "D2", "D3", "D4", "D5",
    "Q8", "T", "O", "I", "Td", "Oh", "Ih", "C2xS3", "C3xD4",
];

/// Builds a finite group by name.
pub fn finite(name: &str) -> Arc<PermutationGroup> {
    match build_group(&parse_group(name).expect("valid name")).expect("buildable group") {
        AnyGroup::Finite(g) => g,
        _ => panic!("{name} is not finite"),
    }
}

/// Runs the `equivariant` binary: exit code, stdout, stderr.
pub fn run_cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_equivariant"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the binary, expects success and one JSON document on stdout.
pub fn cli_json(args: &[&str]) -> serde_json::Value {
    let (code, stdout, stderr) = run_cli(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not one JSON document: {e}\n{stdout}"))
}
