//! The calling code of the contract tests, not part of the SDK: one function per
//! operation that builds its request through the typed client from JSON instances (the
//! parameters and body an independent generator made from the spec), and a table of them
//! all (`OPERATIONS`). `cargo xtask codegen` writes it to `tests/src/every_operation.rs`,
//! where `tests/src/calls.rs` defines the `Input`, `Pending` and `Operation` it uses.
//! Beside it, `tests/src/every_schema.rs`: each component schema's name with the round
//! trip (decode, re-encode) of the type it became (`SCHEMAS`), and for each union of
//! component schemas the variant each member becomes (`UNIONS`).
//!
//! Each instance is decoded into the type the client takes for it, so an instance the SDK
//! cannot hold fails as a decode error naming the parameter or the body. A required
//! parameter the instance leaves out gets a plausible value of its type (`"web_1"` for an
//! id, an enum's first value, a date, an integer).

use super::type_expr::{ident, type_tokens, Scope};
use crate::error::Error;
use crate::ir::{Api, Operation, ParamLocation, ParamStyle, Presence, TypeKind, TypeRef};
use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::quote;
use serde_json::{json, Map, Value};

/// Where the file of calls goes, relative to the workspace root.
pub const PATH: &str = "tests/src/every_operation.rs";

/// Where the file of schema round trips goes, relative to the workspace root.
pub const SCHEMAS_PATH: &str = "tests/src/every_schema.rs";

/// How deep a plausible value nests before giving up.
const MAX_DEPTH: usize = 8;

