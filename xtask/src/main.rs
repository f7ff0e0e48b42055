//! Project tasks: `cargo xtask codegen [--check]`, `cargo xtask test`.

mod codegen;
mod prism;
mod test_cmd;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "xtask", about = "Tasks for the Hookdeck SDK generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the SDK crate from the spec (default: the project's own spec into generated/).
    Codegen {
        /// Change nothing; fail, naming each stale, missing or extra file, if the output differs.
        #[arg(long)]
        check: bool,
        /// The OpenAPI 3.0 spec to read.
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The folder to write the crate into (its own Cargo.toml included).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The Cargo package name of the generated crate.
        #[arg(long)]
        crate_name: Option<String>,
    },
    /// Run every test, contract tests against a Prism mock server included.
    Test {
        /// Arguments for `cargo test` (a filter, `-p ...`, `--test prism_rejects`).
        #[arg(allow_hyphen_values = true)]
        cargo_args: Vec<String>,
        /// Arguments after `--`, for the test binaries (e.g. `--nocapture`).
        #[arg(last = true)]
        harness_args: Vec<String>,
    },
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen {
            check,
            spec,
            out,
            crate_name,
        } => {
            let root = workspace_root();
            let default_out = root.join("generated");
            let out = out.unwrap_or_else(|| default_out.clone());
            let standalone = out.canonicalize().ok() != default_out.canonicalize().ok();
            codegen::run(&codegen::Options {
                spec: spec
                    .unwrap_or_else(|| root.join("spec/hookdeck-connections-api-openapi.yml")),
                out,
                crate_name: crate_name.unwrap_or_else(|| "hookdeck-connections".to_string()),
                check,
                standalone,
            })
        }
        Command::Test {
            cargo_args,
            harness_args,
        } => test_cmd::run(&cargo_args, &harness_args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
