//! The `operations` module: a method on `Client` and a request builder per operation.

use super::docs::{doc_attrs, doc_or, inner_doc, own_doc};
use super::type_expr::{field_tokens, ident, type_tokens, Scope};
use crate::ir::{Api, Operation, ParamLocation, ParamStyle, PathPart, Presence, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The file of one resource's operations: its methods on `Client`, in an `impl` block whose
/// docs name the resource (rustdoc shows each block under its heading), and its builders.
pub fn resource_module(
    api: &Api,
    resource: usize,
    default_error: &TypeRef,
    crate_ident: &str,
) -> TokenStream {
    let ops: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|op| op.resource == resource)
        .collect();
    let group = &api.resources[resource];
    let methods = ops.iter().map(|op| client_method(api, op, crate_ident));
    let builders = ops.iter().map(|op| builder(api, op, default_error));
    let module_doc = inner_doc(&format!(
        "{}: request builders; start from their methods on [`crate::Client`].",
        group.tag
    ));
    let heading = own_doc(&format!("# {}\n", group.tag));
    let description = doc_attrs(group.docs.as_deref());
    let impl_doc = quote!(#heading #description);
    quote! {
        #module_doc
        #impl_doc
        impl crate::Client {
            #(#methods)*
        }
        #(#builders)*
    }
}

/// `operations/mod.rs`: one module per resource, re-exported here so that a builder's path
/// is `operations::ListEventsRequest` whichever resource it is in; with a feature per
/// resource, each behind its feature.
pub fn operations_mod(api: &Api, features: bool) -> TokenStream {
    let modules = api.resources.iter().map(|r| {
        let module = ident(&r.module);
        let cfg = if features {
            super::reach::cfg_any([r.feature.as_str()])
        } else {
            TokenStream::new()
        };
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use #module::*;
        }
    });
    quote! {
        //! One request builder per operation, in a module per resource; start from the
        //! methods on [`crate::Client`].
        #(#modules)*
    }
}

