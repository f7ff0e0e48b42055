//! `cargo xtask test`: the project's one test command, contract tests included.
//!
//! 1. writes the spec normalised for Prism ([`xtask::normalize::for_prism`]) to
//!    `target/prism/spec.json`;
//! 2. installs the pinned Prism into `.prism/` when it is missing;
//! 3. builds every test (`cargo test --workspace --all-targets --no-run`), so that Prism
//!    does not sit idle through compilation, and meanwhile makes instances of the spec's
//!    parameters, bodies and schemas with the json-schema-faker Prism ships
//!    (`target/prism/instances.json`, [`xtask::INSTANCES_VAR`]);
//! 4. starts Prism on a free port of 127.0.0.1 (log: `target/prism/prism.log`);
//! 5. runs `cargo test --workspace --all-targets --no-fail-fast` with `PRISM_URL` and
//!    `PRISM_INSTANCES` set;
//! 6. stops Prism, whether the tests passed or not, runs `cargo test --workspace --doc`,
//!    and prints how long each step took.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use std::{env, fs};

use crate::prism::{self, Prism};
use xtask::{workspace_root, INSTANCES_VAR, PRISM_URL_VAR};

/// Runs the whole test suite against a fresh Prism.
///
/// `cargo_args` are appended to `cargo test --workspace --all-targets --no-fail-fast` (a
/// test-name filter, `--release`, ...; a `--no-fail-fast` of their own is dropped, as cargo
/// refuses it twice); when they choose packages or targets themselves (`-p`,
/// `--test prism_rejects`, `--lib`, ...) they replace `--workspace --all-targets`. `--doc`
/// is not among those: the suite runs the doc tests itself, after the others.
/// `harness_args` go to the test binaries after `--` (for example `--nocapture`); a `--`
/// inside `cargo_args` also starts them, so a command line parsed either way works.
///
/// Errors say what failed: the tests, their build, or normalising the spec for, installing
/// or starting Prism. Prism is stopped in every case.
pub fn run(cargo_args: &[String], harness_args: &[String]) -> Result<(), String> {
    let total = Instant::now();
    let root = workspace_root();
    let (cargo_args, early_harness_args) = split_harness_args(cargo_args);
    // Always passed below; cargo refuses the flag twice.
    let cargo_args: Vec<&String> = cargo_args
        .iter()
        .filter(|a| *a != "--no-fail-fast")
        .collect();
    let cargo_args = cargo_args.as_slice();
    if cargo_args.iter().any(|a| *a == "--doc") {
        return Err(
            "`--doc` is not needed: `cargo xtask test` runs the doc tests after the \
                    others (for the doc tests alone, `cargo test --workspace --doc`)"
                .to_owned(),
        );
    }
    let harness_args: Vec<&String> = early_harness_args.iter().chain(harness_args).collect();
    let selection: &[&str] = if chooses_targets(cargo_args) {
        &[]
    } else {
        &["--workspace", "--all-targets"]
    };

    let out_dir = target_dir(&root).join("prism");
    fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    // Prism serves the whole API: the project's spec files merged as the generator merges them.
    let spec_dir = root.join(xtask::SPEC_DIR);
    let spec = xtask::merged_spec(&xtask::project_specs())?;
    let normalised = xtask::normalize::for_prism(&spec)
        .map_err(|e| format!("cannot normalise {} for Prism: {e}", spec_dir.display()))?;
    let prism_spec = out_dir.join("spec.json");
    fs::write(&prism_spec, normalised)
        .map_err(|e| format!("cannot write {}: {e}", prism_spec.display()))?;

    let started = Instant::now();
    let (bin, installed) =
        prism::ensure_installed(&root).map_err(|e| format!("cannot install Prism: {e}"))?;
    let install_time = started.elapsed();
    if installed {
        println!(
            "prism: installed {} in {}",
            prism::VERSION,
            secs(install_time)
        );
    } else {
        println!(
            "prism: {} already installed in {}",
            prism::VERSION,
            prism::install_dir(&root).display()
        );
    }

    // The instances are made (node, a few seconds) while the tests build.
    let instances = out_dir.join("instances.json");
    let faker = {
        let (root, spec, out) = (root.clone(), prism_spec.clone(), instances.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            prism::fake_instances(&root, &spec, &out).map(|()| started.elapsed())
        })
    };

    let started = Instant::now();
    let build = cargo(&root)
        .arg("test")
        .args(selection)
        .arg("--no-run")
        .args(cargo_args)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let build_time = started.elapsed();
    let instances_time = faker
        .join()
        .map_err(|_| "the json-schema-faker thread panicked".to_owned())?
        .map_err(|e| format!("cannot make instances with json-schema-faker: {e}"))?;
    if !build.success() {
        return Err(format!("the tests did not build ({build})"));
    }

    let started = Instant::now();
    let log = out_dir.join("prism.log");
    let server = Prism::start(&bin, &prism_spec, &log)
        .map_err(|e| format!("cannot start Prism, so the contract tests cannot run: {e}"))?;
    let start_time = started.elapsed();
    let url = server.url();
    println!(
        "prism: serving {} at {url}, ready in {} (log: {})",
        prism_spec.display(),
        secs(start_time),
        log.display()
    );

    let started = Instant::now();
    let mut tests = cargo(&root);
    // Every test binary runs even when an earlier one fails: CI shows all failures at once.
    tests
        .arg("test")
        .args(selection)
        .arg("--no-fail-fast")
        .args(cargo_args)
        .env(PRISM_URL_VAR, &url)
        .env(INSTANCES_VAR, &instances);
    if !harness_args.is_empty() {
        tests.arg("--").args(harness_args);
    }
    let status = tests.status();
    let test_time = started.elapsed();

    // The doc tests do not use Prism.
    let started = Instant::now();
    drop(server);
    let stop_time = started.elapsed();

    // `--all-targets` leaves doc tests out (the README's example, the SDK's rustdoc).
    let started = Instant::now();
    let doc_status = if selection.is_empty() {
        None
    } else {
        Some(
            cargo(&root)
                // The runtime's examples name the generated crate (`__CRATE__`): they run
                // as the generated crate's doc tests, not the runtime's.
                .args(["test", "--workspace", "--doc", "--exclude", "sdk-runtime"])
                .args(cargo_args)
                .status(),
        )
    };
    let doc_time = started.elapsed();

    println!(
        "xtask test: prism install {}, instances {}, test build {}, prism start {}, tests {}, prism stop {}, doc tests {}; total {}",
        if installed { secs(install_time) } else { "skipped".to_owned() },
        secs(instances_time),
        secs(build_time),
        secs(start_time),
        secs(test_time),
        secs(stop_time),
        secs(doc_time),
        secs(total.elapsed()),
    );
    let status = status.map_err(|e| format!("cannot run cargo: {e}"))?;
    if let Some(doc_status) = doc_status {
        let doc_status = doc_status.map_err(|e| format!("cannot run cargo: {e}"))?;
        if !doc_status.success() {
            return Err(format!("the doc tests failed ({doc_status})"));
        }
    }
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the tests failed ({status}); Prism's log is {}",
            log.display()
        ))
    }
}

