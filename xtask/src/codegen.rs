//! `cargo xtask codegen`: write the generated crate, or check that it is up to date.

use codegen::surface::changelog::Changelog;
use codegen::surface::Surface;
use codegen::{GeneratedCrate, GeneratedFile, Settings};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

pub struct Options {
    /// The spec files, read together as one API.
    pub specs: Vec<PathBuf>,
    pub out: PathBuf,
    pub crate_name: String,
    pub check: bool,
    /// The output is not the workspace's own member crate.
    pub standalone: bool,
    /// Also writes (or checks) the contract tests' generated files for this API into this
    /// workspace root (`tests/src/every_operation.rs`, `every_schema.rs`); for the
    /// workspace's own crate.
    pub contract_calls: Option<PathBuf>,
}

/// Runs the generator. When the crate changes (or, with `check`, would change), prints
/// what that does to its public API and the version bump it calls for.
pub fn run(options: &Options) -> Result<(), String> {
    let settings = settings(options);
    let specs = read_specs(&options.specs)?;
    // The contract tests' files come from the same reading of the specs as the crate.
    let (generated, calls) = match &options.contract_calls {
        Some(_) => codegen::generate_crate_and_contract_calls_from(&specs, &settings),
        None => codegen::generate_crate_from(&specs, &settings).map(|crate_| (crate_, Vec::new())),
    }
    .map_err(|e| e.to_string())?;
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    let files = &generated.files;
    let changed = files.iter().any(|f| {
        fs::read_to_string(options.out.join(&f.path)).map_or(true, |old| old != f.contents)
    });
    let changelog = if changed {
        Some(changelog_since(&options.out, &generated.surface)?)
    } else {
        None
    };
    let report = changelog.map(|c| c.markdown(&settings.crate_version));
    // The contract tests' files, beside the crate: written, or their staleness listed.
    let mut stale_calls = Vec::new();
    if let Some(root) = &options.contract_calls {
        for file in &calls {
            if options.check {
                stale_calls.extend(check_one(root, file).err());
            } else {
                write_one(root, file)?;
            }
        }
    }
    if options.check {
        // Beside the stale files, what regenerating would do to the API.
        let crate_check = check(&options.out, files).map_err(|stale| match &report {
            Some(report) => format!("{stale}\n\nRegenerating would change the API:\n\n{report}"),
            None => stale,
        });
        match (crate_check, stale_calls.is_empty()) {
            (result, true) => result,
            (Ok(()), false) => Err(stale_calls.join("\n")),
            (Err(stale), false) => Err(format!("{stale}\n\n{}", stale_calls.join("\n"))),
        }
    } else {
        write(&options.out, files)?;
        if let Some(report) = report {
            println!("\n{report}");
        }
        Ok(())
    }
}

/// The checked-in crate's hand-written examples that need a feature of the crate.
const EXAMPLES_WITH_FEATURES: &[(&str, &str)] =
    &[("testing", "test-util"), ("webhook_server", "webhooks")];

fn settings(options: &Options) -> Settings {
    let mut settings = Settings::hookdeck(&options.crate_name);
    settings.standalone = options.standalone;
    // Only those present in the output directory: cargo refuses an entry without a file.
    for (name, feature) in EXAMPLES_WITH_FEATURES {
        if options.out.join(format!("examples/{name}.rs")).is_file() {
            settings
                .examples_with_features
                .push((name.to_string(), vec![feature.to_string()]));
        }
    }
    settings
}

/// Generates the crate from spec files; a folder stands for the spec files in it.
pub fn generate(specs: &[PathBuf], settings: &Settings) -> Result<GeneratedCrate, String> {
    codegen::generate_crate_from(&read_specs(specs)?, settings).map_err(|e| e.to_string())
}

/// The spec files' text; a folder stands for the spec files in it.
pub fn read_specs(specs: &[PathBuf]) -> Result<Vec<codegen::SpecFile>, String> {
    let mut files = Vec::new();
    for spec in specs {
        let paths = if spec.is_dir() {
            crate::spec_files(spec)?
        } else {
            vec![spec.clone()]
        };
        for path in paths {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.push(codegen::SpecFile {
                name: path.display().to_string(),
                text,
            });
        }
    }
    Ok(files)
}