fn error_type(api: &Api, op: &Operation, default_error: &TypeRef) -> TokenStream {
    let body = error_body(op, default_error);
    if body == default_error {
        quote!(crate::Error)
    } else {
        let body = type_tokens(api, body, Scope::Crate);
        quote!(crate::Error<#body>)
    }
}

/// The body type of an operation's `Api` errors. One that declares no error status never
/// has an `Api` error, so it takes the crate's default: `?` then works across operations.
fn error_body<'a>(op: &'a Operation, default_error: &'a TypeRef) -> &'a TypeRef {
    if op.error_statuses.is_empty() {
        default_error
    } else {
        &op.error_type
    }
}

/// The argument type a builder takes for a value, and how it is stored.
fn input_type(api: &Api, ty: &TypeRef) -> (TokenStream, bool) {
    let tokens = type_tokens(api, ty, Scope::Crate);
    match ty {
        // `impl Into<..>` lets callers pass `&str`, a single value for a list, and so on.
        TypeRef::String | TypeRef::OneOrMany(_) | TypeRef::OneOrPair(_) | TypeRef::Named(_) => {
            (quote!(impl Into<#tokens>), true)
        }
        _ => (tokens, false),
    }
}

fn op_docs(op: &Operation) -> TokenStream {
    let summary = doc_attrs(op.summary.as_deref());
    let description = match (&op.summary, &op.description) {
        (Some(s), Some(d)) if s.trim() == d.trim() => TokenStream::new(),
        (Some(_), Some(_)) => {
            let d = doc_attrs(op.description.as_deref());
            quote!(#[doc = ""] #d)
        }
        (None, Some(_)) => doc_attrs(op.description.as_deref()),
        _ => TokenStream::new(),
    };
    let alias = match &op.alias_of {
        Some(base) => {
            let note = own_doc(&format!(
                "The API serves this at `{} {}` as an alias of `{base}`: it does the same.",
                op.http_method.as_str(),
                op.path
            ));
            quote!(#[doc = ""] #note)
        }
        None => TokenStream::new(),
    };
    let route = own_doc(&format!(
        "`{} {}` (`{}`)",
        op.http_method.as_str(),
        op.path,
        op.operation_id
    ));
    let deprecated = if op.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    };
    quote!(#summary #description #alias #[doc = ""] #route #deprecated)
}

/// A doc example calling the operation, when its required inputs are easy to write
/// (strings, and bodies with no required field).
fn example(api: &Api, op: &Operation, crate_ident: &str) -> TokenStream {
    match example_call(api, op) {
        Some(call) => own_doc(&format!(
            "\n```no_run\n# async fn run(client: {crate_ident}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
             let response = {call}.send().await?;\n# let _ = response;\n# Ok(())\n# }}\n```"
        )),
        None => TokenStream::new(),
    }
}

/// `client.method(args)` for an example, when every required argument has a value an
/// example can write (a string, or a body of optional fields); `None` otherwise.
pub(super) fn example_call(api: &Api, op: &Operation) -> Option<String> {
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        match p.ty {
            TypeRef::String => args.push(format!("{:?}", p.wire_name)),
            _ => return None,
        }
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let defaultable = match &body.ty {
            TypeRef::Named(id) => match &api.ty(*id).kind {
                crate::ir::TypeKind::Struct(s) => {
                    s.fields.iter().all(|f| f.presence != Presence::Required)
                }
                _ => false,
            },
            _ => false,
        };
        if !defaultable {
            return None;
        }
        args.push("Default::default()".to_string());
    }
    // Keep a raw identifier's `r#`: `client.r#type()`.
    Some(format!("client.{}({})", op.method_name, args.join(", ")))
}

fn client_method(api: &Api, op: &Operation, crate_ident: &str) -> TokenStream {
    let method = ident(&op.method_name);
    let builder = ident(&op.builder_name);
    let docs = op_docs(op);
    let example = example(api, op, crate_ident);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &op.params {
        let name = ident(&p.rust_name);
        if p.required {
            let (ty, into) = input_type(api, &p.ty);
            args.push(quote!(#name: #ty));
            inits.push(if into {
                quote!(#name: #name.into())
            } else {
                quote!(#name)
            });
        } else {
            inits.push(quote!(#name: None));
        }
    }
    if let Some(body) = &op.body {
        let ty = type_tokens(api, &body.ty, Scope::Crate);
        if body.required {
            args.push(quote!(body: #ty));
            inits.push(quote!(body));
        } else {
            inits.push(quote!(body: None));
        }
    }
    quote! {
        #docs
        #example
        pub fn #method(&self, #(#args),*) -> crate::operations::#builder {
            crate::operations::#builder { client: self.clone(), #(#inits,)* options: crate::RequestOptions::default() }
        }
    }
}

fn builder(api: &Api, op: &Operation, default_error: &TypeRef) -> TokenStream {
    let name = ident(&op.builder_name);
    let method = &op.method_name;
    let doc = own_doc(&format!(
        "A request for [`Client::{}`](crate::Client::{}); set optional parameters, then `.send().await`.\n\n\
         It owns what it needs (a clone of the client shares its connection pool), so it can be \
         kept, cloned and moved into a spawned task.",
        crate::names::bare(method),
        crate::names::bare(method)
    ));
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let field = ident(&p.rust_name);
        let ty = type_tokens(api, &p.ty, Scope::Crate);
        if p.required {
            fields.push(quote!(#field: #ty));
        } else {
            fields.push(quote!(#field: Option<#ty>));
            let (arg, into) = input_type(api, &p.ty);
            let value = if into {
                quote!(value.into())
            } else {
                quote!(value)
            };
            let place = match p.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            };
            let docs = doc_or(
                p.docs.as_deref(),
                &format!(
                    "Sets the `{}` {place} parameter.",
                    p.wire_name.replace('`', "'")
                ),
            );
            setters.push(quote! {
                #docs
                pub fn #field(mut self, value: #arg) -> Self { self.#field = Some(#value); self }
            });
        }
    }
    if let Some(body) = &op.body {
        let ty = type_tokens(api, &body.ty, Scope::Crate);
        if body.required {
            fields.push(quote!(body: #ty));
        } else {
            fields.push(quote!(body: Option<#ty>));
            let docs = doc_or(body.docs.as_deref(), "Sets the request body.");
            setters.push(quote! {
                #docs
                pub fn body(mut self, value: #ty) -> Self { self.body = Some(value); self }
            });
        }
    }
    let send = send_fn(api, op, default_error);
    let stream = stream_fn(api, op, default_error);
    let request_options = crate::reserved::macro_path(crate::reserved::REQUEST_OPTIONS_MACRO);
    let request_options = quote!(#request_options!(););
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent with `.send().await`"]
        pub struct #name {
            client: crate::Client,
            #(#fields,)*
            options: crate::RequestOptions,
        }
        impl #name {
            #(#setters)*
            #request_options
            #send
            #stream
        }
    }
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form { explode } => {
            quote!(crate::runtime::query::QueryStyle::Form { explode: #explode })
        }
        ParamStyle::DeepObject => quote!(crate::runtime::query::QueryStyle::DeepObject),
        ParamStyle::SpaceDelimited => quote!(crate::runtime::query::QueryStyle::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(crate::runtime::query::QueryStyle::PipeDelimited),
        ParamStyle::Simple => quote!(crate::runtime::query::QueryStyle::Form { explode: false }),
        ParamStyle::Brackets => quote!(crate::runtime::query::QueryStyle::Brackets),
    }
}

fn send_fn(api: &Api, op: &Operation, default_error: &TypeRef) -> TokenStream {
    let error = error_type(api, op, default_error);
    let error_body = type_tokens(api, error_body(op, default_error), Scope::Crate);
    let op_id = &op.operation_id;
    let http_method = ident(op.http_method.as_str());
    let template = &op.path;
    let idempotent = op.http_method.idempotent();
    let statuses = &op.error_statuses;

    let mut path_pieces = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => path_pieces.push(quote!(path.push_str(#text);)),
            PathPart::Param(index) => {
                let p = &op.params[*index];
                let field = ident(&p.rust_name);
                let wire = &p.wire_name;
                let text = match &p.ty {
                    TypeRef::String => quote!(&self.#field),
                    _ => quote!(&self.#field.to_string()),
                };
                path_pieces.push(quote!(path.push_str(&crate::runtime::path::path_segment::<#error_body>(#wire, #text)?);));
            }
        }
    }
    let queries = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| {
            let field = ident(&p.rust_name);
            let wire = &p.wire_name;
            let style = style_tokens(p.style);
            if p.required {
                quote!(query.push(#wire, &self.#field, #style);)
            } else {
                quote!(if let Some(value) = &self.#field { query.push(#wire, value, #style); })
            }
        });
    // Header and cookie parameters travel as extra headers of this request's options.
    let mut header_writes = Vec::new();
    let mut cookie_writes = Vec::new();
    for p in &op.params {
        let field = ident(&p.rust_name);
        let wire = &p.wire_name;
        let text = header_text(api, &p.ty, quote!(value));
        let write = match p.location {
            ParamLocation::Header => quote!(options.header(#wire, &#text);),
            // `name=value`, the value percent-encoded: a cookie value may not hold `;`, `,`,
            // spaces or quotes (RFC 6265).
            ParamLocation::Cookie => quote! {
                cookies.push([#wire, "=", &crate::runtime::path::encode_segment(&#text)].concat());
            },
            _ => continue,
        };
        let write = if p.required {
            quote!({ let value = &self.#field; #write })
        } else {
            quote!(if let Some(value) = &self.#field { #write })
        };
        match p.location {
            ParamLocation::Header => header_writes.push(write),
            _ => cookie_writes.push(write),
        }
    }
    let (options, options_ref) = if header_writes.is_empty() && cookie_writes.is_empty() {
        (TokenStream::new(), quote!(&self.options))
    } else {
        let cookies = if cookie_writes.is_empty() {
            TokenStream::new()
        } else {
            quote! {
                let mut cookies: Vec<String> = Vec::new();
                #(#cookie_writes)*
                if !cookies.is_empty() { options.header("Cookie", &cookies.join("; ")); }
            }
        };
        let preamble = quote! {
            let mut options = self.options.clone();
            #(#header_writes)*
            #cookies
        };
        (preamble, quote!(&options))
    };
    let has_query = op.params.iter().any(|p| p.location == ParamLocation::Query);
    let query_decl = if has_query {
        quote!(let mut query = crate::runtime::query::Query::new();)
    } else {
        quote!(let query = crate::runtime::query::Query::new();)
    };
    let body = match &op.body {
        Some(b) if b.required => quote!(Some(crate::runtime::client::json_body(&self.body)?)),
        Some(_) => quote! {
            match &self.body { Some(body) => Some(crate::runtime::client::json_body(body)?), None => None }
        },
        None => quote!(None),
    };
    let (output, decoded, finish) = match (&op.response.ty, &op.response.unwrap) {
        (Some(_), Some((field, ty, presence))) => {
            let whole = type_tokens(
                api,
                op.response.ty.as_ref().unwrap_or(&TypeRef::Json),
                Scope::Crate,
            );
            let out = field_tokens(api, ty, *presence, None, Scope::Crate);
            let field = ident(field);
            (
                out,
                whole,
                quote!(.map(|response| response.map(|value| value.#field))),
            )
        }
        (Some(ty), None) => {
            let t = type_tokens(api, ty, Scope::Crate);
            (t.clone(), t, TokenStream::new())
        }
        (None, _) => (
            quote!(()),
            quote!(serde::de::IgnoredAny),
            quote!(.map(|response| response.map(|_| ()))),
        ),
    };
    let returns_doc = match &op.response.unwrap {
        Some((field, _, _)) => own_doc(&format!(
            "Sends the request and returns the response's `{}`.",
            crate::names::bare(field)
        )),
        None => own_doc(
            "Sends the request, retrying as the client's policy allows, and decodes the response.",
        ),
    };
    // The spec's words for the success response ("A single connection"), when it has some.
    let answer_doc = match op.response.docs.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(docs) => {
            let docs = super::docs::doc_attrs(Some(&format!("The API answers: {}", docs.trim())));
            quote!(#[doc = ""] #docs)
        }
        None => TokenStream::new(),
    };
    let errors_doc = own_doc(&format!(
        "\n# Errors\n\n{} on statuses {}; see [`crate::Error`] for the other cases.",
        "`Error::Api`",
        if statuses.is_empty() {
            "none declared".to_string()
        } else {
            statuses
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));
    quote! {
        #returns_doc
        #answer_doc
        #errors_doc
        pub async fn send(self) -> Result<#output, #error> {
            self.send_with_response().await.map(crate::Response::into_value)
        }
        /// Like `send`, with the response's status and headers (request ids, rate limits)
        /// beside the value.
        ///
        /// # Errors
        ///
        /// As `send`; an error that had a response keeps its headers too ([`crate::Error::headers`]).
        pub async fn send_with_response(self) -> Result<crate::Response<#output>, #error> {
            const OPERATION: crate::runtime::operation::Operation = crate::runtime::operation::Operation {
                id: #op_id,
                method: reqwest::Method::#http_method,
                path_template: #template,
                idempotent: #idempotent,
                error_statuses: &[#(#statuses),*],
            };
            let mut path = String::new();
            #(#path_pieces)*
            #query_decl
            #(#queries)*
            #options
            let parts = crate::runtime::operation::RequestParts { path, query, body: #body };
            self.client.execute::<#decoded, #error_body>(&OPERATION, parts, #options_ref).await #finish
        }
    }
}

/// A header parameter's text (`style: simple`): a scalar's `Display`, a date-time in RFC
/// 3339, a list joined with commas.
fn header_text(api: &Api, ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Named(id) => match &api.ty(*id).kind {
            crate::ir::TypeKind::Alias(inner) => header_text(api, inner, value),
            _ => quote!(#value.to_string()),
        },
        TypeRef::DateTime => quote!(#value.to_rfc3339()),
        TypeRef::Array(inner) => {
            let item = header_text(api, inner, quote!(item));
            quote!(#value.iter().map(|item| #item).collect::<Vec<_>>().join(","))
        }
        _ => quote!(#value.to_string()),
    }
}

fn stream_fn(api: &Api, op: &Operation, default_error: &TypeRef) -> TokenStream {
    let Some(page) = &op.pagination else {
        return TokenStream::new();
    };
    if op.response.unwrap.is_some() {
        return TokenStream::new();
    }
    let error = error_type(api, op, default_error);
    let item = type_tokens(api, &page.item, Scope::Crate);
    let items_field = ident(&page.items_field);
    let items = match page.items_presence {
        Presence::Required => quote!(std::mem::take(&mut response.#items_field)),
        Presence::OptionalNullable => {
            quote!(std::mem::take(&mut response.#items_field).into_value().unwrap_or_default())
        }
        _ => quote!(response.#items_field.take().unwrap_or_default()),
    };
    // Walk the path to the cursor, through optional steps.
    let mut next = quote!(Some(response));
    for (field, presence) in &page.next_path {
        let field = ident(field);
        next = match presence {
            Presence::Required => quote!(#next.map(|v| v.#field)),
            Presence::OptionalNullable => quote!(#next.and_then(|v| v.#field.into_value())),
            _ => quote!(#next.and_then(|v| v.#field)),
        };
    }
    let cursor = ident(&page.cursor_setter);
    let doc = own_doc(
        "Every item of every page, as a stream: sends this request, then asks for each next \
         page with the cursor the previous page returned, until a page has none.\n\n\
         The stream yields an error once and ends if a page fails (after the usual retries).",
    );
    // `#[inline]` makes `stream` compiled where it is called, as a generic function is. The
    // boxing would otherwise compile the decoders of the whole page type (for
    // Hookdeck, most of the models) into the SDK crate for every user, whether or not
    // it lists anything; `send` futures are already compiled only where they are awaited.
    quote! {
        #doc
        #[inline]
        pub fn stream(self) -> futures::stream::BoxStream<'static, Result<#item, #error>> {
            Box::pin(crate::runtime::paginate::paginate(self, |request: Self| async move {
                let mut response = request.clone().send().await?;
                let items = #items;
                let next_cursor: Option<String> = #next;
                let next = next_cursor.filter(|cursor| !cursor.is_empty()).map(|cursor| request.#cursor(cursor));
                Ok(crate::runtime::paginate::Page { items, next })
            }))
        }
    }
}
