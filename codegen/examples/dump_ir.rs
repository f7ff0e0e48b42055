//! Prints a summary of the IR for a spec: `cargo run -p codegen --example dump_ir -- SPEC`.
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "spec/hookdeck-connections-api-openapi.yml".into());
    let text = std::fs::read_to_string(&path).expect("read spec");
    let doc = codegen::load::load(&text).unwrap_or_else(|e| panic!("{e}"));
    let api = codegen::lower::lower(&doc, &codegen::Settings::hookdeck("x"))
        .unwrap_or_else(|e| panic!("{e}"));
    for t in &api.types {
        let kind = match &t.kind {
            codegen::ir::TypeKind::Struct(s) => {
                format!("struct {} fields tag={:?}", s.fields.len(), s.constant_tag)
            }
            codegen::ir::TypeKind::StringEnum(e) => format!("enum {}", e.variants.len()),
            codegen::ir::TypeKind::Untagged(u) => format!(
                "untagged {:?}",
                u.variants.iter().map(|v| &v.rust_name).collect::<Vec<_>>()
            ),
            codegen::ir::TypeKind::Tagged(u) => format!(
                "tagged {} {:?}",
                u.tag,
                u.variants.iter().map(|v| &v.rust_name).collect::<Vec<_>>()
            ),
            codegen::ir::TypeKind::Sibling(u) => format!("sibling {} variants", u.variants.len()),
            codegen::ir::TypeKind::Alias(r) => format!("alias {r:?}"),
        };
        println!("{} {} {}", t.name, t.pointer, kind);
    }
    for o in &api.operations {
        println!(
            "{} {} {} {:?} params={:?} errs={:?} unwrap={:?} page={}",
            o.method_name,
            o.builder_name,
            o.path,
            o.alias_of,
            o.params
                .iter()
                .map(|p| (&p.rust_name, &p.style))
                .collect::<Vec<_>>(),
            o.error_statuses,
            o.response.unwrap.as_ref().map(|u| &u.0),
            o.pagination.is_some()
        );
    }
}
