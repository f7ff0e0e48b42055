//! A bounded mutation test: copies of the real spec, each damaged in a few random ways
//! (keys deleted or renamed, values of the wrong type, `$ref`s that dangle or loop, huge
//! and hostile strings, subtrees moved where they do not belong), go through
//! [`codegen::generate`]; none may panic, and every error must name a node that exists
//! (or whose parent exists, for a missing key) in the document it was given.
//!
//! The base is the real spec pruned (unions and enums cut to a few entries, then the
//! schemas nothing refers to dropped), so that a debug build generates a crate in tens of
//! milliseconds; the shapes and the ways they refer to each other stay the real ones.
//! Deterministic: a fixed seed, a std-only PRNG. `MUTATIONS_SEED` and `MUTATIONS_COUNT`
//! override the defaults to explore further; `MUTATIONS_DUMP=path` writes the pruned base
//! spec there, to replay a mutation by hand.

mod common;

use common::Rng;
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

const DEFAULT_SEED: u64 = 0x005E_ED0F_C0DE;
const DEFAULT_COUNT: usize = 250;

/// The reverse of `codegen::pointer::escape_token`.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Every node of the tree, by pointer.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, codegen::pointer::child(&at, k), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, unescape(last)))
}

// ---------------------------------------------------------------------------------------
// The base document

fn real_spec() -> Value {
    serde_yaml::from_str(&common::real_spec_text()).expect("the spec parses")
}

/// Cuts unions and enums to a few entries, then drops the schemas nothing refers to.
fn prune(mut doc: Value) -> Value {
    fn cut(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for key in ["oneOf", "anyOf"] {
                    if let Some(Value::Array(items)) = map.get_mut(key) {
                        items.truncate(2);
                    }
                }
                if let Some(Value::Array(items)) = map.get_mut("enum") {
                    items.truncate(3);
                }
                map.values_mut().for_each(cut);
            }
            Value::Array(items) => items.iter_mut().for_each(cut),
            _ => {}
        }
    }
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    if let Some(name) = r.strip_prefix("#/components/schemas/") {
                        out.push(name.split('/').next().unwrap_or(name).to_string());
                    }
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    cut(&mut doc);
    let schemas = doc["components"]["schemas"].take();
    let mut outside = Vec::new();
    refs(&doc, &mut outside);
    let mut keep: BTreeSet<String> = BTreeSet::new();
    while let Some(name) = outside.pop() {
        if keep.insert(name.clone()) {
            if let Some(schema) = schemas.get(&name) {
                refs(schema, &mut outside);
            }
        }
    }
    let kept: Map<String, Value> = schemas
        .as_object()
        .expect("schemas")
        .iter()
        .filter(|(k, _)| keep.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    doc["components"]["schemas"] = Value::Object(kept);
    doc
}

// ---------------------------------------------------------------------------------------
// Mutations

fn hostile_string(rng: &mut Rng) -> String {
    let pieces = [
        "*/",
        "/*",
        "\"",
        "'",
        "`",
        "```rust\npanic!()\n```",
        "\\",
        "\n",
        "\r",
        "\t",
        "\0",
        "{",
        "}",
        "{{",
        "[x]",
        "<b>",
        "日本",
        "🦀",
        "\u{202e}",
        "r#",
        "self",
        "Self",
        "type",
        "-",
        "_",
        "1",
        " ",
        "#",
        "$ref",
        "~1",
        "%7B",
        "é",
    ];
    let mut s = String::new();
    for _ in 0..rng.below(8) + 1 {
        let piece = *rng.pick::<&str>(&pieces);
        s.push_str(piece);
    }
    if rng.below(4) == 0 {
        // Huge: a hundred kilobytes.
        s = s.repeat(100_000 / s.len().max(1) + 1);
    }
    s
}

fn weird_key(rng: &mut Rng) -> String {
    let keys = [
        "",
        " ",
        "type",
        "$ref",
        "oneOf",
        "allOf",
        "anyOf",
        "not",
        "properties",
        "items",
        "enum",
        "required",
        "nullable",
        "additionalProperties",
        "discriminator",
        "x-required",
        "x-docs-type",
        "日本",
        "1",
        "a/b~c",
        "Self",
        "self",
        "crate",
        "new",
        "Visitor",
        "foo_bar",
        "fooBar",
        "{id}",
        "/x/{",
        "200",
        "default",
        "2XX",
        "get",
        "trace",
        "parameters",
        "in",
        "name",
        "schema",
        "content",
        "application/json",
        "text/plain",
    ];
    if rng.below(6) == 0 {
        hostile_string(rng)
    } else {
        rng.pick(&keys).to_string()
    }
}

