//! Prints the intermediate representation the generator lowers a spec to, with Hookdeck's
//! settings: `cargo run -p codegen --example dump_ir -- SPEC`. The IR is private to the
//! generator; its `Debug` form is for reading while working on the lowering, not an API.
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "spec/hookdeck-connections-api-openapi.yml".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let settings = codegen::Settings::hookdeck("x");
    let lowered = codegen::stages::load(&text)
        .and_then(|document| codegen::stages::lower(&document, &settings))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("{lowered:#?}");
}
