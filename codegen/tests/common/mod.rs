//! Helpers the generator's integration tests share: the project's spec and fixtures,
//! spec edits of the kind Hookdeck makes, and a cargo workspace in the target directory
//! for building generated crates.

// Each test binary uses only some of these.
#![allow(dead_code)]

use codegen::GeneratedFile;
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

pub fn real_spec_text() -> String {
    read(&workspace_root().join("spec/hookdeck-connections-api-openapi.yml"))
}

/// The spec workspace's member that only unifies dependency features with the main one.
const UNIFIER: &str = "unify-features";

/// Dependencies with the features the main workspace enables (for `codegen`) beyond the
/// generated crates' own.
const UNIFIED_FEATURES: &str = r#"indexmap = { version = "2", features = ["serde"] }"#;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen lives inside the workspace")
        .to_path_buf()
}

/// The main workspace's target directory, which the spec crates share.
pub fn target_dir() -> PathBuf {
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

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn write_crate(dir: &Path, files: &[GeneratedFile]) {
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

/// Inserts `value` under `key` right after `after` in a JSON object (order is kept).
pub fn insert_after(
    map: &mut serde_json::Map<String, Value>,
    after: &str,
    key: &str,
    value: Value,
) {
    let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    for (k, v) in entries {
        let found = k == after;
        map.insert(k, v);
        if found {
            map.insert(key.to_string(), value.clone());
        }
    }
    assert!(map.contains_key(key), "`{after}` not found");
}

/// Every array in the tree holding `needle`, with `new` inserted after it; returns how
/// many arrays changed.
pub fn insert_in_arrays(value: &mut Value, needle: &Value, new: &Value) -> usize {
    match value {
        Value::Array(items) => {
            let mut changed = 0;
            if let Some(at) = items.iter().position(|v| v == needle) {
                items.insert(at + 1, new.clone());
                changed += 1;
            }
            changed
                + items
                    .iter_mut()
                    .map(|v| insert_in_arrays(v, needle, new))
                    .sum::<usize>()
        }
        Value::Object(map) => map
            .values_mut()
            .map(|v| insert_in_arrays(v, needle, new))
            .sum(),
        _ => 0,
    }
}

/// The spec with a source type `ACME` added beside `STRIPE`, the way Hookdeck adds one.
pub fn with_acme(spec: &str) -> String {
    let mut tree: Value = serde_yaml::from_str(spec).expect("parses");
    let schemas = tree["components"]["schemas"]
        .as_object_mut()
        .expect("component schemas");

    let mut config = schemas["SourceTypeConfigSTRIPE"].clone();
    config["properties"]["auth"] = json!({"$ref": "#/components/schemas/SourceConfigAcmeAuth"});
    config["description"] = json!("The type config for ACME. Requires type to be `ACME`.");
    config["x-docs-type"] = json!("ACME");
    config["x-docs-external-url"] = json!("https://acme.example.com/webhooks");
    insert_after(
        schemas,
        "SourceTypeConfigSTRIPE",
        "SourceTypeConfigACME",
        config,
    );

    let mut auth = schemas["SourceConfigStripeAuth"].clone();
    auth["x-docs-type"] = json!("Acme");
    insert_after(
        schemas,
        "SourceConfigStripeAuth",
        "SourceConfigAcmeAuth",
        auth,
    );

    let mut webhook_auth = schemas["SourceConfigWebhookAuthStripe"].clone();
    webhook_auth["x-docs-type"] = json!("ACME");
    insert_after(
        schemas,
        "SourceConfigWebhookAuthStripe",
        "SourceConfigWebhookAuthAcme",
        webhook_auth,
    );

    // The value in every enum of source types.
    let enums = insert_in_arrays(&mut tree, &json!("STRIPE"), &json!("ACME"));
    assert!(enums >= 3, "source type enums found: {enums}");
    // The variants in the unions.
    let refs = [
        ("SourceTypeConfigSTRIPE", "SourceTypeConfigACME"),
        (
            "SourceConfigWebhookAuthStripe",
            "SourceConfigWebhookAuthAcme",
        ),
    ];
    for (old, new) in refs {
        let needle = json!({"$ref": format!("#/components/schemas/{old}")});
        let added = json!({"$ref": format!("#/components/schemas/{new}")});
        let unions = insert_in_arrays(&mut tree, &needle, &added);
        assert!(unions >= 1, "no union refers to {old}");
    }
    serde_yaml::to_string(&tree).expect("serialises")
}

/// A cargo workspace under the target directory whose members are generated crates (and
/// hand-written ones), built with the main workspace's target directory, profiles and lock
/// file, so that the dependencies the main workspace has built are reused.
pub struct SpecWorkspace {
    pub root: PathBuf,
    members: Vec<String>,
}

impl SpecWorkspace {
    pub fn new(name: &str) -> Self {
        let root = target_dir().join(name);
        fs::create_dir_all(&root).expect("create the spec workspace");
        SpecWorkspace {
            root,
            members: Vec::new(),
        }
    }

    /// Writes a member crate's files (unchanged files keep their mtime).
    pub fn member(&mut self, name: &str, files: &[GeneratedFile]) {
        write_crate(&self.root.join(name), files);
        if !self.members.iter().any(|m| m == name) {
            self.members.push(name.to_string());
        }
    }

    /// Writes the manifest, the lock file and the feature-unifying member.
    pub fn finish(&mut self) {
        // A member that turns on the dependency features the main workspace turns on and
        // the generated crates do not, so that cargo builds the same dependency graph (one
        // feature more on `indexmap` changes the hash of everything above it, up to reqwest).
        self.member(
            UNIFIER,
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
        let main_manifest = read(&workspace_root().join("Cargo.toml"));
        let profiles = main_manifest
            .find("\n[profile.")
            .map(|at| &main_manifest[at..])
            .unwrap_or("");
        let quoted: Vec<String> = self.members.iter().map(|m| format!("\"{m}\"")).collect();
        let manifest = format!(
            "# Written by a test of codegen/tests: crates generated from specs.\n\
             [workspace]\nresolver = \"2\"\nmembers = [{}]\n{profiles}",
            quoted.join(", ")
        );
        write_crate(
            &self.root,
            &[GeneratedFile {
                path: "Cargo.toml".into(),
                contents: manifest,
            }],
        );
        fs::copy(
            workspace_root().join("Cargo.lock"),
            self.root.join("Cargo.lock"),
        )
        .expect("copy Cargo.lock");
    }

    /// Runs cargo in the workspace and asserts it succeeds.
    pub fn cargo(&self, args: &[&str], envs: &[(&str, &str)]) {
        let output = self.try_cargo(args, envs);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "`cargo {}` failed in {}:\n{stderr}\n{stdout}",
            args.join(" "),
            self.root.display()
        );
    }

    /// Runs cargo in the workspace and returns what it did.
    pub fn try_cargo(&self, args: &[&str], envs: &[(&str, &str)]) -> Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let started = Instant::now();
        let mut command = Command::new(cargo);
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", target_dir())
            // The outer `cargo test` sets these for its own crate; the inner build must not
            // see them.
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
        eprintln!(
            "cargo {}: {:.1} s",
            args.join(" "),
            started.elapsed().as_secs_f64()
        );
        output
    }
}

/// A small deterministic generator (xorshift64*), so every failure can be replayed from
/// its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Every file of the project's `spec/`, as the generator reads them.
pub fn project_spec_files() -> Vec<codegen::SpecFile> {
    let dir = workspace_root().join("spec");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("spec/ is readable")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| codegen::SpecFile {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            text: read(&path),
        })
        .collect()
}
