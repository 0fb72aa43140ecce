//! The `equivariant` command. Errors go to stderr with a non-zero exit code.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = equivariant::cli::Cli::parse();
    match equivariant::cli::run(cli) {
        Ok(out) => {
            // A closed pipe (`equivariant … | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{}", out.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
