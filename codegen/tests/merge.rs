//! Many spec files, one API: the crate depends on what the files say, not on how the API
//! is cut into them, and two files that disagree are an error naming both.

mod common;

use codegen::{generate_crate_from, GeneratedFile, Settings, SpecFile};
use common::project_spec_files;
use serde_json::{json, Map, Value};

fn settings() -> Settings {
    Settings::hookdeck("hookdeck")
}

fn tree(file: &SpecFile) -> Value {
    serde_yaml::from_str(&file.text).expect("a spec parses")
}

fn as_file(name: &str, tree: &Value) -> SpecFile {
    SpecFile {
        name: name.to_string(),
        text: tree.to_string(),
    }
}

fn files_of(specs: &[SpecFile]) -> Vec<GeneratedFile> {
    generate_crate_from(specs, &settings())
        .unwrap_or_else(|e| panic!("generates: {e}"))
        .files
}

fn assert_same(a: &[GeneratedFile], b: &[GeneratedFile], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: the same files");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x.path, y.path, "{what}");
        assert!(x.contents == y.contents, "{what}: {} differs", x.path);
    }
}

/// The 12 files merged by hand into one document: paths, components and tags unioned.
fn merged_by_hand(files: &[SpecFile]) -> Value {
    let mut merged = tree(&files[0]);
    for file in &files[1..] {
        let other = tree(file);
        for section in ["paths"] {
            let target = merged[section].as_object_mut().unwrap();
            for (k, v) in other[section].as_object().unwrap() {
                target.insert(k.clone(), v.clone());
            }
        }
        for (kind, entries) in other["components"].as_object().unwrap() {
            let target = merged["components"][kind.as_str()].as_object_mut().unwrap();
            for (k, v) in entries.as_object().unwrap() {
                target.insert(k.clone(), v.clone());
            }
        }
        let tags = merged["tags"].as_array_mut().unwrap();
        for tag in other["tags"].as_array().unwrap() {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
    merged["info"]["title"] = json!("Whatever the first file says");
    merged
}

/// The same API cut another way: one file per tag, each with only the components it needs
/// (here, simply all of them), files listed in reverse.
fn one_file_per_tag(merged: &Value) -> Vec<SpecFile> {
    let mut by_tag: Vec<(String, Map<String, Value>)> = Vec::new();
    for (path, item) in merged["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let tag = op["tags"][0].as_str().unwrap().to_string();
            let index = match by_tag.iter().position(|(t, _)| *t == tag) {
                Some(i) => i,
                None => {
                    by_tag.push((tag, Map::new()));
                    by_tag.len() - 1
                }
            };
            let paths = &mut by_tag[index].1;
            let entry = paths.entry(path.clone()).or_insert_with(|| json!({}));
            entry[method.as_str()] = op.clone();
        }
    }
    by_tag
        .into_iter()
        .rev()
        .map(|(tag, paths)| {
            let mut file = merged.clone();
            file["paths"] = Value::Object(paths);
            file["info"]["title"] = json!(format!("Hookdeck {tag} API"));
            as_file(&format!("{tag}.json"), &file)
        })
        .collect()
}

#[test]
fn the_crate_does_not_depend_on_how_the_api_is_cut() {
    let files = project_spec_files();
    assert_eq!(files.len(), 12);
    let published = files_of(&files);
    let merged = merged_by_hand(&files);
    assert_same(
        &published,
        &files_of(&[as_file("merged.json", &merged)]),
        "one document",
    );
    let cut = one_file_per_tag(&merged);
    assert_eq!(cut.len(), 17, "one file per tag");
    assert_same(&published, &files_of(&cut), "one file per tag");
    let mut reversed = files.clone();
    reversed.reverse();
    assert_same(&published, &files_of(&reversed), "files in another order");
}

/// Two copies of the Bookmarks spec under other names, the second edited.
fn conflicting(edit: impl FnOnce(&mut Value)) -> codegen::Error {
    let files = project_spec_files();
    let bookmarks = files
        .iter()
        .find(|f| f.name.contains("bookmarks"))
        .expect("the Bookmarks spec");
    let first = tree(bookmarks);
    let mut second = first.clone();
    // Paths of its own, so that only the edit conflicts.
    let paths = std::mem::take(second["paths"].as_object_mut().unwrap());
    for (path, item) in paths {
        let mut item = item;
        for op in item.as_object_mut().unwrap().values_mut() {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                op["operationId"] = json!(format!("{id}Copy"));
            }
        }
        second["paths"][format!("/copy{path}")] = item;
    }
    edit(&mut second);
    generate_crate_from(
        &[as_file("a.yml", &first), as_file("b.yml", &second)],
        &settings(),
    )
    .expect_err("the files conflict")
}

