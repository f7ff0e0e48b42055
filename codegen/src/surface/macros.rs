//! What the runtime's macros add to the public API, written as the Rust they expand to
//! with the bodies left out (their "face"), so that the listing reads a macro call as it
//! reads the items it stands for. Each macro's doc in `runtime/src/` says that a change
//! there is a change here; the tests below hold each face against its macro's source, and
//! the compile test `tests/compile/tests/ui/pass/runtime_macros.rs` uses every item listed
//! here.

use crate::reserved::{
    macro_name, MODEL_SERDE_MACRO, REQUEST_OPTIONS_MACRO, SIBLING_UNION_MACRO, STRING_ENUM_MACRO,
};
use proc_macro2::{TokenStream, TokenTree};

/// `model_serde!(Name, ...)`: the two serde traits.
const MODEL_SERDE: &str =
    "impl serde::Serialize for NAME {} impl<'de> serde::Deserialize<'de> for NAME {}";

/// `string_enum!(Name, ...)`: `as_str`, the conversions from text, and serde.
const STRING_ENUM: &str = "
    impl NAME {
        /// The value as it is written on the wire.
        pub fn as_str(&self) -> &str {}
    }
    impl From<&str> for NAME {}
    impl std::str::FromStr for NAME {}
    impl std::fmt::Display for NAME {}
    impl serde::Serialize for NAME {}
    impl<'de> serde::Deserialize<'de> for NAME {}";

/// `sibling_union!(Name, ...)`: `tag()`; and `From<T>` for each `from T` (see
/// [`SIBLING_FROM`]).
const SIBLING_UNION: &str = "impl NAME {
    /// The tag value that goes with this variant on the wire (empty for
    /// `Untagged`, which has none).
    pub fn tag(&self) -> &str {}
}";
const SIBLING_FROM: &str = "impl From<PAYLOAD> for NAME {}";

/// `request_options!()` inside a request builder's `impl`: its option setters. `Duration`
/// is the macro's `std::time::Duration`, written as the builders wrote it before they were
/// a macro, so that the listing did not change.
const REQUEST_OPTIONS: &str = "impl NAME {
    /// Overrides the client's overall timeout for each attempt of this request.
    pub fn timeout(self, timeout: Duration) -> Self {}
    /// Overrides the client's connect timeout for this request.
    pub fn connect_timeout(self, timeout: Duration) -> Self {}
    /// Replaces this request's options (timeouts, retries, headers) at once.
    pub fn options(self, options: crate::RequestOptions) -> Self {}
    /// Adds a header to this request (an idempotency key, a tracing id); see
    /// [`RequestOptions::header`](crate::RequestOptions::header).
    pub fn header(self, name: &str, value: &str) -> Self {}
    /// Overrides how many times this request is retried (0 disables retries).
    pub fn max_retries(self, max_retries: u32) -> Self {}
    /// Limits the time this call may take in all, every attempt and the waits between
    /// them; see [`ClientBuilder::deadline`](crate::ClientBuilder::deadline).
    pub fn deadline(self, deadline: Duration) -> Self {}
}";

/// The items an item-level call of a runtime macro stands for; `None` for another macro.
pub fn item_face(mac: &syn::Macro) -> Option<Vec<syn::Item>> {
    let called = mac.path.segments.last()?.ident.to_string();
    let is = |path: &str| called == macro_name(path);
    let arguments = arguments(&mac.tokens);
    let name = arguments.first()?.clone().into_iter().next()?.to_string();
    let text = if is(MODEL_SERDE_MACRO) {
        MODEL_SERDE.to_string()
    } else if is(STRING_ENUM_MACRO) {
        STRING_ENUM.to_string()
    } else if is(SIBLING_UNION_MACRO) {
        let froms = arguments[1..].iter().filter_map(|variant| {
            let mut tokens = variant.clone().into_iter();
            tokens.find(|t| matches!(t, TokenTree::Ident(i) if i == "from"))?;
            Some(SIBLING_FROM.replace("PAYLOAD", &tokens.collect::<TokenStream>().to_string()))
        });
        std::iter::once(SIBLING_UNION.to_string())
            .chain(froms)
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        return None;
    };
    Some(parse(&text, &name))
}

/// The methods a call of a runtime macro inside `impl Owner { .. }` stands for, as an
/// inherent impl of `owner` (as the impl writes it); `None` for another macro.
pub fn impl_face(mac: &syn::Macro, owner: &str) -> Option<Vec<syn::Item>> {
    let called = mac.path.segments.last()?.ident.to_string();
    (called == macro_name(REQUEST_OPTIONS_MACRO)).then_some(())?;
    Some(parse(REQUEST_OPTIONS, owner))
}

fn parse(face: &str, name: &str) -> Vec<syn::Item> {
    // The faces are constants: one that does not parse is a bug here, not bad input.
    let file = syn::parse_file(&face.replace("NAME", name)).expect("a macro's face parses");
    file.items
}