/// Fails, naming the file, when one generated file under `root` is stale or missing.
fn check_one(root: &Path, file: &GeneratedFile) -> Result<(), String> {
    match fs::read_to_string(root.join(&file.path)) {
        Ok(current) if current == file.contents => Ok(()),
        Ok(_) => Err(format!("stale:   {}; run `cargo xtask codegen`", file.path)),
        Err(_) => Err(format!("missing: {}; run `cargo xtask codegen`", file.path)),
    }
}

/// Writes one generated file under `root`, unless it is up to date.
fn write_one(root: &Path, file: &GeneratedFile) -> Result<(), String> {
    let path = root.join(&file.path);
    if fs::read_to_string(&path).is_ok_and(|current| current == file.contents) {
        return Ok(());
    }
    fs::write(&path, &file.contents)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("rewrote {}", file.path);
    Ok(())
}

/// The changes from the crate now in `out` (its Rust sources, read back) to `new`.
fn changelog_since(out: &Path, new: &Surface) -> Result<Changelog, String> {
    let mut old_files = Vec::new();
    for path in existing_files(out) {
        if path.starts_with("src/") && path.ends_with(".rs") {
            let contents = fs::read_to_string(out.join(&path))
                .map_err(|e| format!("cannot read {}: {e}", out.join(&path).display()))?;
            old_files.push(GeneratedFile { path, contents });
        }
    }
    let old = Surface::of_files(&old_files)
        .map_err(|e| format!("cannot read the public API of {}: {e}", out.display()))?;
    Ok(Changelog::between(&old, new))
}

/// `cargo xtask api-diff OLD NEW`: what generating from `new` instead of `old` does to the
/// crate's public API, as Markdown. Returns whether any change is breaking.
pub fn api_diff(old: &Path, new: &Path, crate_name: &str) -> Result<bool, String> {
    let settings = Settings::hookdeck(crate_name);
    let before = generate(&[old.to_path_buf()], &settings)?;
    let after = generate(&[new.to_path_buf()], &settings)?;
    let changelog = Changelog::between(&before.surface, &after.surface);
    print!("{}", changelog.markdown(&settings.crate_version));
    Ok(changelog.has_breaking())
}

/// Files under `dir` that the generator owns: everything but build output.
fn existing_files(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "target" {
                    stack.push(path);
                }
            } else if name != "Cargo.lock" {
                if let Ok(relative) = path.strip_prefix(dir) {
                    found.insert(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found
}

/// Hand-kept files inside the generated crate that the generator leaves alone: tests,
/// examples and benches written against the SDK.
fn is_hand_kept(path: &str) -> bool {
    ["examples/", "tests/", "benches/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

fn check(out: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    let mut stale = Vec::new();
    for file in files {
        match fs::read_to_string(out.join(&file.path)) {
            Ok(current) if current == file.contents => {}
            Ok(_) => stale.push(format!("stale:   {}", file.path)),
            Err(_) => stale.push(format!("missing: {}", file.path)),
        }
    }
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for extra in existing_files(out) {
        if !wanted.contains(extra.as_str()) && !is_hand_kept(&extra) {
            stale.push(format!("extra:   {extra}"));
        }
    }
    if stale.is_empty() {
        println!("{} is up to date ({} files)", out.display(), files.len());
        Ok(())
    } else {
        Err(format!(
            "{} differs from what the spec generates; run `cargo xtask codegen`:\n  {}",
            out.display(),
            stale.join("\n  ")
        ))
    }
}

fn write(out: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for extra in existing_files(out) {
        if !wanted.contains(extra.as_str()) && !is_hand_kept(&extra) {
            let path = out.join(&extra);
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            println!("removed {extra}");
        }
    }
    let mut written = 0;
    for file in files {
        let path = out.join(&file.path);
        if fs::read_to_string(&path).is_ok_and(|current| current == file.contents) {
            continue; // untouched files keep their mtime, so cargo does not rebuild
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, &file.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written += 1;
    }
    println!(
        "{}: {} files, {} rewritten",
        out.display(),
        files.len(),
        written
    );
    Ok(())
}
