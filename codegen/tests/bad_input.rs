//! Bad input gives an [`Error`] that names the JSON pointer of the offending node (and the
//! YAML line where the parser gives one), never a panic. `xtask/tests/cli.rs` checks that
//! the `xtask` binary turns it into a message and a non-zero exit code.

use codegen::{generate, Error, Settings};

/// Generates, turning a panic into a test failure that says which input caused it.
fn run(spec: &str) -> Result<usize, Error> {
    let outcome = std::panic::catch_unwind(|| generate(spec, &Settings::hookdeck("bad")));
    match outcome {
        Ok(result) => result.map(|files| files.len()),
        Err(_) => panic!("the generator panicked on:\n{spec}"),
    }
}

fn error(spec: &str) -> Error {
    match run(spec) {
        Ok(_) => panic!("expected an error for:\n{spec}"),
        Err(e) => {
            eprintln!("{e}");
            e
        }
    }
}

/// A valid document with the given component schemas (YAML, indented by 4).
fn with_schemas(schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    )
}

/// A valid document with the given paths (YAML, indented by 2).
fn with_paths(paths: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}")
}

#[test]
fn the_fixtures_base_documents_are_valid() {
    run(&with_schemas("    A: {type: string}\n")).expect("valid");
    run(&with_paths(
        "  /a:\n    get:\n      responses: {'204': {description: x}}\n",
    ))
    .expect("valid");
}

#[test]
fn malformed_yaml_reports_the_line() {
    let e = error("openapi: 3.0.3\ninfo:\n  title: t\n  version: [1\npaths: {}\n");
    assert_eq!(e.pointer, "");
    assert!(e.message.contains("not valid YAML"), "{e}");
    assert!(matches!(e.line, Some(4..=5)), "{e:?}");

    let e = error("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n\t  get: {}\n");
    assert!(e.line.is_some(), "a tab in indentation: {e:?}");

    let e = error("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n");
    assert!(e.message.contains("duplicate"), "{e}");
    assert_eq!(e.line, Some(4), "{e:?}");
    let e = error("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n  /b:\n    get: {}\n    put: {}\n    get: {}\n");
    assert_eq!(e.line, Some(9), "{e:?}");

    let e = error("");
    assert_eq!(e.pointer, "", "{e}");
    let e = error("- just\n- a list\n");
    assert_eq!(e.pointer, "", "{e}");
    assert!(
        error("{\"openapi\": \"3.0.3\", \"info\": ").line.is_some(),
        "truncated JSON"
    );
    assert!(error("openapi: 3.0.3\n? [a, b]\n: c\n")
        .message
        .contains("key"));
}