fn wrong_value(rng: &mut Rng, doc: &Value, nodes: &[String]) -> Value {
    match rng.below(16) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(0),
        3 => json!(-1),
        4 => json!(1.5),
        5 => json!(1e300),
        6 => json!(u64::MAX),
        7 => json!(""),
        8 => json!([]),
        9 => json!({}),
        10 => json!([1, "a", null, {}]),
        11 => json!({"a": 1, "$ref": 7}),
        12 => Value::String(hostile_string(rng)),
        13 => json!({"type": "object", "properties": {"x": {"$ref": "#/components/schemas/X"}}}),
        // A subtree from elsewhere in the document.
        _ => {
            let from: &String = rng.pick(nodes);
            doc.pointer(from).cloned().unwrap_or(Value::Null)
        }
    }
}

fn dangling_ref(rng: &mut Rng, nodes: &[String]) -> String {
    let targets = [
        "#/components/schemas/Nope",
        "#/components/schemas",
        "#/components/schemas/",
        "#",
        "",
        "#/",
        "#/info/title",
        "#/paths",
        "#/components/schemas/Connection/properties/~2",
        "other.yaml#/x",
        "http://example.com/spec.yaml#/components/schemas/A",
        "#/components/schemas/%ZZ",
        "#/components/schemas/%7B",
        "#components/schemas/Connection",
    ];
    if rng.below(3) == 0 {
        // A reference to a random node: often an ancestor, making a loop.
        let to: &String = rng.pick(nodes);
        format!("#{to}")
    } else {
        rng.pick(&targets).to_string()
    }
}

/// Nodes the generator reads closely: names, keywords, and the entries of the maps and
/// lists that hold schemas, properties, paths and enum values.
fn interesting(pointer: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "operationId",
        "name",
        "in",
        "type",
        "enum",
        "$ref",
        "required",
        "discriminator",
        "properties",
        "items",
        "oneOf",
        "anyOf",
        "allOf",
        "additionalProperties",
        "nullable",
        "x-docs-type",
        "x-required",
        "format",
        "minimum",
        "maximum",
        "style",
        "explode",
        "content",
        "schema",
        "responses",
        "requestBody",
        "parameters",
        "servers",
        "info",
        "title",
        "openapi",
        "components",
        "paths",
    ];
    let Some((parent, last)) = split(pointer) else {
        return false;
    };
    KEYWORDS.contains(&last.as_str())
        || parent == "/components/schemas"
        || parent == "/paths"
        || parent.ends_with("/properties")
        || parent.ends_with("/enum")
        || parent.ends_with("/responses")
}

/// Applies one random mutation; returns what it did.
fn mutate(
    rng: &mut Rng,
    doc: &mut Value,
    nodes: &[String],
    focus: &[String],
    refs: &[String],
) -> String {
    let target = if rng.below(2) == 0 {
        rng.pick(focus).clone()
    } else {
        rng.pick(nodes).clone()
    };
    match rng.below(9) {
        // Delete a key (or an array item).
        0 | 1 => {
            let Some((parent, last)) = split(&target) else {
                return "nothing".into();
            };
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
            format!("delete {target}")
        }
        // Swap in a value of another type.
        2 | 3 => {
            let value = wrong_value(rng, doc, nodes);
            if let Some(slot) = doc.pointer_mut(&target) {
                *slot = value;
            }
            format!("replace {target}")
        }
        // Dangle or loop a `$ref`.
        4 => {
            let Some(r) = (!refs.is_empty()).then(|| rng.pick(refs).clone()) else {
                return "nothing".into();
            };
            let new = dangling_ref(rng, nodes);
            if let Some(slot) = doc.pointer_mut(&r) {
                *slot = Value::String(new.clone());
            }
            format!("ref {r} -> {new:?}")
        }
        // Huge and hostile strings, in values and in keys.
        5 => {
            let s = hostile_string(rng);
            if let Some(slot) = doc.pointer_mut(&target) {
                if slot.is_string() || rng.below(2) == 0 {
                    *slot = Value::String(s);
                }
            }
            format!("string at {target}")
        }
        // Rename a key.
        6 => {
            let Some((parent, last)) = split(&target) else {
                return "nothing".into();
            };
            let new = weird_key(rng);
            if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                if let Some(value) = map.shift_remove(&last) {
                    map.insert(new.clone(), value);
                }
            }
            format!("rename {target} -> {:.40?}", new)
        }
        // Insert a keyword where it may not belong.
        7 => {
            let key = weird_key(rng);
            let value = if rng.below(2) == 0 {
                Value::String(dangling_ref(rng, nodes))
            } else {
                wrong_value(rng, doc, nodes)
            };
            if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                map.insert(key.clone(), value);
            }
            format!("insert {target}/{:.40?}", key)
        }
        // A schema that refers to itself or an ancestor.
        _ => {
            let ancestors: Vec<&str> = target
                .match_indices('/')
                .map(|(i, _)| &target[..i])
                .filter(|p| !p.is_empty())
                .collect();
            let to = if ancestors.is_empty() {
                target.clone()
            } else {
                rng.pick(&ancestors).to_string()
            };
            if let Some(slot) = doc.pointer_mut(&target) {
                *slot = json!({ "$ref": format!("#{to}") });
            }
            format!("loop {target} -> {to}")
        }
    }
}

