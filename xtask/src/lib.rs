//! The project's tasks as a library, so tests can run them too (the freshness test runs
//! the same check as `cargo xtask codegen --check`).

pub mod codegen;
pub mod normalize;

use std::path::{Path, PathBuf};

/// The project's spec, relative to the workspace root.
pub const SPEC: &str = "spec/hookdeck-connections-api-openapi.yml";

/// The environment variable through which `cargo xtask test` gives the tests Prism's
/// base URL.
pub const PRISM_URL_VAR: &str = "PRISM_URL";

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
        spec: root.join(SPEC),
        out: root.join("generated"),
        crate_name: "hookdeck-connections".to_string(),
        check,
        standalone: false,
    }
}
