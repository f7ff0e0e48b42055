//! What the runtime's macros add to the public API, written as the Rust they expand to
//! with the bodies left out (their "face"), so that the listing reads a macro call as it
//! reads the items it stands for. Each macro's doc in `runtime/src/` says that a change
//! there is a change here; `public-api.txt` then shows it, and the compile test
//! `tests/compile/tests/ui/pass/runtime_macros.rs` uses every item listed here.

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

/// `request_options!()` inside a request builder's `impl`: its option setters (`Duration`
/// is `std::time::Duration`, written short as the listing writes standard types).
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
    parse(&text, &name)
}

/// The methods a call of a runtime macro inside `impl Owner { .. }` stands for, as an
/// inherent impl of `owner` (as the impl writes it); `None` for another macro.
pub fn impl_face(mac: &syn::Macro, owner: &str) -> Option<Vec<syn::Item>> {
    let called = mac.path.segments.last()?.ident.to_string();
    (called == macro_name(REQUEST_OPTIONS_MACRO)).then_some(())?;
    parse(REQUEST_OPTIONS, owner)
}

fn parse(face: &str, name: &str) -> Option<Vec<syn::Item>> {
    syn::parse_file(&face.replace("NAME", name))
        .ok()
        .map(|file| file.items)
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
