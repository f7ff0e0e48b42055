//! Stability of the output.
//!
//! - The same spec gives the same bytes, every time (and, since nothing in the output
//!   depends on hash order, in every process and on every machine).
//! - Adding a source type to the spec, as Hookdeck does most weeks (its config variant and
//!   auth variant, its value in every source `type` enum, its place in the `SourceConfig`
//!   and `SourceTypeConfig` unions), only adds lines to the generated crate: a line diff
//!   (Myers) of every file finds no line removed or changed. The added lines are printed.

mod common;

use codegen::{generate, GeneratedFile, Settings};
use common::{real_spec_text, with_acme};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Instant;

fn generate_files(spec: &str) -> BTreeMap<String, String> {
    generate(spec, &Settings::hookdeck("hookdeck"))
        .expect("the spec generates")
        .into_iter()
        .map(|GeneratedFile { path, contents }| (path, contents))
        .collect()
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let spec = real_spec_text();
    let first = generate_files(&spec);
    let second = generate_files(&spec);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, contents) in &first {
        assert!(contents == &second[path], "{path} differs between two runs");
    }
    // The same document as JSON (another parser path, the same tree) gives the same crate.
    let tree: Value = serde_yaml::from_str(&spec).expect("parses");
    let third = generate_files(&serde_json::to_string_pretty(&tree).expect("serialises"));
    assert!(
        first == third,
        "the JSON form of the spec generates something else"
    );
}

// ---------------------------------------------------------------------------------------
// Adding a source type

/// One step of a line diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Keep,
    Remove,
    Add,
}

/// Myers' O((N+M)·D) shortest edit script between two line lists.
fn diff(old: &[&str], new: &[&str]) -> Vec<Edit> {
    let (n, m) = (old.len() as isize, new.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let at = |k: isize| (k + offset) as usize;
    // `v[k]`: the furthest x reached on diagonal k; `trace[d]`: `v` before step d.
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let goes_down =
        |v: &[isize], k: isize, d: isize| k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]);
    'search: for d in 0..=max as isize {
        trace.push(v.clone());
        for k in (-d..=d).step_by(2) {
            let mut x = if goes_down(&v, k, d) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && old[x as usize] == new[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                break 'search;
            }
        }
    }
    let mut edits = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let prev_k = if goes_down(v, k, d) { k + 1 } else { k - 1 };
        let prev_x = v[at(prev_k)];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            edits.push(Edit::Keep);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            edits.push(if x == prev_x { Edit::Add } else { Edit::Remove });
        }
        x = prev_x;
        y = prev_y;
    }
    edits.reverse();
    edits
}

#[test]
fn the_diff_is_a_shortest_edit_script() {
    let a = ["a", "b", "c", "a", "b", "b", "a"];
    let b = ["c", "b", "a", "b", "a", "c"];
    let edits = diff(&a, &b);
    let changes = edits.iter().filter(|e| **e != Edit::Keep).count();
    assert_eq!(changes, 5, "{edits:?}");
    assert_eq!(edits.iter().filter(|e| **e != Edit::Add).count(), a.len());
    assert_eq!(
        edits.iter().filter(|e| **e != Edit::Remove).count(),
        b.len()
    );
    assert_eq!(
        diff(&["x", "y"], &["x", "new", "y"]),
        vec![Edit::Keep, Edit::Add, Edit::Keep]
    );
    assert_eq!(diff(&[], &["a"]), vec![Edit::Add]);
    assert_eq!(diff(&["a"], &[]), vec![Edit::Remove]);
    assert_eq!(diff(&[], &[]), vec![]);
}

