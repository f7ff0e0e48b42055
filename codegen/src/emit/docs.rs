//! Spec prose → rustdoc that renders, warns nothing, and never runs as a doc test.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for a piece of spec prose (nothing for `None`).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) if !text.trim().is_empty() => lines(&sanitize(text)),
        _ => TokenStream::new(),
    }
}

/// Spec prose, or the generator's own fallback line where the spec says nothing.
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text {
        Some(text) if !text.trim().is_empty() => lines(&sanitize(text)),
        _ => own_doc(fallback),
    }
}

/// The fallback doc of a type: where in the spec it comes from.
pub fn type_fallback(name: &str, pointer: &str) -> String {
    match pointer.strip_prefix("/components/schemas/") {
        Some(schema) if !schema.contains('/') => {
            format!("The spec's `{}` schema.", schema.replace('`', "'"))
        }
        _ => format!(
            "`{name}`: an inline schema of the spec (at `{}`).",
            pointer.replace('`', "'")
        ),
    }
}

/// Doc attributes for text the generator writes itself (already valid rustdoc).
pub fn own_doc(text: &str) -> TokenStream {
    lines(text)
}

/// Inner (`#![doc]`) attributes, for module and crate docs.
pub fn inner_doc(text: &str) -> TokenStream {
    let attrs = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#attrs)*)
}

fn lines(text: &str) -> TokenStream {
    let attrs = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// Makes spec prose safe as rustdoc:
/// - code fences become ```` ```text ```` so no doc test runs spec examples;
/// - outside code, `[`, `]`, `<`, `>` are escaped (they would be broken intra-doc links or
///   HTML tags), except markdown links `[text](url)`, and bare URLs are wrapped in `<...>`.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.replace("\r\n", "\n").lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence {
                "```".to_string()
            } else {
                "```text".to_string()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
        } else {
            // Leading spaces would make an indented code block, which rustdoc runs as Rust.
            out.push(escape_prose(line.trim_start()));
        }
    }
    if in_fence {
        out.push("```".to_string());
    }
    out.join("\n").trim().to_string()
}

fn escape_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        if let Some((link, used)) = markdown_link(&chars[i..]) {
            out.push_str(&link);
            i += used;
            continue;
        }
        if let Some(len) = url_len(&chars[i..]) {
            let url: String = chars[i..i + len].iter().collect();
            out.push('<');
            out.push_str(&url);
            out.push('>');
            i += len;
            continue;
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' if chars.get(i + 1) == Some(&'/') => out.push_str("\\*"),
            _ => out.push(c),
        }
        i += 1;
    }
    if in_code {
        out.push('`');
    }
    out
}

/// `[text](http...)` kept as a link; `[text](#anchor)` (dead outside the spec's site)
/// becomes plain text.
fn markdown_link(chars: &[char]) -> Option<(String, usize)> {
    if chars.first() != Some(&'[') {
        return None;
    }
    let close = chars.iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + chars[close + 1..].iter().position(|&c| c == ')')?;
    let text: String = chars[1..close].iter().collect();
    let target: String = chars[close + 2..end].iter().collect();
    let text = text.replace(['[', ']', '<', '>'], "");
    let link = if target.starts_with("http://") || target.starts_with("https://") {
        format!("[{text}]({target})")
    } else {
        text
    };
    Some((link, end + 1))
}

fn url_len(chars: &[char]) -> Option<usize> {
    let s: String = chars.iter().take(8).collect();
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let len = chars
        .iter()
        .position(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(chars.len());
    // A sentence's closing punctuation is not part of the URL.
    let mut len = len;
    while len > 0 && matches!(chars[len - 1], '.' | ',' | ';' | ':' | ')' | '\'') {
        len -= 1;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            sanitize("body.items[*].sku"),
            "body.items\\[\\*\\].sku".replace("\\*", "*")
        );
        assert_eq!(sanitize("a <br> b"), "a &lt;br&gt; b");
        assert_eq!(sanitize("see https://x.io/a."), "see <https://x.io/a>.");
        assert_eq!(
            sanitize("[Destination](#destination-object)"),
            "Destination"
        );
        assert_eq!(sanitize("[docs](https://d.io)"), "[docs](https://d.io)");
        assert_eq!(sanitize("`a[0]`"), "`a[0]`");
        assert_eq!(sanitize("```js\nfoo()\n```"), "```text\nfoo()\n```");
        assert_eq!(sanitize("```\nunclosed"), "```text\nunclosed\n```");
        assert_eq!(sanitize("    indented"), "indented");
        assert_eq!(sanitize("ends */ here"), "ends \\*/ here");
    }
}
