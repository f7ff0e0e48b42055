//! `cargo xtask codegen` on several spec files, as a user runs it: two files that disagree
//! stop it with both files and pointers named, and nothing is written.

use std::path::Path;
use std::process::Command;

#[test]
fn conflicting_spec_files_exit_non_zero_naming_both_and_write_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let seed = root.join(xtask::CONNECTIONS_SPEC);
    let text = std::fs::read_to_string(&seed).expect("the Connections spec");
    let mut tree: serde_json::Value = serde_yaml::from_str(&text).expect("parses");
    // The same API again, with one component said differently (and no paths, so that the
    // component is the only conflict).
    tree["paths"] = serde_json::json!({});
    tree["components"]["schemas"]["Connection"]["properties"]["name"]["maxLength"] =
        serde_json::json!(3);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("many-specs");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let other = dir.join("other.json");
    std::fs::write(&other, tree.to_string()).expect("write the other spec");
    let out = dir.join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(&seed)
        .arg(&other)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("the xtask binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    // Which file is named first follows their names; both are named, with the pointer.
    assert!(stderr.contains("other.json"), "{stderr}");
    assert!(
        stderr.contains("hookdeck-connections-api-openapi.yml"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("/components/schemas/Connection").count(),
        2,
        "{stderr}"
    );
    assert!(
        !out.exists(),
        "nothing may be written when the files conflict"
    );
}