#[test]
fn adding_a_source_type_only_adds_lines() {
    let started = Instant::now();
    let spec = real_spec_text();
    let before = generate_files(&spec);
    let after = generate_files(&with_acme(&spec));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let mut removed = Vec::new();
    let mut total_added = 0;
    for (path, old) in &before {
        let new = &after[path];
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        let edits = diff(&old_lines, &new_lines);
        let (mut i, mut j) = (0, 0);
        let mut hunks: Vec<(usize, Vec<&str>)> = Vec::new();
        for edit in edits {
            match edit {
                Edit::Keep => {
                    i += 1;
                    j += 1;
                }
                Edit::Remove => {
                    removed.push(format!("{path}:{}: -{}", i + 1, old_lines[i]));
                    i += 1;
                }
                Edit::Add => {
                    match hunks.last_mut() {
                        Some((start, lines)) if *start + lines.len() == j => {
                            lines.push(new_lines[j])
                        }
                        _ => hunks.push((j, vec![new_lines[j]])),
                    }
                    j += 1;
                }
            }
        }
        let added: usize = hunks.iter().map(|(_, lines)| lines.len()).sum();
        total_added += added;
        if added > 0 {
            eprintln!("{path}: +{added} lines in {} places", hunks.len());
            for (start, lines) in &hunks {
                let first = lines.iter().find(|l| !l.trim().is_empty()).unwrap_or(&"");
                eprintln!(
                    "  at line {:>6}: +{:<4} {}",
                    start + 1,
                    lines.len(),
                    first.trim().chars().take(100).collect::<String>()
                );
            }
        }
    }
    eprintln!(
        "+{total_added} lines, -{} lines ({:.1} s)",
        removed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        removed.is_empty(),
        "adding a source type removed or changed {} lines:\n{}",
        removed.len(),
        removed
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(total_added > 0, "ACME added nothing");
    let types = &after["src/types.rs"];
    for needle in ["SourceTypeConfigAcme", "SourceConfigAcmeAuth", "\"ACME\""] {
        assert!(
            types.contains(needle),
            "`{needle}` is not in the new types.rs"
        );
    }
}

/// The lines `diff` adds and removes, as (added, removed) counts per file.
fn line_changes(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> BTreeMap<String, (usize, usize)> {
    let mut changes = BTreeMap::new();
    for (path, old) in before {
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = after[path].lines().collect();
        let edits = diff(&old_lines, &new_lines);
        let added = edits.iter().filter(|e| **e == Edit::Add).count();
        let removed = edits.iter().filter(|e| **e == Edit::Remove).count();
        if added + removed > 0 {
            changes.insert(path.clone(), (added, removed));
        }
    }
    changes
}

#[test]
fn one_optional_property_adds_a_handful_of_lines_and_changes_nothing_else() {
    let spec = real_spec_text();
    let mut tree: Value = serde_yaml::from_str(&spec).expect("parses");
    tree["components"]["schemas"]["Connection"]["properties"]["owner_email"] =
        serde_json::json!({"type": "string", "description": "Who to ask."});
    let before = generate_files(&spec);
    let after = generate_files(&tree.to_string());
    let changes = line_changes(&before, &after);
    eprintln!("{changes:?}");
    let files: Vec<&str> = changes.keys().map(String::as_str).collect();
    assert_eq!(files, ["public-api.txt", "src/types.rs"], "{changes:?}");
    // The field and its setter in the listing; in types.rs the field, its setter, and one
    // line each in the struct's serde impls.
    assert_eq!(changes["public-api.txt"], (2, 0));
    let (added, removed) = changes["src/types.rs"];
    assert_eq!(removed, 0, "{changes:?}");
    assert!(
        added <= 16,
        "one optional property added {added} lines to types.rs"
    );
    // And nothing moved: every added line is inside `Connection`'s items.
    let types = &after["src/types.rs"];
    let start = types.find("pub struct Connection {").expect("Connection");
    let end = types[start..]
        .find("pub struct ConnectionPaginatedResult")
        .expect("the next type")
        + start;
    let inside = types[start..end].matches("owner_email").count();
    assert_eq!(inside, types.matches("owner_email").count());
}

/// The type names in a generated types.rs.
fn type_names(spec: &str) -> Vec<String> {
    let files = generate_files(spec);
    files["src/types.rs"]
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub struct ")
                .or_else(|| l.strip_prefix("pub enum "))
                .and_then(|rest| rest.split([' ', '<', '{']).next())
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn a_shared_inline_schema_and_its_children_keep_their_names_when_another_use_appears() {
    let spec = |components: &[&str]| {
        let mut text = String::from(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
        );
        for name in components {
            text.push_str(&format!(
                "    {name}:\n      type: object\n      properties:\n        config:\n          type: object\n          properties:\n            mode: {{type: string, enum: [fast, slow]}}\n"
            ));
        }
        text
    };
    let before = type_names(&spec(&["Bravo", "Charlie"]));
    // A new use that sorts first must not rename the shared parent or its child.
    let after = type_names(&spec(&["Alpha", "Bravo", "Charlie"]));
    for name in &before {
        assert!(
            after.contains(name),
            "`{name}` was renamed: {before:?} → {after:?}"
        );
    }
    assert!(before.contains(&"Config".to_string()), "{before:?}");
    assert!(before.contains(&"ConfigMode".to_string()), "{before:?}");
}

/// The licence files are the licence texts word for word, with no generated-file line.
#[test]
fn the_licence_files_are_the_licence_texts() {
    let files = codegen::generate(
        &common::real_spec_text(),
        &codegen::Settings::hookdeck("hookdeck"),
    )
    .expect("generates");
    for name in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let file = files
            .iter()
            .find(|f| f.path == name)
            .unwrap_or_else(|| panic!("{name} is generated"));
        let template = common::read(
            &common::workspace_root()
                .join("codegen/templates")
                .join(name),
        );
        assert!(
            file.contents == template,
            "{name} is not the licence text as it is"
        );
    }
}

/// Every model's serde code is one `model_serde!` call, those with a constant tag or a
/// sibling-discriminated pair included: no struct has serde impls written out.
#[test]
fn every_model_is_a_model_serde_call() {
    let files = generate(&real_spec_text(), &Settings::hookdeck("hookdeck")).expect("generates");
    let types = files
        .iter()
        .find(|f| f.path == "src/types.rs")
        .expect("types.rs");
    let file = syn::parse_file(&types.contents).expect("parses");
    let mut structs = Vec::new();
    let mut calls = std::collections::BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => structs.push(s.ident.to_string()),
            syn::Item::Macro(m) => {
                if let Some(name) = m.mac.tokens.clone().into_iter().next() {
                    calls.insert(name.to_string());
                }
            }
            syn::Item::Impl(block) => {
                let trait_name = block
                    .trait_
                    .as_ref()
                    .map(|(path, _)| quote::ToTokens::to_token_stream(path).to_string());
                let self_ty = quote::ToTokens::to_token_stream(&block.self_ty).to_string();
                let is_struct = structs.contains(&self_ty);
                assert!(
                    !(is_struct && trait_name.is_some_and(|t| t.contains("Serialize"))),
                    "`{self_ty}` has its serde code written out"
                );
            }
            _ => {}
        }
    }
    let missing: Vec<&String> = structs.iter().filter(|s| !calls.contains(*s)).collect();
    assert!(
        missing.is_empty(),
        "structs without a model_serde! call: {missing:?}"
    );
    assert!(structs.len() > 300, "{} structs", structs.len());
}
