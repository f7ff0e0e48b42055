//! The generator on specs other than the one it was built on.
//!
//! - Every Hookdeck spec in `fixtures/hookdeck/` and every shape fixture in
//!   `fixtures/shapes/` generates a crate; all of them are compiled together in one
//!   temporary cargo workspace (`<target>/spec-crates/`) with the main target directory, so
//!   the dependencies the workspace has already built are reused. That workspace must pass
//!   `cargo clippy --all-targets -- -D warnings` (so the crates build warning-free),
//!   `cargo test --doc` (spec prose never becomes a failing doc test) and
//!   `cargo doc --no-deps` with `-D warnings` (the prose renders without rustdoc warnings),
//!   and the hand-written checks in `fixtures/shapes/*_check.rs` (the schema shapes decode
//!   and encode as their JSON says; path, query, header and cookie parameters reach the
//!   wire as the spec places them).
//! - What the generated client cannot send or receive (non-JSON bodies, parameters with no
//!   textual form) is refused with an error naming the operation and the node.

use codegen::{generate, Error, GeneratedFile, Settings};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Hand-written test files copied into generated crates: (crate, file in `fixtures/shapes/`).
const CHECKS: &[(&str, &str)] = &[
    ("shapes-schemas", "schemas_check.rs"),
    ("shapes-operations", "operations_check.rs"),
];

/// The spec workspace's member that only unifies dependency features with the main one.
const UNIFIER: &str = "unify-features";

/// Dependencies with the features the main workspace enables (for `codegen`) beyond the
/// generated crates' own.
const UNIFIED_FEATURES: &str = r#"indexmap = { version = "2", features = ["serde"] }"#;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen lives inside the workspace")
        .to_path_buf()
}

/// The main workspace's target directory, which the spec crates share.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        None => workspace_root().join("target"),
    }
}