/// A macro's arguments: its tokens split at the commas outside brackets.
fn arguments(tokens: &TokenStream) -> Vec<TokenStream> {
    let mut out = vec![TokenStream::new()];
    for token in tokens.clone() {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => out.push(TokenStream::new()),
            _ => out
                .last_mut()
                .expect("one argument at least")
                .extend([token]),
        }
    }
    out.retain(|argument| !argument.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reserved::runtime_macro_text as macro_text;

    const STRING_ENUM_SOURCE: &str = include_str!("../../../runtime/src/string_enum.rs");
    const SIBLING_SOURCE: &str = include_str!("../../../runtime/src/sibling.rs");
    const BUILDER_OPTIONS_SOURCE: &str = include_str!("../../../runtime/src/builder_options.rs");

    /// The doc lines (without `///`) of the items of a face.
    fn doc_lines(items: &[syn::Item]) -> Vec<String> {
        let mut found = Vec::new();
        let mut attrs: Vec<&syn::Attribute> = Vec::new();
        for item in items {
            if let syn::Item::Impl(block) = item {
                for inner in &block.items {
                    if let syn::ImplItem::Fn(f) = inner {
                        attrs.extend(&f.attrs);
                    }
                }
            }
        }
        for attr in attrs {
            if let syn::Meta::NameValue(nv) = &attr.meta {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &nv.value
                {
                    found.push(text.value().trim().to_string());
                }
            }
        }
        found
    }

    /// Every public function and public trait impl a face lists, and every doc line, is in
    /// the macro's source; and the macro has no public function or impl of a public trait
    /// the face leaves out.
    fn assert_face_matches(face: &str, macro_text: &str) {
        let items = parse(face, "Name");
        let (mut functions, mut traits) = (Vec::new(), Vec::new());
        for item in &items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            match &block.trait_ {
                Some((path, _)) => {
                    let last = path.segments.last().expect("a trait").ident.to_string();
                    traits.push(last);
                }
                None => block.items.iter().for_each(|inner| {
                    if let syn::ImplItem::Fn(f) = inner {
                        functions.push(f.sig.ident.to_string());
                    }
                }),
            }
        }
        for function in &functions {
            assert!(
                macro_text.contains(&format!("pub fn {function}(")),
                "no `pub fn {function}` in:\n{macro_text}"
            );
        }
        assert_eq!(
            macro_text.matches("pub fn ").count(),
            functions.len(),
            "public functions in:\n{macro_text}"
        );
        for line in doc_lines(&items) {
            assert!(
                macro_text.contains(&format!("/// {line}")) || line.is_empty(),
                "doc line `{line}` not in:\n{macro_text}"
            );
        }
        // `impl<..> Trait<..> for $name`: the public traits (not the runtime's own).
        let implemented: Vec<String> = macro_text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("impl"))
            .filter(|rest| rest.contains(" for $name") && !rest.contains("$crate::runtime"))
            .map(|rest| {
                let head = rest.split(" for $name").next().unwrap_or_default();
                let path = head.trim_start_matches(|c| c != ' ').trim();
                let path = path.split('<').next().unwrap_or(path);
                path.rsplit("::").next().unwrap_or(path).to_string()
            })
            .collect();
        let mut expected = traits.clone();
        expected.sort();
        let mut implemented_sorted = implemented.clone();
        implemented_sorted.sort();
        assert_eq!(
            implemented_sorted, expected,
            "trait impls of:\n{macro_text}"
        );
    }

    #[test]
    fn the_string_enum_face_is_what_the_macro_defines() {
        assert_face_matches(STRING_ENUM, macro_text(STRING_ENUM_SOURCE, "string_enum"));
    }

    #[test]
    fn the_sibling_union_face_is_what_the_macro_defines() {
        let face = format!(
            "{SIBLING_UNION}\n{}",
            SIBLING_FROM.replace("PAYLOAD", "Payload")
        );
        assert_face_matches(&face, macro_text(SIBLING_SOURCE, "sibling_union"));
    }

    #[test]
    fn the_model_serde_face_is_what_the_macro_defines() {
        let wire = include_str!("../../../runtime/src/wire.rs");
        assert_face_matches(MODEL_SERDE, macro_text(wire, "model_serde"));
    }

    /// The setters `request_options!()` expands to, read from the macro's body as an
    /// `impl`, list as the face lists them, docs included.
    #[test]
    fn the_request_options_face_is_what_the_macro_defines() {
        let file = syn::parse_file(BUILDER_OPTIONS_SOURCE).expect("parses");
        let body = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Macro(m) if m.ident.as_ref().is_some_and(|i| i == "request_options") => {
                    m.mac.tokens.clone().into_iter().find_map(|t| match t {
                        proc_macro2::TokenTree::Group(g)
                            if g.delimiter() == proc_macro2::Delimiter::Brace =>
                        {
                            Some(g.stream())
                        }
                        _ => None,
                    })
                }
                _ => None,
            })
            .expect("the macro's body");
        let body = body
            .to_string()
            .replace("$ crate", "crate")
            .replace("std :: time :: Duration", "Duration");
        let listed = |text: &str| {
            let file = syn::parse_file(text).expect("parses");
            let mut items = Vec::new();
            super::super::extract::items(&file, "operations", &mut items);
            items
                .into_iter()
                .map(|i| (i.line, i.docs))
                .collect::<Vec<_>>()
        };
        let expanded = listed(&format!("impl ListThingsRequest {{ {body} }}"));
        let face = listed(&REQUEST_OPTIONS.replace("NAME", "ListThingsRequest"));
        assert_eq!(expanded.len(), 6, "{expanded:?}");
        assert_eq!(expanded, face);
    }
}