fn assert_names_both(error: &codegen::Error, pointer: &str, first_pointer: &str) {
    let text = error.to_string();
    assert_eq!(error.file.as_deref(), Some("b.yml"), "{text}");
    assert_eq!(error.pointer, pointer, "{text}");
    assert!(
        text.contains(&format!("in a.yml at {first_pointer}")),
        "{text}"
    );
}

#[test]
fn two_files_that_disagree_are_an_error_naming_both() {
    let error = conflicting(|spec| {
        spec["components"]["schemas"]["Bookmark"]["properties"]["label"]["maxLength"] = json!(7);
    });
    assert_names_both(
        &error,
        "/components/schemas/Bookmark",
        "/components/schemas/Bookmark",
    );

    let error = conflicting(|spec| {
        spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] = json!("basic");
    });
    assert_names_both(
        &error,
        "/components/securitySchemes/bearerAuth",
        "/components/securitySchemes/bearerAuth",
    );

    let error = conflicting(|spec| spec["servers"][0]["url"] = json!("https://elsewhere"));
    assert_names_both(&error, "/servers", "/servers");

    let error = conflicting(|spec| {
        let paths = spec["paths"].as_object_mut().unwrap();
        let (path, item) = paths
            .iter()
            .next()
            .map(|(p, i)| (p.clone(), i.clone()))
            .unwrap();
        paths.insert(path.trim_start_matches("/copy").to_string(), item);
    });
    assert!(error.pointer.starts_with("/paths/"), "{error}");
    assert!(error.to_string().contains("in a.yml at /paths/"), "{error}");

    let error = conflicting(|spec| {
        let paths = spec["paths"].as_object_mut().unwrap();
        let item = paths.values_mut().next().unwrap();
        let op = item.as_object_mut().unwrap().values_mut().next().unwrap();
        let id = op["operationId"]
            .as_str()
            .unwrap()
            .trim_end_matches("Copy")
            .to_string();
        op["operationId"] = json!(id);
    });
    assert!(
        error
            .to_string()
            .contains("is also used in a.yml at /paths/"),
        "{error}"
    );
    assert!(error.pointer.ends_with("/operationId"), "{error}");
}

#[test]
fn an_error_in_one_of_many_files_names_that_file() {
    let mut files = project_spec_files();
    let index = files
        .iter()
        .position(|f| f.name.contains("metrics"))
        .unwrap();
    let mut metrics = tree(&files[index]);
    let (path, _) = metrics["paths"].as_object().unwrap().iter().next().unwrap();
    let path = path.clone();
    let op = metrics["paths"][path.as_str()]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .next()
        .unwrap();
    op["responses"]["200"]["content"]["application/json"]["schema"] =
        json!({"$ref": "#/components/schemas/Nowhere"});
    files[index] = as_file(&files[index].name.clone(), &metrics);
    let error = generate_crate_from(&files, &settings()).expect_err("a dangling $ref");
    assert_eq!(
        error.file.as_deref(),
        Some(files[index].name.as_str()),
        "{error}"
    );
    assert!(error.pointer.starts_with("/paths/"), "{error}");
}
