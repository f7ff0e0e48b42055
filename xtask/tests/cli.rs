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
