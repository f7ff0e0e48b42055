//! The generated crate depends on what the spec says, not on how it is laid out.
//!
//! The real spec and every fixture spec are shuffled and written out anew, with several
//! seeds: every mapping whose order carries no meaning (components, paths, methods,
//! responses, keywords) in a random order, strings in random quoting styles, long ones
//! folded over several lines, mappings and sequences in flow or block style, and repeated
//! subtrees as anchors and aliases. Each re-laid-out text must parse to the same document
//! (a check of the writer below) and generate byte-identical files.

mod common;

use codegen::{generate, GeneratedFile, Settings};
use common::{fixtures, read, real_spec_text, Rng};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;

/// Maps keyed by names rather than keywords; below `properties` the order is the field
/// order and is kept (the rule `load::canonical` documents, restated independently).
const NAMED: &[&str] = &[
    "properties",
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "paths",
    "content",
    "mapping",
];

/// The tree with every order that carries no meaning shuffled.
fn shuffled(value: &Value, rng: &mut Rng, keep_order: bool, named: bool) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if !keep_order {
                rng.shuffle(&mut entries);
            }
            let mut out = Map::new();
            for (key, child) in entries {
                let child = if named {
                    // A child of a named map is a keyword node, whatever its name.
                    shuffled(child, rng, false, false)
                } else if NAMED.contains(&key.as_str()) && child.is_object() {
                    shuffled(child, rng, key == "properties", true)
                } else {
                    shuffled(child, rng, false, false)
                };
                out.insert(key.clone(), child);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| shuffled(item, rng, false, false))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Writes a YAML document in randomly chosen styles.
struct Writer<'a> {
    rng: &'a mut Rng,
    out: String,
    /// Subtrees already written with an anchor: their JSON text → anchor name.
    anchors: HashMap<String, String>,
}

