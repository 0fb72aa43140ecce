//! The `equivariant` command. Errors go to stderr with a non-zero exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = equivariant::cli::Cli::parse();
    match equivariant::cli::run(cli) {
        Ok(out) => {
            println!("{}", out.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
