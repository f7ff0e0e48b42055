//! A generator of Rust SDK crates from OpenAPI 3.0 specs, built for Hookdeck's APIs.
//!
//! # The library's front
//!
//! [`generate_crate_from`] reads an API from its spec files, merged into one document, and
//! returns the SDK crate: its files, its public API ([`surface::Surface`]) and what the
//! generator warns about. [`generate_crate`] and [`generate`] do the same for one spec
//! text; [`generate_crate_and_contract_calls_from`] adds the workspace's contract tests of
//! the API, and [`merged_spec_json`] returns the merged document itself. Nothing here does
//! I/O: writing files and `--check` live in the `xtask` binary.
//!
//! [`Settings`] say how to generate: the crate's name and manifest, and the API's
//! conventions beyond standard OpenAPI; [`Settings::hookdeck`] in module [`settings`] is
//! the one place that knows Hookdeck's. [`surface::changelog`] says what changed between
//! two crates' APIs and which version bump that asks for. Errors and warnings ([`error`])
//! name the spec node they are about by its JSON pointer (module
//! [`pointer`](mod@pointer)).
//!
//! # The stages
//!
//! The stages are kept apart, each in a private module of its own: `load` (text →
//! validated raw tree, several files merged) → `lower` (tree → `ir::Api`, plain data) →
//! `emit` (IR → token streams) → `assemble` (tokens → the crate's files, formatted by
//! `format`, with the API listing of [`surface`]). [`stages`] runs them one at a time for
//! measuring, without making the tree or the IR part of the library's API.

#![warn(missing_docs)]

mod assemble;
mod emit;
pub mod error;
mod format;
mod ir;
mod load;
mod lower;
mod names;
mod parallel;
pub mod pointer;
mod reserved;
pub mod settings;
pub mod stages;
pub mod surface;

pub use error::Error;
pub use load::SpecFile;
pub use settings::Settings;

/// One file of the generated crate, by its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate root, `/`-separated (`src/types.rs`).
    pub path: String,
    /// The file's text, as it is written to disk.
    pub contents: String,
}

/// A generated crate: its files, its public API, and what the generator warns about.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    /// Every file of the crate, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// The crate's public API, read from its sources; `public-api.txt` among the files
    /// lists it.
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
/// document first (paths, components and tags unioned; a conflict between two files is
/// an error naming both); an error or a warning names the file it is about. The files may
/// come in any order.
pub fn generate_crate_from(
    files: &[SpecFile],
    settings: &Settings,
) -> Result<GeneratedCrate, Error> {
    generate_with(settings, || lower_files(files, settings))
}

/// The SDK crate, as [`generate_crate_from`] makes it, and the contract tests' files of
/// the same API (`tests/src/every_operation.rs`, a call of every operation through the
/// SDK, and `tests/src/every_schema.rs`, the round trip of every component schema's
/// type): files of the workspace, not of the SDK crate. The specs are read and lowered
/// once for both.
pub fn generate_crate_and_contract_calls_from(
    files: &[SpecFile],
    settings: &Settings,
) -> Result<(GeneratedCrate, Vec<GeneratedFile>), Error> {
    let mut calls = Ok(Vec::new());
    let generated = generate_with(settings, || {
        let api = lower_files(files, settings)?;
        calls = assemble::contract_calls(&api, settings);
        Ok(api)
    })?;
    Ok((generated, calls?))
}

/// Reads, merges and lowers the spec files; an error or a warning names the file it is
/// about.
fn lower_files(files: &[SpecFile], settings: &Settings) -> Result<ir::Api, Error> {
    let document = load::load_all(files)?;
    let mut api = lower::lower(&document, settings).map_err(|e| document.locate(e))?;
    for warning in &mut api.warnings {
        warning.file = document
            .origins
            .file_of(&warning.pointer)
            .map(str::to_string);
    }
    Ok(api)
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

/// The API read from several spec files and merged into one document (as
/// [`generate_crate_from`] reads it), written as compact JSON: for tools that take one
/// spec file, such as Prism.
pub fn merged_spec_json(files: &[SpecFile]) -> Result<String, Error> {
    load::load_all(files).map(|document| document.root.to_string())
}