impl Writer<'_> {
    /// A value after `key:` or `-` on the current line (block context, at `indent`).
    fn value(&mut self, value: &Value, indent: usize) {
        let big = matches!(value, Value::Object(m) if m.len() >= 2)
            || matches!(value, Value::Array(a) if a.len() >= 2);
        if big {
            let text = value.to_string();
            if let Some(anchor) = self.anchors.get(&text) {
                let _ = write!(self.out, " *{anchor}");
                self.out.push('\n');
                return;
            }
            if self.rng.chance(30) {
                let anchor = format!("a{}", self.anchors.len());
                let _ = write!(self.out, " &{anchor}");
                self.anchors.insert(text, anchor);
            }
        }
        match value {
            Value::Object(map) if !map.is_empty() && !self.rng.chance(15) => {
                self.out.push('\n');
                self.block_map(map, indent + 2);
            }
            Value::Array(items) if !items.is_empty() && !self.rng.chance(15) => {
                self.out.push('\n');
                self.block_seq(items, indent + 2);
            }
            Value::Object(_) | Value::Array(_) => {
                // Flow style: JSON is YAML (once YAML's own line breaks are escaped).
                let _ = write!(self.out, " {}", yaml_escapes(&value.to_string()));
                self.out.push('\n');
            }
            Value::String(s) => {
                self.out.push(' ');
                self.string(s, indent + 2);
                self.out.push('\n');
            }
            scalar => {
                let _ = write!(self.out, " {scalar}");
                self.out.push('\n');
            }
        }
    }

    fn block_map(&mut self, map: &Map<String, Value>, indent: usize) {
        for (key, value) in map {
            self.out.push_str(&" ".repeat(indent));
            self.key(key);
            self.out.push(':');
            self.value(value, indent);
        }
    }

    fn block_seq(&mut self, items: &[Value], indent: usize) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            self.value(item, indent);
        }
    }

    fn key(&mut self, key: &str) {
        if plain_safe(key) && self.rng.chance(70) {
            self.out.push_str(key);
        } else if self.rng.chance(50) && !breaks_lines(key) {
            let _ = write!(self.out, "'{}'", key.replace('\'', "''"));
        } else {
            self.out.push_str(&double_quoted(key));
        }
    }

    /// A string scalar: plain, single- or double-quoted, or folded over several lines.
    fn string(&mut self, s: &str, indent: usize) {
        let style = self.rng.below(4);
        if style == 0 && plain_safe(s) {
            self.out.push_str(s);
        } else if style == 1 && !breaks_lines(s) {
            let _ = write!(self.out, "'{}'", s.replace('\'', "''"));
        } else if style == 2 && foldable(s) {
            // `>-`: each line break between two words folds back into one space.
            self.out.push_str(">-");
            let pad = " ".repeat(indent);
            let mut line = String::new();
            for word in s.split(' ') {
                if !line.is_empty() && line.len() + word.len() > 30 {
                    let _ = write!(self.out, "\n{pad}{line}");
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            let _ = write!(self.out, "\n{pad}{line}");
        } else {
            self.out.push_str(&double_quoted(s));
        }
    }
}

/// JSON's string syntax, with the characters YAML reads as line breaks escaped as YAML
/// escapes them.
fn double_quoted(s: &str) -> String {
    yaml_escapes(&Value::String(s.to_string()).to_string())
}

/// JSON text whose strings may hold characters YAML reads as line breaks, with those
/// written as YAML's escapes.
fn yaml_escapes(json: &str) -> String {
    json.replace('\u{85}', "\\N")
        .replace('\u{2028}', "\\L")
        .replace('\u{2029}', "\\P")
}

/// Whether YAML would read a line break (or other control) inside `s`.
fn breaks_lines(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// A string YAML reads back as the same string when written without quotes.
fn plain_safe(s: &str) -> bool {
    let reserved = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
}

/// A long one-line string of single-spaced words, which a folded scalar can hold.
fn foldable(s: &str) -> bool {
    s.len() > 40
        && !s.contains('\n')
        && !s.contains("  ")
        && !s.starts_with([' ', '#', '-'])
        && !s.ends_with(' ')
        && !breaks_lines(s)
}

fn relayout(spec: &str, seed: u64) -> String {
    let tree: Value = serde_yaml::from_str(spec).expect("the spec parses");
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let tree = shuffled(&tree, &mut rng, false, false);
    let mut writer = Writer {
        rng: &mut rng,
        out: String::new(),
        anchors: HashMap::new(),
    };
    let map = tree.as_object().expect("a mapping at the top");
    writer.block_map(map, 0);
    let text = writer.out;
    // The writer's own check: the same document, whatever the layout.
    let back: Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("seed {seed}: the re-laid-out spec does not parse: {e}"));
    let original: Value = serde_yaml::from_str(spec).expect("the spec parses");
    assert!(
        back == original,
        "seed {seed}: the re-laid-out spec is another document"
    );
    assert_ne!(text, spec);
    text
}

fn files(spec: &str, name: &str) -> Vec<GeneratedFile> {
    generate(spec, &Settings::hookdeck(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_same_crate(name: &str, spec: &str, seeds: std::ops::Range<u64>) {
    let expected = files(spec, name);
    for seed in seeds {
        let relaid = relayout(spec, seed);
        let actual = files(&relaid, name);
        assert_eq!(
            expected.iter().map(|f| &f.path).collect::<Vec<_>>(),
            actual.iter().map(|f| &f.path).collect::<Vec<_>>(),
            "{name}, seed {seed}: other files"
        );
        for (want, got) in expected.iter().zip(&actual) {
            if want.contents != got.contents {
                let line = want
                    .contents
                    .lines()
                    .zip(got.contents.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                panic!(
                    "{name}, seed {seed}: {} differs from line {}:\n- {}\n+ {}",
                    want.path,
                    line + 1,
                    want.contents.lines().nth(line).unwrap_or(""),
                    got.contents.lines().nth(line).unwrap_or("")
                );
            }
        }
    }
}

#[test]
fn the_real_spec_in_any_layout_gives_the_same_crate() {
    assert_same_crate("hookdeck", &real_spec_text(), 1..4);
}

#[test]
fn the_fixture_specs_in_any_layout_give_the_same_crates() {
    let mut specs: Vec<PathBuf> = Vec::new();
    for dir in ["hookdeck", "shapes"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).expect("fixtures") {
            let path = entry.expect("entry").path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml")
            ) {
                specs.push(path);
            }
        }
    }
    specs.sort();
    assert_eq!(specs.len(), 10, "the five Hookdeck specs and five shapes");
    for path in specs {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        assert_same_crate(name, &read(&path), 10..13);
    }
}

#[test]
fn the_writer_changes_the_text() {
    let spec = real_spec_text();
    let a = relayout(&spec, 1);
    let b = relayout(&spec, 2);
    assert_ne!(a, b, "two seeds, two layouts");
    assert!(a.contains(">-"), "folded strings");
    assert!(a.contains(" &a"), "anchors");
    assert!(a.contains(" *a"), "aliases");
}