/// `CARGO_TARGET_DIR` when set, else `<root>/target`.
fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// The cargo that runs this xtask (`CARGO`), in the workspace root.
fn cargo(root: &Path) -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// Splits `a b -- c d` into (`a b`, `c d`).
fn split_harness_args(args: &[String]) -> (&[String], &[String]) {
    match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[]),
    }
}

/// Whether the cargo arguments pick packages or targets of their own.
fn chooses_targets(cargo_args: &[impl AsRef<str>]) -> bool {
    const SELECTORS: &[&str] = &[
        "-p",
        "--package",
        "--workspace",
        "--lib",
        "--bin",
        "--test",
        "--example",
        "--bench",
        "--all-targets",
    ];
    cargo_args
        .iter()
        .any(|a| SELECTORS.iter().any(|s| a.as_ref().starts_with(s)))
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harness_args_follow_the_double_dash() {
        let args: Vec<String> = ["-p", "x", "--", "--nocapture"].map(String::from).to_vec();
        let (cargo, harness) = split_harness_args(&args);
        assert_eq!(cargo, ["-p", "x"]);
        assert_eq!(harness, ["--nocapture"]);
        let (cargo, harness) = split_harness_args(&args[..2]);
        assert_eq!(cargo.len(), 2);
        assert!(harness.is_empty());
    }

    #[test]
    fn package_and_target_flags_replace_the_defaults() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(chooses_targets(&args(&["-p", "integration-tests"])));
        assert!(chooses_targets(&args(&["--test", "prism_rejects"])));
        assert!(chooses_targets(&args(&["--package=codegen"])));
        assert!(!chooses_targets(&args(&["prism", "--no-fail-fast"])));
        assert!(!chooses_targets(&args(&["--profile", "dev"])));
    }
}
