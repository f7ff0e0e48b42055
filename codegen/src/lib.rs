//! A generator of Rust SDK crates from OpenAPI 3.0 specs, built for Hookdeck's APIs.
//!
//! The stages are kept apart, each in its own module:
//! [`load`] (text → validated raw tree, several files merged) → [`lower`] (tree →
//! [`ir::Api`], plain data) → [`emit`] (IR → token streams) → [`assemble`] (tokens →
//! the crate's files, formatted by [`format`], with the API listing of [`surface`]).
//! [`generate`] runs them all and does no I/O; writing files and `--check` live in the
//! `xtask` binary.

pub mod assemble;
pub mod emit;
pub mod error;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
mod parallel;
pub mod pointer;
pub mod reserved;
pub mod settings;
pub mod stages;
pub mod surface;

pub use error::Error;
pub use load::SpecFile;
pub use settings::Settings;

/// One file of the generated crate, by its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// A generated crate: its files, its public API, and what the generator warns about.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    pub files: Vec<GeneratedFile>,
    pub surface: surface::Surface,
    /// Places where the crate does less well than the spec asks (it still builds).
    pub warnings: Vec<error::Warning>,
}

/// Generates the files of the SDK crate for the spec text.
pub fn generate(spec: &str, settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    generate_crate(spec, settings).map(|generated| generated.files)
}

/// Generates the SDK crate for the spec text, with its public API for comparisons.
pub fn generate_crate(spec: &str, settings: &Settings) -> Result<GeneratedCrate, Error> {
    generate_with(settings, || {
        load::load(spec).and_then(|document| lower::lower(&document, settings))
    })
}

/// Generates the SDK crate for an API read from several spec files, merged into one
/// document first (see [`load::load_all`]); an error or a warning names the file it is
/// about.
pub fn generate_crate_from(
    files: &[SpecFile],
    settings: &Settings,
) -> Result<GeneratedCrate, Error> {
    generate_with(settings, || {
        let document = load::load_all(files)?;
        let mut api = lower::lower(&document, settings).map_err(|e| document.locate(e))?;
        for warning in &mut api.warnings {
            warning.file = document
                .origins
                .file_of(&warning.pointer)
                .map(str::to_string);
        }
        Ok(api)
    })
}

/// Loads and lowers with `api` on this thread and, meanwhile, reads the runtime's part of
/// the API listing (it needs nothing from the spec) on a second one; then assembles.
fn generate_with(
    settings: &Settings,
    api: impl FnOnce() -> Result<ir::Api, Error>,
) -> Result<GeneratedCrate, Error> {
    std::thread::scope(|scope| {
        let runtime = scope.spawn(|| assemble::runtime_items(settings));
        let api = api();
        let runtime = runtime
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // A bad spec is reported before any internal error.
        assemble::assemble_with_runtime(&api?, settings, runtime?)
    })
}

/// The contract tests' generated files (`tests/src/every_operation.rs` and
/// `tests/src/every_schema.rs`, see [`emit::contract_calls`]) for an API read from several
/// spec files: files of the workspace, not of the SDK crate.
pub fn contract_calls_from(
    files: &[SpecFile],
    settings: &Settings,
) -> Result<Vec<GeneratedFile>, Error> {
    let document = load::load_all(files)?;
    let api = lower::lower(&document, settings).map_err(|e| document.locate(e))?;
    assemble::contract_calls(&api, settings)
}

/// The API read from several spec files and merged into one document (as
/// [`generate_crate_from`] reads it), written as compact JSON: for tools that take one
/// spec file, such as Prism.
pub fn merged_spec_json(files: &[SpecFile]) -> Result<String, Error> {
    load::load_all(files).map(|document| document.root.to_string())
}