/// Whether an error is located: its pointer names a node of the document, or a missing key
/// of one. The empty pointer (the whole document) locates nothing, unless the parser
/// refused the text and gave its line (a key longer than YAML's 1,024-character limit on
/// implicit keys, say): every mutant is JSON with an object at the top, so any other error
/// is about some node below it.
fn is_located(doc: &Value, error: &codegen::Error) -> bool {
    let pointer = error.pointer.as_str();
    if pointer.is_empty() {
        return error.line.is_some();
    }
    if doc.pointer(pointer).is_some() {
        return true;
    }
    match pointer.rsplit_once('/') {
        Some((parent, _)) => parent.is_empty() || doc.pointer(parent).is_some(),
        None => false,
    }
}

#[test]
fn mutated_specs_never_panic_and_errors_name_real_nodes() {
    let seed = std::env::var("MUTATIONS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let count = std::env::var("MUTATIONS_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_COUNT);
    let started = Instant::now();
    let base = prune(real_spec());
    let settings = codegen::Settings::hookdeck("mutant");
    let base_text = serde_json::to_string(&base).expect("serialises");
    let files = codegen::generate(&base_text, &settings).expect("the pruned spec generates");
    assert!(files.len() > 5);
    let base_time = started.elapsed();
    if let Ok(path) = std::env::var("MUTATIONS_DUMP") {
        std::fs::write(path, &base_text).unwrap();
    }

    let mut nodes = Vec::new();
    pointers(&base, String::new(), &mut nodes);
    nodes.retain(|p| !p.is_empty());
    let refs: Vec<String> = nodes
        .iter()
        .filter(|p| p.ends_with("/$ref"))
        .cloned()
        .collect();

    let focus: Vec<String> = nodes.iter().filter(|p| interesting(p)).cloned().collect();
    let mut rng = Rng(seed | 1);
    let mut panics = Vec::new();
    let mut bad_pointers = Vec::new();
    let mut internal = Vec::new();
    let (mut ok, mut err) = (0usize, 0usize);
    let mut seen_errors: HashMap<String, usize> = HashMap::new();
    let (mut ok_time, mut err_time) = (0.0, 0.0);
    // The default hook would print every caught panic; collect them instead.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for i in 0..count {
        let mut doc = base.clone();
        let mut did = Vec::new();
        for _ in 0..=rng.below(3) {
            did.push(mutate(&mut rng, &mut doc, &nodes, &focus, &refs));
        }
        let text = serde_json::to_string(&doc).expect("serialises");
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| codegen::generate(&text, &settings)));
        let took = t.elapsed().as_secs_f64();
        match outcome {
            Ok(Ok(_)) => {
                ok += 1;
                ok_time += took;
            }
            Ok(Err(e)) => {
                err += 1;
                err_time += took;
                *seen_errors
                    .entry(e.message.chars().take(48).collect::<String>())
                    .or_default() += 1;
                if e.message.starts_with("internal") {
                    internal.push(format!("#{i} {did:?}: {e}"));
                } else if !is_located(&doc, &e) {
                    let did: Vec<String> =
                        did.iter().map(|d| d.chars().take(200).collect()).collect();
                    bad_pointers.push(format!("#{i} {did:?}: {e}"));
                }
            }
            Err(payload) => {
                err_time += took;
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panics.push(format!("#{i} {did:?}: {message}"));
            }
        }
    }
    std::panic::set_hook(hook);
    let elapsed = started.elapsed();
    eprintln!(
        "{count} mutants (seed {seed:#x}) in {:.1} s (base {:.0} ms): {ok} generated ({ok_time:.1} s), \
         {err} refused ({err_time:.1} s) with {} distinct messages, {} panics",
        elapsed.as_secs_f64(),
        base_time.as_secs_f64() * 1000.0,
        seen_errors.len(),
        panics.len()
    );
    let mut common: Vec<(&String, &usize)> = seen_errors.iter().collect();
    common.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (message, n) in common.iter().take(12) {
        eprintln!("  {n:4} × {message}…");
    }
    assert!(panics.is_empty(), "panics:\n{}", panics.join("\n"));
    assert!(
        internal.is_empty(),
        "internal errors:\n{}",
        internal.join("\n")
    );
    assert!(
        bad_pointers.is_empty(),
        "errors whose pointer names no node:\n{}",
        bad_pointers.join("\n")
    );
    // Both outcomes must be common, or the mutations test too little.
    assert!(ok > count / 10 && err > count / 10, "{ok} ok, {err} errors");
}
