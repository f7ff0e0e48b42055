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
//!   and encode as their JSON says; unions told apart by an enum with several values per
//!   branch decode each payload into its own variant; properties whose wire name is not
//!   their Rust name round-trip under it; path, query, header and cookie parameters reach
//!   the wire as the spec places them).
//! - An untagged union whose branches cannot be told apart gives a located warning.
//! - What the generated client cannot send or receive (non-JSON bodies, parameters with no
//!   textual form) is refused with an error naming the operation and the node.

mod common;

use codegen::{generate, Error, GeneratedFile, Settings};
use common::{fixtures, read, SpecWorkspace};
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

/// Hand-written test files copied into generated crates: (crate, file in `fixtures/shapes/`).
const CHECKS: &[(&str, &str)] = &[
    ("shapes-schemas", "schemas_check.rs"),
    ("shapes-operations", "operations_check.rs"),
    ("shapes-unions", "unions_check.rs"),
    ("shapes-names", "names_check.rs"),
];

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

#[test]
fn every_spec_gives_a_crate_that_builds_clippy_clean_with_passing_doc_tests() {
    let started = Instant::now();
    let mut workspace = SpecWorkspace::new("spec-crates");
    let specs = buildable_specs();
    assert!(specs.len() >= 9, "fixtures missing: {specs:?}");

    for (name, path) in &specs {
        let mut settings = Settings::hookdeck(name);
        // A member of the workspace below, not a workspace of its own.
        settings.standalone = false;
        let files = generate(&read(path), &settings)
            .unwrap_or_else(|e| panic!("{} does not generate: {e}", path.display()));
        workspace.member(name, &files);
    }
    // Hand-written checks: the shapes decode as their JSON says, and parameters reach
    // the wire where the spec puts them.
    let checks: Vec<(String, &str)> = CHECKS.iter().map(|(k, c)| (k.to_string(), *c)).collect();
    for (krate, check) in CHECKS {
        workspace.member(
            krate,
            &[GeneratedFile {
                path: format!("tests/{check}"),
                contents: read(&fixtures().join("shapes").join(check)),
            }],
        );
    }
    eprintln!(
        "generated {} crates in {:.1} s",
        specs.len(),
        started.elapsed().as_secs_f64()
    );
    workspace.finish();

    workspace.cargo(
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
    workspace.cargo(&["test", "--workspace", "--doc", "--quiet"], &[]);
    let mut check_args = vec!["test", "--quiet"];
    for (krate, check) in &checks {
        check_args.extend(["-p", krate, "--test", check.trim_end_matches(".rs")]);
    }
    workspace.cargo(&check_args, &[]);
    workspace.cargo(
        &["doc", "--workspace", "--no-deps", "--quiet"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    eprintln!(
        "other specs: {} crates generated and checked in {:.1} s",
        specs.len(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn an_untagged_union_whose_branches_cannot_be_told_apart_is_warned_about() {
    let spec = read(&fixtures().join("shapes/unions.yaml"));
    let generated =
        codegen::generate_crate(&spec, &Settings::hookdeck("unions")).expect("generates");
    // `Integration` is tagged by `type` (two values a variant); `LooseIntegration`'s
    // branches do not require `type`, so a value without it is the first branch's.
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &generated.warnings[0];
    assert_eq!(warning.pointer, "/components/schemas/LooseIntegration");
    for word in ["`LooseZoom`", "`LooseCourier`", "tried first"] {
        assert!(warning.message.contains(word), "{word}: {warning}");
    }
    // The real spec's unions are all told apart.
    let real = codegen::generate_crate(&common::real_spec_text(), &Settings::hookdeck("hookdeck"))
        .expect("generates");
    assert!(real.warnings.is_empty(), "{:#?}", real.warnings);
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

#[test]
fn the_neutral_settings_generate_every_spec() {
    // Without Hookdeck's conventions the unions are plain, the operations keep their
    // names, and nothing fails: the settings only refine what the standard says.
    let mut specs = buildable_specs();
    specs.push((
        "connections".into(),
        common::workspace_root().join("spec/hookdeck-connections-api-openapi.yml"),
    ));
    for (name, path) in &specs {
        let files = generate(&read(path), &Settings::neutral(name))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(files.iter().any(|f| f.path == "src/types.rs"), "{name}");
    }
    let connections = &specs.last().expect("the real spec").1;
    let neutral = generate(&read(connections), &Settings::neutral("c")).expect("generates");
    let operations = |files: &[GeneratedFile]| {
        files
            .iter()
            .filter(|f| f.path.starts_with("src/operations/"))
            .map(|f| f.contents.clone())
            .collect::<String>()
    };
    let hookdeck = generate(&read(connections), &Settings::hookdeck("c")).expect("generates");
    // What Hookdeck's settings change shows in the output: method names, and the sibling
    // discriminators that type each source's config by its `type`.
    assert!(operations(&neutral).contains("pub fn get_connections("));
    assert!(operations(&hookdeck).contains("pub fn list_connections("));
}
