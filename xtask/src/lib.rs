//! The project's tasks as a library, so tests can run them too (the freshness test runs
//! the same check as `cargo xtask codegen --check`).

pub mod codegen;
pub mod for_progenitor;
pub mod normalize;

use std::path::{Path, PathBuf};

/// The folder of the project's specs, relative to the workspace root: Hookdeck's API as
/// the files it publishes, read together as one API.
pub const SPEC_DIR: &str = "spec";

/// The Connections spec alone, relative to the workspace root (the seed of the project;
/// the Connections-only crate and some tests read it on its own).
pub const CONNECTIONS_SPEC: &str = "spec/hookdeck-connections-api-openapi.yml";

/// The Cargo package name of the checked-in crate (settings name it).
pub const CRATE_NAME: &str = ::codegen::settings::HOOKDECK_CRATE_NAME;

/// The spec files in `dir` (`.yml`, `.yaml`, `.json`), sorted by name.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "yml" || ext == "yaml" || ext == "json")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "no spec file (.yml, .yaml, .json) in {}",
            dir.display()
        ));
    }
    Ok(files)
}

/// The spec files read and merged into one document, as JSON text (what the generator
/// reads; Prism serves it too).
pub fn merged_spec(specs: &[PathBuf]) -> Result<String, String> {
    let files = codegen::read_specs(specs)?;
    ::codegen::merged_spec_json(&files).map_err(|e| e.to_string())
}

/// Spec paths as given on a command line: files as they are, each folder as the spec files
/// in it.
pub fn expand_specs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(spec_files(path)?);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// The project's spec files: every file in `spec/`.
pub fn project_specs() -> Vec<PathBuf> {
    let dir = workspace_root().join(SPEC_DIR);
    spec_files(&dir).unwrap_or_else(|_| vec![dir])
}

/// The environment variable through which `cargo xtask test` gives the tests Prism's
/// base URL.
pub const PRISM_URL_VAR: &str = "PRISM_URL";

/// The environment variable through which `cargo xtask test` gives the tests the file of
/// json-schema-faker instances of the spec's parameters, bodies and schemas
/// (`target/prism/instances.json`, made by `xtask/js/fake_instances.cjs`).
pub const INSTANCES_VAR: &str = "PRISM_INSTANCES";

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The options of the default `cargo xtask codegen`: the project's spec into `generated/`.
pub fn default_codegen(check: bool) -> codegen::Options {
    let root = workspace_root();
    codegen::Options {
        specs: project_specs(),
        out: root.join("generated"),
        crate_name: CRATE_NAME.to_string(),
        check,
        standalone: false,
        contract_calls: Some(root.clone()),
    }
}
