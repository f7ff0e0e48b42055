//! The generated crate's `rust-version` is one its locked dependency tree supports: no
//! dependency, with every feature of the crate on, declares a newer one. (This machine has
//! one toolchain, so the check reads `cargo metadata` instead of building with an old Rust.)

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// `1.88` is `1.88.0`: missing parts count as zero, so the two compare equal.
fn version(text: &str) -> [u64; 3] {
    let mut parts = text.split('.').map(|p| p.parse().unwrap_or(0));
    [(); 3].map(|()| parts.next().unwrap_or(0))
}

#[test]
fn versions_compare_as_cargo_reads_them() {
    assert!(version("1.88") >= version("1.88.0"));
    assert_eq!(version("1.88"), version("1.88.0"));
    assert!(version("1.88") < version("1.88.1"));
    assert!(version("1.9") < version("1.10"));
    assert!(version("2") > version("1.95.3"));
}

#[test]
fn the_declared_rust_version_covers_the_locked_dependency_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("id"), p))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve")
        .iter()
        .map(|n| (n["id"].as_str().expect("id"), n))
        .collect();
    let sdk = packages
        .values()
        .find(|p| p["name"] == "hookdeck")
        .expect("the generated crate is a workspace member");
    let declared = sdk["rust_version"]
        .as_str()
        .expect("rust-version is declared");

    // Everything the SDK needs to build (normal and build dependencies, not dev ones).
    let mut seen = BTreeSet::new();
    let mut stack = vec![sdk["id"].as_str().expect("id")];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().expect("deps") {
            let needed = dep["dep_kinds"]
                .as_array()
                .expect("kinds")
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if needed {
                stack.push(dep["pkg"].as_str().expect("pkg"));
            }
        }
    }
    let (needs, by) = seen
        .iter()
        .filter_map(|id| {
            let package = packages[id];
            package["rust_version"]
                .as_str()
                .map(|v| (version(v), package["name"].as_str().unwrap_or("?")))
        })
        .max()
        .expect("some dependency declares a rust-version");
    eprintln!(
        "{} packages; the newest rust-version needed is {needs:?} ({by}); declared {declared}",
        seen.len()
    );
    assert!(
        version(declared) >= needs,
        "rust-version = {declared}, but {by} needs {needs:?}: raise `package.rust_version` in \
         codegen/src/settings.rs"
    );
}

/// Clippy holds the SDK's own code to its declared `rust-version`: a copy of the crate
/// with one call stabilised later (`Duration::from_mins`, Rust 1.91) draws
/// `incompatible_msrv`, so CI's `cargo clippy -D warnings` refuses such code.
#[test]
fn clippy_holds_the_sdk_to_its_declared_rust_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("msrv-probe");
    let _ = std::fs::remove_dir_all(&copy);
    for file in ["Cargo.toml", "README.md", "src"] {
        copy_tree(&root.join("generated").join(file), &copy.join(file));
    }
    std::fs::copy(root.join("Cargo.lock"), copy.join("Cargo.lock")).expect("copy the lock file");
    let manifest = std::fs::read_to_string(copy.join("Cargo.toml")).expect("manifest");
    // A workspace of its own, not a member of the project's.
    std::fs::write(
        copy.join("Cargo.toml"),
        format!("{manifest}\n[workspace]\n"),
    )
    .expect("write the manifest");
    let lib = std::fs::read_to_string(copy.join("src/lib.rs")).expect("lib.rs");
    let probe = "\n/// Uses an API stabilised in Rust 1.91.\n\
                 pub fn msrv_probe() -> std::time::Duration {\n    \
                 std::time::Duration::from_mins(1)\n}\n";
    std::fs::write(copy.join("src/lib.rs"), format!("{lib}{probe}")).expect("write lib.rs");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["clippy", "--quiet", "--offline"])
        .current_dir(&copy)
        // Kept between runs, so the dependencies are linted once.
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("msrv-probe-target"),
        )
        .output()
        .expect("cargo clippy runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let declared = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("rust-version is declared")
        .trim_matches('"');
    assert!(
        stderr.contains("incompatible_msrv") && stderr.contains(&format!("`{declared}")),
        "clippy did not hold the probe to rust-version {declared}:\n{stderr}"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("create a folder");
        for entry in std::fs::read_dir(from).expect("list a folder") {
            let entry = entry.expect("directory entry");
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("create a folder");
        std::fs::copy(from, to).expect("copy a file");
    }
}
