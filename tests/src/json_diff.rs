//! The first difference between two JSON values, for lossless round trips.

use hookdeck::serde_json::Value;
use std::collections::BTreeSet;

/// The first difference between two JSON values (expected, then got), with its JSON
/// pointer. Numbers are equal when their values are (`5` and `5.0`), and RFC 3339
/// date-times when they are the same instant (`…:14.0Z` and `…:14Z`): the SDK holds a
/// date-time as an instant and writes it back in one form.
pub fn json_diff(expected: &Value, got: &Value, at: &str) -> Option<String> {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| {
                let here = format!("{at}/{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => json_diff(x, y, &here),
                    (Some(x), None) => Some(format!("{here}: {} is lost", short(x))),
                    (None, Some(y)) => Some(format!("{here}: {} appears", short(y))),
                    (None, None) => None,
                }
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| json_diff(x, y, &format!("{at}/{i}"))),
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            };
            (!same).then(|| format!("{at}: {a} became {b}"))
        }
        _ if expected == got => None,
        (Value::String(a), Value::String(b)) if same_instant(a, b) => None,
        _ => Some(format!("{at}: {} became {}", short(expected), short(got))),
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    use hookdeck::chrono::DateTime;
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}
