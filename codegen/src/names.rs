//! The one place that turns spec names into Rust identifiers: cases, keywords, digits,
//! non-ASCII, and collisions.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words that cannot be identifiers even as raw identifiers (`r#self` is invalid).
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keeps ASCII letters and digits; every other character becomes a word break.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `SourceTypeConfigSTRIPE` → `SourceTypeConfigStripe`; `PROPERTY-FINDER` → `PropertyFinder`.
/// A leading digit gets an `N` prefix; a name with no ASCII letter or digit becomes `fallback`.
pub fn type_name(raw: &str, fallback: &str) -> String {
    let name = ascii_words(raw).to_upper_camel_case();
    let name = if name.is_empty() {
        fallback.to_upper_camel_case()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    };
    if name == "Self" {
        "SelfType".to_string()
    } else {
        name
    }
}

/// `auth_type` → `auth_type`, `type` → `r#type`, `self` → `self_`, `3d` → `n3d`.
pub fn field_name(raw: &str, fallback: &str) -> String {
    let name = ascii_words(raw).to_snake_case();
    let name = if name.is_empty() {
        fallback.to_snake_case()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else {
        name
    };
    escape_keyword(name)
}

/// Method names follow field rules.
pub fn method_name(raw: &str) -> String {
    field_name(raw, "call")
}

fn escape_keyword(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier without a raw prefix, for building derived names.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names unique within one scope (a module, a struct's fields, an enum's
/// variants). A taken name gets the smallest free numeric suffix: `Asc`, `Asc2`.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves a name up front so generated names avoid it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_string());
    }

    pub fn unique(&mut self, wanted: String) -> String {
        if self.taken.insert(bare(&wanted).to_string()) {
            return wanted;
        }
        let base = bare(&wanted).to_string();
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(
            type_name("SourceTypeConfigSTRIPE", "T"),
            "SourceTypeConfigStripe"
        );
        assert_eq!(type_name("PROPERTY-FINDER", "T"), "PropertyFinder");
        assert_eq!(
            type_name("SourceConfigCustomer.IOAuth", "T"),
            "SourceConfigCustomerIoAuth"
        );
        assert_eq!(type_name("3dEye", "T"), "N3dEye");
        assert_eq!(type_name("ünï", "fallback"), "N");
        assert_eq!(type_name("—", "fallback"), "Fallback");
        assert_eq!(type_name("Self", "T"), "SelfType");
    }

    #[test]
    fn fields() {
        assert_eq!(field_name("type", "f"), "r#type");
        assert_eq!(field_name("self", "f"), "self_");
        assert_eq!(field_name("Self", "f"), "self_");
        assert_eq!(field_name("crate", "f"), "crate_");
        assert_eq!(field_name("fooBar", "f"), "foo_bar");
        assert_eq!(field_name("3d", "f"), "n3d");
        assert_eq!(field_name("$", "value"), "value");
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut ns = Namespace::new();
        assert_eq!(ns.unique(field_name("foo_bar", "f")), "foo_bar");
        assert_eq!(ns.unique(field_name("fooBar", "f")), "foo_bar2");
        let mut ns = Namespace::new();
        assert_eq!(ns.unique("Asc".into()), "Asc");
        assert_eq!(ns.unique("Asc".into()), "Asc2");
        assert_eq!(ns.unique("V2".into()), "V2");
        assert_eq!(ns.unique("V2".into()), "V2_2");
    }
}