#[test]
fn versions_other_than_openapi_3_0_are_refused() {
    let e = error("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(e.pointer, "/swagger");
    assert!(e.message.contains("Swagger 2.0"), "{e}");
    let e = error("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(e.pointer, "/openapi");
    assert!(e.message.contains("3.1.0"), "{e}");
    let e = error("info: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(e.pointer, "/openapi");
    let e = error("openapi: 3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(e.pointer, "/openapi");
}

#[test]
fn structurally_invalid_nodes_are_named() {
    let e = error(&with_paths("  /a:\n    get:\n      responses: 7\n"));
    assert_eq!(e.pointer, "/paths/~1a/get/responses", "{e}");
    let e = error(&with_paths(
        "  /a:\n    get:\n      parameters:\n        - {name: p, in: query, schema: {type: string}}\n        - {name: q, in: nowhere}\n      responses: {'204': {description: x}}\n",
    ));
    assert_eq!(e.pointer, "/paths/~1a/get/parameters/1/in", "{e}");
    let e = error(&with_schemas(
        "    A:\n      type: object\n      properties:\n        b:\n          type: object\n          properties:\n            c: {type: string, nullable: maybe}\n",
    ));
    assert_eq!(
        e.pointer, "/components/schemas/A/properties/b/properties/c/nullable",
        "{e}"
    );
    let e = error(&with_schemas("    A: {type: [string, 'null']}\n"));
    assert_eq!(e.pointer, "/components/schemas/A/type", "{e}");
    let e = error(&with_schemas(
        "    A: {type: object, properties: {a: {type: string}}, required: yes}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A/required", "{e}");
    let e = error("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n");
    assert_eq!(e.pointer, "/info", "{e}");
}

#[test]
fn dangling_refs_are_named() {
    let e = error(&with_schemas(
        "    A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/Missing'}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A/properties/b");
    assert!(e.message.contains("#/components/schemas/Missing"), "{e}");
    assert!(e.message.contains("points to nothing"), "{e}");

    let e = error(&with_paths(
        "  /a:\n    get:\n      parameters: [{$ref: '#/components/parameters/Nope'}]\n      responses: {'204': {description: x}}\n",
    ));
    assert_eq!(e.pointer, "/paths/~1a/get/parameters/0");

    let e = error(&with_paths(
        "  /a:\n    get:\n      responses: {'200': {$ref: '#/components/responses/Nope'}}\n",
    ));
    assert_eq!(e.pointer, "/paths/~1a/get/responses/200");

    let e = error(&with_schemas(
        "    A: {$ref: 'other.yaml#/components/schemas/A'}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");
    assert!(e.message.contains("outside this document"), "{e}");

    let e = error(&with_schemas(
        "    A: {$ref: 'components/schemas/B'}\n    B: {type: string}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");
}

#[test]
fn cycles_that_cannot_be_types_are_named() {
    let e = error(&with_schemas(
        "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");
    assert!(e.message.contains("A → B → A"), "{e}");

    let e = error(&with_schemas("    A: {$ref: '#/components/schemas/A'}\n"));
    assert_eq!(e.pointer, "/components/schemas/A");

    let e = error(&with_schemas(
        "    A:\n      allOf: [{$ref: '#/components/schemas/A'}]\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");
    let e = error(&with_schemas(
        "    A:\n      oneOf: [{$ref: '#/components/schemas/A'}]\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");

    // A union that is its own variant: decoding would try it forever.
    let e = error(&with_schemas(
        "    A:\n      oneOf: [{$ref: '#/components/schemas/B'}, {type: integer}]\n    B:\n      anyOf: [{$ref: '#/components/schemas/A'}, {type: boolean}]\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");
    assert!(e.message.contains("itself as a variant"), "{e}");

    // References between inline nodes that never reach a schema.
    let e = error(&with_schemas(
        "    A:\n      type: object\n      properties:\n        x: {$ref: '#/components/schemas/A/properties/y'}\n        y: {$ref: '#/components/schemas/A/properties/x'}\n",
    ));
    assert!(
        e.pointer.starts_with("/components/schemas/A/properties/"),
        "{e}"
    );

    let e = error(&format!(
        "{}components:\n  parameters:\n    P: {{$ref: '#/components/parameters/P'}}\n",
        with_paths("  /a:\n    get:\n      parameters: [{$ref: '#/components/parameters/P'}]\n      responses: {'204': {description: x}}\n")
    ));
    assert_eq!(e.pointer, "/paths/~1a/get/parameters/0");

    // Recursion through an object is fine, and so is an alias of a list of itself.
    run(&with_schemas(
        "    A:\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/A'}\n    L:\n      type: array\n      items: {$ref: '#/components/schemas/L'}\n",
    ))
    .expect("representable recursion");
}

#[test]
fn unsupported_constructs_are_named() {
    let e = error(&with_schemas(
        "    A:\n      type: object\n      properties:\n        b:\n          not: {type: string}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A/properties/b/not");
    assert!(e.message.contains("`not`"), "{e}");

    let e = error(&with_schemas(
        "    A:\n      type: object\n      properties: {a: {type: string}}\n      oneOf: [{type: object}]\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A");

    let e = error(&with_schemas(
        "    A:\n      allOf:\n        - {oneOf: [{type: string}, {type: integer}]}\n        - {properties: {x: {type: string}}}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A/allOf/0");

    let e = error(&with_schemas("    A: {type: file}\n"));
    assert!(e.pointer.starts_with("/components/schemas/A"), "{e}");

    let e = error(&with_paths(
        "  /a:\n    trace:\n      responses: {'204': {description: x}}\n",
    ));
    assert_eq!(e.pointer, "/paths/~1a/trace");

    let e = error(&with_paths(
        "  /a/{id}:\n    get:\n      responses: {'204': {description: x}}\n",
    ));
    assert_eq!(e.pointer, "/paths/~1a~1{id}/get");
    assert!(e.message.contains("{id}"), "{e}");

    let e = error(&with_paths(
        "  /a:\n    get:\n      parameters: [{name: p, in: query, content: {application/json: {schema: {type: object}}}}]\n      responses: {'204': {description: x}}\n",
    ));
    assert_eq!(e.pointer, "/paths/~1a/get/parameters/0");

    let e = error(&with_schemas(
        "    A:\n      oneOf: [{$ref: '#/components/schemas/B'}, {$ref: '#/components/schemas/C'}]\n      discriminator: {propertyName: kind}\n    B: {type: object, properties: {kind: {type: string, enum: [x]}}}\n    C: {type: object, properties: {kind: {type: string, enum: [x]}}}\n",
    ));
    assert_eq!(e.pointer, "/components/schemas/A/oneOf/1");
    assert!(e.message.contains("`x`"), "{e}");
}
