//! Project tasks: `cargo xtask codegen [--check]`, `cargo xtask api-diff OLD NEW`,
//! `cargo xtask test`, `cargo xtask merged-spec`.

mod prism;
mod test_cmd;

use xtask::codegen;

/// See xtask/Cargo.toml: generation is allocation-bound.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
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
        /// The OpenAPI 3.0 spec files to read as one API, or folders of them (repeat the
        /// flag, or list them after one; default: every file in `spec/`).
        #[arg(long, num_args = 1..)]
        spec: Vec<PathBuf>,
        /// The folder to write the crate into (its own Cargo.toml included).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The Cargo package name of the generated crate.
        #[arg(long)]
        crate_name: Option<String>,
    },
    /// What generating from NEW instead of OLD does to the SDK's public API (Markdown):
    /// each a spec file or a folder of spec files read as one API:
    /// breaking, additive and docs-only changes and the version bump they call for. Exits
    /// with 2 when a change is breaking, so CI can stop on it.
    ApiDiff {
        /// The spec the current crate is generated from.
        old: PathBuf,
        /// The new spec.
        new: PathBuf,
        /// The Cargo package name of the generated crate.
        #[arg(long, default_value = xtask::CRATE_NAME)]
        crate_name: String,
    },
    /// Print the spec files merged into one document, as JSON (what the generator reads):
    /// for tools that take one file, such as the benchmark scripts' progenitor.
    MergedSpec {
        /// The spec files or folders to merge (default: every file in `spec/`).
        #[arg(long, num_args = 1..)]
        spec: Vec<PathBuf>,
        /// Make the two edits progenitor 0.15.1 needs to read the spec
        /// (`xtask/src/for_progenitor.rs`).
        #[arg(long)]
        for_progenitor: bool,
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

/// `cargo xtask merged-spec`: the merged document on stdout. Files with different titles
/// merge without one; the settings' title (the crate's) fills it in, since tools reading
/// the document need one.
fn merged_spec(spec: &[PathBuf], for_progenitor: bool) -> Result<(), String> {
    let specs = if spec.is_empty() {
        xtask::project_specs()
    } else {
        xtask::expand_specs(spec)?
    };
    let text = xtask::merged_spec(&specs)?;
    let mut document: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("merged spec: {e}"))?;
    if let Some(info) = document
        .get_mut("info")
        .and_then(|info| info.as_object_mut())
    {
        let title = ::codegen::settings::Settings::hookdeck(xtask::CRATE_NAME).api_title;
        if let (false, Some(title)) = (info.contains_key("title"), title) {
            info.insert("title".to_string(), title.into());
        }
    }
    if for_progenitor {
        xtask::for_progenitor::edit(&mut document);
    }
    println!("{document}");
    Ok(())
}

/// `api-diff`'s exit code when a change is breaking (1 is for errors).
const BREAKING: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen {
            check,
            spec,
            out,
            crate_name,
        } => {
            let defaults = xtask::default_codegen(check);
            let out = out.unwrap_or_else(|| defaults.out.clone());
            // Anywhere but the workspace's own member crate, the crate stands alone.
            let standalone = out.canonicalize().ok() != defaults.out.canonicalize().ok();
            codegen::run(&codegen::Options {
                specs: if spec.is_empty() {
                    defaults.specs
                } else {
                    spec
                },
                out,
                crate_name: crate_name.unwrap_or(defaults.crate_name),
                check,
                standalone,
                // The contract tests' calls go with the workspace's own crate only.
                contract_calls: if standalone {
                    None
                } else {
                    defaults.contract_calls.clone()
                },
            })
        }
        Command::ApiDiff {
            old,
            new,
            crate_name,
        } => match codegen::api_diff(&old, &new, &crate_name) {
            Ok(true) => return ExitCode::from(BREAKING),
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        },
        Command::MergedSpec {
            spec,
            for_progenitor,
        } => merged_spec(&spec, for_progenitor),
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
