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

/// Keeps ASCII letters and digits, spells common Latin letters with diacritics in ASCII
/// (`über` → `uber`); every other character becomes a word break.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(ascii) = latin_ascii(c) {
            out.push_str(ascii);
        } else {
            out.push(' ');
        }
    }
    out
}

/// ASCII spelling of the Latin-1 letters with diacritics (and ligatures).
fn latin_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        _ => return None,
    })
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

/// The variant name for an enum value: [`type_name`] when the value has letters or digits,
/// `Empty` for `""`, the symbols spelled out for punctuation (`+` → `Plus`, `>=` →
/// `GtEq`), else `Value`.
pub fn variant_name(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_string();
    }
    if !ascii_words(value).trim().is_empty() {
        return type_name(value, "Value");
    }
    let spelled: Option<Vec<&str>> = value.chars().map(symbol_word).collect();
    match spelled {
        Some(words) => words.concat(),
        None => "Value".to_string(),
    }
}

fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "Plus",
        '-' => "Minus",
        '*' => "Star",
        '/' => "Slash",
        '\\' => "Backslash",
        '<' => "Lt",
        '>' => "Gt",
        '=' => "Eq",
        '!' => "Bang",
        '?' => "Question",
        '.' => "Dot",
        ',' => "Comma",
        ':' => "Colon",
        ';' => "Semicolon",
        '|' => "Pipe",
        '&' => "Amp",
        '%' => "Percent",
        '$' => "Dollar",
        '#' => "Hash",
        '@' => "At",
        '^' => "Caret",
        '~' => "Tilde",
        '`' => "Backtick",
        '\'' => "Quote",
        '"' => "DoubleQuote",
        '(' => "LParen",
        ')' => "RParen",
        '[' => "LBracket",
        ']' => "RBracket",
        '{' => "LBrace",
        '}' => "RBrace",
        '_' => "Underscore",
        ' ' => "Space",
        _ => return None,
    })
}

/// `DestinationTypeConfigHttpRateLimit` → `Destination`, `Type`, `Config`, `Http`, `Rate`, `Limit`.
pub fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        let starts_word = c.is_ascii_uppercase() || words.is_empty();
        match words.last_mut() {
            Some(last) if !starts_word => last.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
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

/// A module for a group of operations: `Bulk retry events` → `bulk_retry_events`. Never a
/// keyword (no raw identifiers in paths), nor `mod`, the file that declares the modules.
pub fn module_name(raw: &str) -> String {
    let name = bare(&field_name(raw, "general"))
        .trim_end_matches('_')
        .to_string();
    if KEYWORDS.contains(&name.as_str())
        || NON_RAW_KEYWORDS.contains(&name.as_str())
        || name == "mod"
    {
        format!("{name}_ops")
    } else {
        name
    }
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
        assert_eq!(type_name("ünï", "fallback"), "Uni");
        assert_eq!(type_name("日本", "fallback"), "Fallback");
        assert_eq!(field_name("größe", "f"), "grosse");
        assert_eq!(type_name("—", "fallback"), "Fallback");
        assert_eq!(type_name("Self", "T"), "SelfType");
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name("asc"), "Asc");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("+"), "Plus");
        assert_eq!(variant_name(">="), "GtEq");
        assert_eq!(variant_name("*/"), "StarSlash");
        assert_eq!(variant_name("日本"), "Value");
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