/// (crate name, spec path) for every spec that must give a working crate.
fn buildable_specs() -> Vec<(String, PathBuf)> {
    let mut specs = Vec::new();
    for (dir, prefix) in [("hookdeck", ""), ("shapes", "shapes-")] {
        let mut paths: Vec<PathBuf> = fs::read_dir(fixtures().join(dir))
            .unwrap_or_else(|e| panic!("cannot list fixtures/{dir}: {e}"))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")))
            .collect();
        paths.sort();
        for path in paths {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 name");
            let name = format!("{prefix}{}", stem.trim_end_matches("-api-openapi"));
            specs.push((name, path));
        }
    }
    specs
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn write_crate(dir: &Path, files: &[GeneratedFile]) {
    for file in files {
        let path = dir.join(&file.path);
        fs::create_dir_all(path.parent().expect("files live in a folder")).expect("create dir");
        // Unchanged files keep their mtime, so cargo does not rebuild them on a re-run.
        if fs::read_to_string(&path).is_ok_and(|old| old == file.contents) {
            continue;
        }
        fs::write(&path, &file.contents).expect("write generated file");
    }
}

fn cargo(dir: &Path, args: &[&str], envs: &[(&str, &str)]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let started = Instant::now();
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        // The outer `cargo test` sets these for its own crate; the inner build must not see them.
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_PRIMARY_PACKAGE")
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS");
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{stderr}\n{stdout}",
        args.join(" "),
        dir.display()
    );
    eprintln!(
        "cargo {}: {:.1} s",
        args.join(" "),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn every_spec_gives_a_crate_that_builds_clippy_clean_with_passing_doc_tests() {
    let started = Instant::now();
    let root = target_dir().join("spec-crates");
    fs::create_dir_all(&root).expect("create the spec workspace");
    let specs = buildable_specs();
    assert!(specs.len() >= 9, "fixtures missing: {specs:?}");

    let mut members = Vec::new();
    for (name, path) in &specs {
        let mut settings = Settings::hookdeck(name);
        // A member of the workspace below, not a workspace of its own.
        settings.standalone = false;
        let files = generate(&read(path), &settings)
            .unwrap_or_else(|e| panic!("{} does not generate: {e}", path.display()));
        let dir = root.join(name);
        write_crate(&dir, &files);
        members.push(name.clone());
    }
    // Hand-written checks: the shapes decode as their JSON says, and parameters reach
    // the wire where the spec puts them.
    for (krate, check) in CHECKS {
        write_crate(
            &root.join(krate),
            &[GeneratedFile {
                path: format!("tests/{check}"),
                contents: read(&fixtures().join("shapes").join(check)),
            }],
        );
    }
    eprintln!(
        "generated {} crates in {:.1} s",
        members.len(),
        started.elapsed().as_secs_f64()
    );

    // A member that turns on the dependency features the main workspace turns on and the
    // generated crates do not, so that cargo builds the same dependency graph (one feature
    // more on `indexmap` changes the hash of everything above it, up to reqwest).
    write_crate(
        &root.join(UNIFIER),
        &[
            GeneratedFile {
                path: "Cargo.toml".into(),
                contents: format!(
                    "[package]\nname = \"{UNIFIER}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
                     publish = false\n\n[dependencies]\n{UNIFIED_FEATURES}\n"
                ),
            },
            GeneratedFile {
                path: "src/lib.rs".into(),
                contents: "//! Only here for its dependencies' features.\n".into(),
            },
        ],
    );
    members.push(UNIFIER.to_string());

    // The workspace's own profile, so that dependencies built by the main workspace are
    // reused, and its lock file, so that the same versions are.
    let main_manifest = read(&workspace_root().join("Cargo.toml"));
    let profiles = main_manifest
        .find("\n[profile.")
        .map(|at| &main_manifest[at..])
        .unwrap_or("");
    let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let manifest = format!(
        "# Written by codegen/tests/other_specs.rs: the crates generated from the fixture specs.\n\
         [workspace]\nresolver = \"2\"\nmembers = [{}]\n{profiles}",
        quoted.join(", ")
    );
    write_crate(
        &root,
        &[GeneratedFile {
            path: "Cargo.toml".into(),
            contents: manifest,
        }],
    );
    fs::copy(workspace_root().join("Cargo.lock"), root.join("Cargo.lock"))
        .expect("copy Cargo.lock");

    cargo(
        &root,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    cargo(&root, &["test", "--workspace", "--doc", "--quiet"], &[]);
    let mut check_args = vec!["test", "--quiet"];
    for (krate, check) in CHECKS {
        check_args.extend(["-p", krate, "--test", check.trim_end_matches(".rs")]);
    }
    cargo(&root, &check_args, &[]);
    cargo(
        &root,
        &["doc", "--workspace", "--no-deps", "--quiet"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    eprintln!(
        "other specs: {} crates generated and checked in {:.1} s",
        members.len(),
        started.elapsed().as_secs_f64()
    );
}

fn generate_fixture(name: &str) -> Result<Vec<GeneratedFile>, Error> {
    generate(
        &read(&fixtures().join("shapes/unsupported").join(name)),
        &Settings::hookdeck("unsupported"),
    )
}

fn assert_refused(fixture: &str, pointer: &str, words: &[&str]) {
    let error = match generate_fixture(fixture) {
        Ok(_) => panic!("{fixture} should be refused"),
        Err(e) => e,
    };
    assert_eq!(error.pointer, pointer, "{fixture}: {error}");
    for word in words {
        assert!(
            error.message.contains(word),
            "{fixture}: `{word}` missing from: {error}"
        );
    }
    eprintln!("{fixture}: {error}");
}

#[test]
fn header_and_cookie_parameters_that_cannot_be_sent_are_refused() {
    // Through a `$ref`, the error names the component's schema.
    assert_refused(
        "object_header_param.yaml",
        "/components/parameters/Trace/schema",
        &["header parameter `X-Trace`", "`listThings`"],
    );
    assert_refused(
        "bad_header_name.yaml",
        "/paths/~1things/get/parameters/0",
        &["header parameter `X Request Id`", "`listThings`"],
    );
    assert_refused(
        "object_cookie_param.yaml",
        "/paths/~1things/get/parameters/0/schema",
        &["cookie parameter `prefs`", "`listThings`"],
    );
}

#[test]
fn non_json_bodies_are_refused_naming_the_operation() {
    assert_refused(
        "form_body.yaml",
        "/paths/~1things/post/requestBody",
        &["`createThing`", "application/x-www-form-urlencoded"],
    );
    assert_refused(
        "multipart_body.yaml",
        "/components/requestBodies/Upload",
        &["`uploadThing`", "multipart/form-data"],
    );
    assert_refused(
        "text_response.yaml",
        "/paths/~1things~1{id}~1raw/get/responses/200",
        &["`getThingRaw`", "text/plain"],
    );
    assert_refused(
        "binary_response.yaml",
        "/components/responses/File",
        &["`downloadThing`", "application/octet-stream"],
    );
}

#[test]
fn parameters_a_request_cannot_carry_are_refused() {
    assert_refused(
        "object_path_param.yaml",
        "/paths/~1things~1{id}/get/parameters/0/schema",
        &["path parameter `id`", "`getThing`"],
    );
    assert_refused(
        "map_query_param.yaml",
        "/paths/~1things/get/parameters/0/schema",
        &["query parameter `filter`", "`listThings`"],
    );
}
