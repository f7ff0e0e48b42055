//! Spec prose → rustdoc that renders, warns nothing, and never runs as a doc test.

use crate::ir::TypeDef;
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

pub fn type_docs(def: &TypeDef) -> TokenStream {
    doc_or(def.docs.as_deref(), &type_fallback(&def.name, &def.pointer))
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

/// One line as a doc comment can hold it: a tab becomes four spaces (clippy's
/// `tabs_in_doc_comments`), other control characters a space (a bare CR is a lexer error),
/// and bidirectional-override characters are dropped (rustc denies them in comments).
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The generator's own words as the inner doc (`//!`) of the module they open.
pub fn inner_doc(text: &str) -> TokenStream {
    doc_lines(text, true)
}

fn lines(text: &str) -> TokenStream {
    doc_lines(text, false)
}

/// One doc attribute per line of `text`: outer (`///`) or inner (`//!`).
fn doc_lines(text: &str, inner: bool) -> TokenStream {
    let attrs = text.lines().map(|line| {
        let line = clean_line(line);
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        if inner {
            quote!(#![doc = #line])
        } else {
            quote!(#[doc = #line])
        }
    });
    quote!(#(#attrs)*)
}

/// Makes spec prose safe as rustdoc:
/// - code fences become ```` ```text ```` so no doc test runs spec examples;
/// - outside code, `[`, `]`, `<`, `>` are escaped (they would be broken intra-doc links or
///   HTML tags), except markdown links `[text](url)`, and bare URLs are wrapped in `<...>`.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    // The open fence: its character, its length, and the lines inside it.
    let mut fence: Option<(char, usize, Vec<String>)> = None;
    for line in text.replace("\r\n", "\n").lines() {
        let trimmed = line.trim_start();
        match &mut fence {
            Some((c, n, body)) => {
                if closes_fence(trimmed, *c, *n) {
                    out.extend(text_block(body));
                    fence = None;
                } else {
                    body.push(line.to_string());
                }
            }
            None => match opens_fence(trimmed) {
                Some((c, n)) => fence = Some((c, n, Vec::new())),
                // Leading spaces would make an indented code block, which rustdoc runs as Rust.
                None => out.push(escape_prose(trimmed)),
            },
        }
    }
    if let Some((_, _, body)) = fence {
        out.extend(text_block(&body));
    }
    out.join("\n").trim().to_string()
}

/// A CommonMark code fence: three or more backticks or tildes.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = line.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// Closes a fence opened with `n` of `c`: at least as many, and nothing after them.
fn closes_fence(line: &str, c: char, n: usize) -> bool {
    let run = line.chars().take_while(|&x| x == c).count();
    run >= n && line[run * c.len_utf8()..].trim().is_empty()
}

/// A fenced block marked `text` (never a doc test), with a fence longer than any
/// backtick run that starts a line inside it.
fn text_block(body: &[String]) -> Vec<String> {
    let longest = body
        .iter()
        .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut out = vec![format!("{fence}text")];
    out.extend(body.iter().cloned());
    out.push(fence);
    out
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
        assert_eq!(
            sanitize("````md\n```rust\nx\n```\n````\nafter [x]"),
            "````text\n```rust\nx\n```\n````\nafter \\[x\\]"
        );
        assert_eq!(sanitize("~~~\n```\n~~~"), "````text\n```\n````");
        assert_eq!(sanitize("    indented"), "indented");
        assert_eq!(sanitize("ends */ here"), "ends \\*/ here");
    }
}
