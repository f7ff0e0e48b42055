//! The `xtask` binary as a user runs it.

use std::path::Path;
use std::process::Command;

#[test]
fn codegen_on_a_bad_spec_exits_non_zero_with_the_pointer_and_writes_nothing() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codegen/tests/fixtures/bad/dangling_ref.yaml");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-input-out");
    // A folder left by an earlier run must not decide the last assertion.
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("the xtask binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "exit code 0; stderr: {stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/components/schemas/Event/properties/source")
            && stderr.contains("points to nothing"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing may be written for a bad spec");
}

/// The real spec with `edit` applied, written as JSON into the test's temporary folder.
fn edited_spec(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join(xtask::CONNECTIONS_SPEC)).expect("the spec");
    let mut tree: serde_json::Value = serde_yaml::from_str(&text).expect("parses");
    edit(&mut tree);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, tree.to_string()).expect("write the spec");
    path
}

fn api_diff(old: &Path, new: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("api-diff")
        .args([old, new])
        .output()
        .expect("the xtask binary runs")
}

#[test]
fn api_diff_reports_in_markdown_and_exits_2_only_on_breaking_changes() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../")
        .join(xtask::CONNECTIONS_SPEC);
    let additive = edited_spec("additive.json", |t| {
        t["components"]["schemas"]["Connection"]["properties"]["owner_email"] =
            serde_json::json!({"type": "string"});
    });
    let output = api_diff(&spec, &additive);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("### Additive (2)"), "{stdout}");
    assert!(
        stdout.contains("`types::Connection::owner_email`"),
        "{stdout}"
    );
    assert!(stdout.contains("0.3.0 → 0.3.1"), "{stdout}");

    let breaking = edited_spec("breaking.json", |t| {
        let properties = t["components"]["schemas"]["Connection"]["properties"]
            .as_object_mut()
            .expect("properties");
        properties.remove("full_name");
    });
    let output = api_diff(&spec, &breaking);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("### Breaking"), "{stdout}");
    assert!(
        stdout.contains("removed field `types::Connection::full_name`"),
        "{stdout}"
    );
    assert!(stdout.contains("0.3.0 → 0.4.0"), "{stdout}");

    // `codegen --check` against a crate the breaking spec would change says the same. It
    // runs on a copy of `generated/`: a `--check` that wrote would spoil the copy only,
    // and the copy must come out as it went in.
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-copy");
    let _ = std::fs::remove_dir_all(&copy);
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    copy_dir(&original, &copy);
    let before = files_under(&copy);
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check", "--spec"])
        .arg(&breaking)
        .arg("--out")
        .arg(&copy)
        .output()
        .expect("the xtask binary runs");
    assert_eq!(
        files_under(&copy),
        before,
        "`codegen --check` changed the crate"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("stale:   src/types.rs"), "{stderr}");
    assert!(
        stderr.contains("removed field `types::Connection::full_name`"),
        "{stderr}"
    );
}

/// Copies a crate's files (not its build output) from `from` into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("list the crate") {
        let entry = entry.expect("directory entry");
        let path = entry.path();
        if entry.file_name() == "target" {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy a file");
        }
    }
}

/// Every file under `dir` with its contents, by path.
fn files_under(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("list a folder") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let contents = std::fs::read(&path).expect("read a file");
                files.insert(path, contents);
            }
        }
    }
    files
}