/// The file's text, preamble included, for an SDK crate named `crate_name`.
pub fn file(api: &Api, crate_name: &str) -> Result<TokenStream, Error> {
    let sdk = crate_name.replace('-', "_");
    let mut rows = Vec::new();
    let mut fns = Vec::new();
    for op in &api.operations {
        let name = ident(&format!("call_{}", crate::names::bare(&op.method_name)));
        rows.push(row(api, op, &name));
        fns.push(call_fn(api, op, &name)?);
    }
    let count = proc_macro2::Literal::usize_unsuffixed(api.operations.len());
    // `crate::` in the emitted types and calls means the SDK crate (see `in_sdk`).
    let items = in_sdk(
        quote! {
            /// Every operation of the API, in the spec's order.
            pub const OPERATIONS: [Operation; #count] = [#(#rows),*];

            #(#fns)*
        },
        &sdk,
    );
    let tokens = quote! {
        //! Every operation of the API called through the typed client, for the contract
        //! tests: a function per operation that builds its request from an [`Input`] (JSON
        //! instances of its parameters and body) and sends it, and [`OPERATIONS`], the table
        //! of them all.

        use crate::calls::{Input, Operation, Pending, ResponseShape};

        #items
    };
    Ok(tokens)
}

/// The file of `SCHEMAS`: every component schema that became a named type, by the
/// schema's name (sorted), with the round trip through that type.
pub fn schemas_file(api: &Api, crate_name: &str) -> Result<TokenStream, Error> {
    let sdk = crate_name.replace('-', "_");
    let mut components: Vec<(String, &crate::ir::TypeDef)> = api
        .types
        .iter()
        .filter_map(|def| {
            let name = def.pointer.strip_prefix("/components/schemas/")?;
            (!name.contains('/')).then(|| (name.replace("~1", "/").replace("~0", "~"), def))
        })
        .collect();
    components.sort_by(|a, b| a.0.cmp(&b.0));
    // A sibling union is no value of its own: it is held beside its tag in an object.
    let (siblings, components): (Vec<_>, Vec<_>) = components
        .into_iter()
        .partition(|(_, def)| matches!(def.kind, TypeKind::Sibling(_)));
    let siblings: Vec<&str> = siblings.iter().map(|(name, _)| name.as_str()).collect();
    let sibling_count = proc_macro2::Literal::usize_unsuffixed(siblings.len());
    let count = proc_macro2::Literal::usize_unsuffixed(components.len());
    let rows = components.iter().map(|(schema, def)| {
        let rust = ident(&def.name);
        quote!((#schema, roundtrip::<crate::types::#rust>))
    });
    let mut unions = Vec::new();
    let mut union_fns = Vec::new();
    for (schema, def) in &components {
        if let Some((row, function)) = union_row(api, schema, def) {
            unions.push(row);
            union_fns.push(function);
        }
    }
    let union_count = proc_macro2::Literal::usize_unsuffixed(unions.len());
    let items = in_sdk(
        quote! {
            /// Every component schema that is a named type: its name in the spec, and the
            /// round trip through that type.
            pub const SCHEMAS: [(&str, RoundTrip); #count] = [#(#rows),*];

            /// Every component schema that is a union of other component schemas: which
            /// variant each of those becomes, and the variant a value decodes into.
            pub const UNIONS: [Union; #union_count] = [#(#unions),*];

            #(#union_fns)*

            /// The component schemas that are unions told apart by a property beside them
            /// (`type` beside `config`): the SDK holds them only inside the objects that
            /// carry both, so their round trips are those objects'.
            pub const SIBLING_SCHEMAS: [&str; #sibling_count] = [#(#siblings),*];
        },
        &sdk,
    );
    let tokens = quote! {
        //! Every component schema of the API with the type the SDK gives it, for the round
        //! trip tests: [`SCHEMAS`] pairs each schema's name with the decode and re-encode of
        //! JSON through that type; [`UNIONS`] says which variant each union's member
        //! schemas become.

        use crate::calls::{roundtrip, RoundTrip, Union};

        #items
    };
    Ok(tokens)
}

/// A row of `UNIONS` and its function, for a tagged or untagged union with at least one
/// variant that holds a component schema.
fn union_row(
    api: &Api,
    schema: &str,
    def: &crate::ir::TypeDef,
) -> Option<(TokenStream, TokenStream)> {
    let component = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => api
            .ty(*id)
            .pointer
            .strip_prefix("/components/schemas/")
            .map(|n| n.replace("~1", "/").replace("~0", "~")),
        _ => None,
    };
    let variants: Vec<(Option<String>, &str)> = match &def.kind {
        TypeKind::Tagged(t) => t
            .variants
            .iter()
            .map(|v| (component(&TypeRef::Named(v.ty)), v.rust_name.as_str()))
            .collect(),
        TypeKind::Untagged(u) => u
            .variants
            .iter()
            .map(|v| (component(&v.ty), v.rust_name.as_str()))
            .collect(),
        _ => return None,
    };
    let members: Vec<TokenStream> = variants
        .iter()
        .filter_map(|(member, variant)| {
            let member = member.as_ref()?;
            let variant = crate::names::bare(variant);
            Some(quote!((#member, #variant)))
        })
        .collect();
    if members.is_empty() {
        return None;
    }
    let rust = ident(&def.name);
    let function = ident(&format!(
        "variant_of_{}",
        crate::names::bare(&crate::names::field_name(&def.name, "union"))
    ));
    let arms = variants.iter().map(|(_, variant)| {
        let name = crate::names::bare(variant);
        let variant = ident(variant);
        quote!(crate::types::#rust::#variant { .. } => #name,)
    });
    let doc = format!(" The variant of `{}` a value decodes into.", def.name);
    Some((
        quote!(Union { schema: #schema, members: &[#(#members),*], variant_of: #function }),
        quote! {
            #[doc = #doc]
            fn #function(value: serde_json::Value) -> Result<&'static str, String> {
                let value: crate::types::#rust =
                    serde_json::from_value(value).map_err(|e| format!("does not decode: {e}"))?;
                Ok(match value {
                    #(#arms)*
                    _ => "(another variant)",
                })
            }
        },
    ))
}

/// One row of `OPERATIONS`.
fn row(api: &Api, op: &Operation, call: &Ident) -> TokenStream {
    let id = &op.operation_id;
    let method = op.http_method.as_str();
    let path = &op.path;
    let statuses = op
        .error_statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
    let response = match (&op.response.ty, &op.response.unwrap) {
        (None, _) => quote!(ResponseShape::Empty),
        (Some(ty), Some((field, _, _))) => {
            let wire = unwrapped_wire_name(api, ty, field).unwrap_or_else(|| field.clone());
            quote!(ResponseShape::Field(#wire))
        }
        (Some(_), None) => quote!(ResponseShape::Body),
    };
    let brackets = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query && p.style == ParamStyle::DeepObject)
        .map(|p| p.wire_name.as_str());
    quote! {
        Operation {
            id: #id,
            method: #method,
            path: #path,
            error_statuses: &[#(#statuses),*],
            response: #response,
            bracket_params: &[#(#brackets),*],
            call: #call,
        }
    }
}

/// The wire name of the property `send()` returns on its own.
fn unwrapped_wire_name(api: &Api, ty: &TypeRef, field: &str) -> Option<String> {
    let TypeRef::Named(id) = ty else {
        return None;
    };
    let TypeKind::Struct(s) = &api.ty(*id).kind else {
        return None;
    };
    s.fields
        .iter()
        .find(|f| f.rust_name == field)
        .map(|f| f.wire_name.clone())
}

/// The function that calls one operation.
fn call_fn(api: &Api, op: &Operation, name: &Ident) -> Result<TokenStream, Error> {
    let method = ident(&op.method_name);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        if !matches!(p.location, ParamLocation::Path | ParamLocation::Query) {
            continue;
        }
        let ty = type_tokens(api, &p.ty, Scope::Crate);
        let wire = &p.wire_name;
        if p.required {
            let fallback = plausible(api, &p.ty, wire, 0).ok_or_else(|| {
                Error::new(
                    "",
                    format!(
                        "contract calls: no plausible value for parameter `{wire}` of `{}`",
                        op.operation_id
                    ),
                )
            })?;
            let fallback = fallback.to_string();
            args.push(quote!(input.required::<#ty>(#wire, #fallback)?));
        } else {
            let setter = ident(&p.rust_name);
            setters.push(quote! {
                let request = input.set_optional(#wire, request, |r, v: #ty| r.#setter(v))?;
            });
        }
    }
    let body = match &op.body {
        Some(body) => {
            let ty = type_tokens(api, &body.ty, Scope::Crate);
            if body.required {
                args.push(quote!(body));
                quote!(let (body, body_sent) = input.body::<#ty>()?;)
            } else {
                setters.push(quote! {
                    let request = match body {
                        Some(body) => request.body(body),
                        None => request,
                    };
                });
                quote!(let (body, body_sent) = input.optional_body::<#ty>()?;)
            }
        }
        None => quote!(let body_sent = None;),
    };
    let doc = format!(
        " `{} {}` (`{}`).",
        op.http_method.as_str(),
        op.path,
        op.operation_id
    );
    Ok(quote! {
        #[doc = #doc]
        fn #name(client: &crate::Client, input: &Input) -> Result<Pending, String> {
            #body
            let request = client.#method(#(#args),*);
            #(#setters)*
            let request = request.header("Prefer", input.prefer());
            Ok(Pending::new(request.send_with_response(), body_sent))
        }
    })
}

/// A plausible JSON value of a type, for a required parameter no instance gives.
fn plausible(api: &Api, ty: &TypeRef, name: &str, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match ty {
        TypeRef::String if name == "id" || name.ends_with("_id") => json!("web_1"),
        TypeRef::String => json!("value"),
        TypeRef::Bool => json!(true),
        TypeRef::Int(_) => json!(1),
        TypeRef::DateTime => json!("2024-01-01T00:00:00Z"),
        TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) => json!({}),
        TypeRef::Array(inner) => json!([plausible(api, inner, name, depth + 1)?]),
        TypeRef::OneOrMany(inner) => plausible(api, inner, name, depth + 1)?,
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::StringEnum(e) => json!(e.variants.first()?.value),
            TypeKind::Alias(inner) => plausible(api, inner, name, depth + 1)?,
            TypeKind::Untagged(u) => plausible(api, &u.variants.first()?.ty, name, depth + 1)?,
            TypeKind::Struct(s) => {
                let mut object = Map::new();
                if let Some((tag, value)) = &s.constant_tag {
                    object.insert(tag.clone(), json!(value));
                }
                for field in s.fields.iter().filter(|f| f.presence == Presence::Required) {
                    if field.sibling.is_some() {
                        return None;
                    }
                    let value = plausible(api, &field.ty, &field.wire_name, depth + 1)?;
                    object.insert(field.wire_name.clone(), value);
                }
                Value::Object(object)
            }
            TypeKind::Tagged(t) => plausible(
                api,
                &TypeRef::Named(t.variants.first()?.ty),
                name,
                depth + 1,
            )?,
            // Only ever beside its tag in an object.
            _ => return None,
        },
        // Shapes no required parameter has had (numbers, fixed-size arrays, pairs): a
        // generator error naming the parameter, rather than a guess.
        _ => return None,
    })
}

/// The emitted tokens with the SDK's paths as the tests crate writes them: `crate::` (the
/// SDK crate, as `type_tokens` writes it) becomes the SDK's name, and `chrono::` its
/// re-export.
fn in_sdk(tokens: TokenStream, sdk: &str) -> TokenStream {
    let mut out = Vec::new();
    let mut after_colons = false;
    for tree in tokens {
        let next_after_colons = matches!(&tree, TokenTree::Punct(p) if p.as_char() == ':');
        match tree {
            TokenTree::Ident(i) if i == "crate" => {
                out.push(TokenTree::Ident(Ident::new(sdk, i.span())));
            }
            TokenTree::Ident(i) if i == "chrono" && !after_colons => {
                out.push(TokenTree::Ident(Ident::new(sdk, i.span())));
                out.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
                out.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
                out.push(TokenTree::Ident(Ident::new("chrono", Span::call_site())));
            }
            TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(g.delimiter(), in_sdk(g.stream(), sdk));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other),
        }
        after_colons = next_after_colons;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use crate::settings::Settings;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {in: path, name: id, required: true, schema: {type: string}}
        - {in: query, name: sort, required: true, schema: {$ref: '#/components/schemas/Sort'}}
        - {in: query, name: range, style: deepObject, schema: {type: object, properties: {gte: {type: string}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
        '404': {description: missing, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
  /things:
    post:
      operationId: createThing
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      responses:
        '204': {description: created}
components:
  schemas:
    Sort: {type: string, enum: [asc, desc]}
    Thing: {type: object, required: [name], properties: {name: {type: string}}}
"#;

    /// The file as the assembler writes it.
    fn formatted(path: &str, tokens: Result<proc_macro2::TokenStream, crate::Error>) -> String {
        let file = crate::format::parse(path, tokens.unwrap()).unwrap();
        crate::format::rust_file(&file)
    }

    fn api(spec: &str) -> crate::ir::Api {
        let settings = Settings::neutral("things");
        crate::lower::lower(&crate::load::load(spec).unwrap(), &settings).unwrap()
    }

    #[test]
    fn every_operation_gets_a_call_and_a_row_with_plausible_required_values() {
        let file = formatted(super::PATH, super::file(&api(SPEC), "things"));
        assert!(file.starts_with(crate::format::PREAMBLE), "{file}");
        assert!(
            file.contains("pub const OPERATIONS: [Operation; 2]"),
            "{file}"
        );
        for expected in [
            "fn call_get_thing(",
            "fn call_create_thing(",
            r#"input.required::<String>("id", "\"web_1\"")?"#,
            r#"input.required::<things::types::Sort>("sort", "\"asc\"")?"#,
            "input.body::<things::types::Thing>()?",
            "error_statuses: &[404]",
            r#"bracket_params: &["range"]"#,
            "ResponseShape::Empty",
            ".header(\"Prefer\", input.prefer())",
        ] {
            assert!(file.contains(expected), "no {expected} in\n{file}");
        }
        assert!(
            !file.contains("crate::types"),
            "SDK paths left as crate::\n{file}"
        );
    }

    #[test]
    fn a_required_parameter_without_a_plausible_value_is_a_named_error() {
        let spec = SPEC.replace(
            "{in: query, name: sort, required: true, schema: {$ref: '#/components/schemas/Sort'}}",
            "{in: query, name: ratio, required: true, schema: {type: number}}",
        );
        let error = super::file(&api(&spec), "things").unwrap_err().to_string();
        assert!(
            error.contains("`ratio`") && error.contains("getThing"),
            "{error}"
        );
    }

    #[test]
    fn every_component_schema_gets_a_round_trip() {
        let file = formatted(
            super::SCHEMAS_PATH,
            super::schemas_file(&api(SPEC), "things"),
        );
        assert!(
            file.contains(r#"("Sort", roundtrip::<things::types::Sort>)"#),
            "{file}"
        );
        assert!(
            file.contains(r#"("Thing", roundtrip::<things::types::Thing>)"#),
            "{file}"
        );
    }
}
