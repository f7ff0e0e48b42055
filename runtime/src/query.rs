// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! Query strings: OpenAPI parameter styles turned into ordered key/value pairs.
//!
//! A [`Query`] collects decoded pairs; the client encodes them once, as
//! `application/x-www-form-urlencoded` (so `+` travels as `%2B`, a space as `+`, and
//! brackets as `%5B`/`%5D`). Values say how they are written through [`QueryValue`]; the
//! generated code implements it for its own enums and objects, objects through
//! [`write_object_field`].

use std::fmt;

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeZone};

/// Ordered query pairs, not yet percent-encoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the parameter `name` with `value`, written in `style`. Absent values
    /// (`None`, empty lists) append nothing.
    pub fn push<V: QueryValue + ?Sized>(&mut self, name: &str, value: &V, style: QueryStyle) {
        value.write_query(name, style, self);
    }

    /// Appends one raw pair (not yet percent-encoded).
    pub fn push_pair(&mut self, key: String, value: String) {
        self.pairs.push((key, value));
    }

    /// The pairs, in order, not percent-encoded.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs encoded as `application/x-www-form-urlencoded`, without a leading `?`.
    pub fn encode(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs.iter())
            .finish()
    }
}

/// How a parameter is laid out in the query string (OpenAPI `style` and `explode`).
///
/// | style | scalar `x` | list `[a, b]` | object `{f: 1, g: 2}` |
/// |---|---|---|---|
/// | `Form { explode: true }` (the OpenAPI default) | `p=x` | `p=a&p=b` | `f=1&g=2` |
/// | `Form { explode: false }` | `p=x` | `p=a,b` | `p=f,1,g,2` |
/// | `DeepObject` | `p=x` | `p=a&p=b` | `p[f]=1&p[g]=2` |
/// | `SpaceDelimited` | `p=x` | `p=a b` | `p=f 1 g 2` |
/// | `PipeDelimited` | `p=x` | `p=a\|b` | `p=f\|1\|g\|2` |
/// | `Brackets` (not OpenAPI's) | `p=x` | `p[]=a&p[]=b` | `f=1&g=2` |
///
/// OpenAPI leaves deepObject lists and delimited scalars undefined; the table shows what
/// this crate sends. Delimited styles are always unexploded (exploded they would be
/// `Form { explode: true }`). Empty lists and `None` send nothing at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form`; `explode` repeats the key for each list item and spreads object fields.
    Form {
        /// Whether lists repeat the key and objects spread their fields.
        explode: bool,
    },
    /// `style: deepObject`: object fields as `param[field]=value`.
    DeepObject,
    /// `style: spaceDelimited`: list items joined by spaces.
    SpaceDelimited,
    /// `style: pipeDelimited`: list items joined by `|`.
    PipeDelimited,
    /// Each list item as `param[]=item`, a list of one included: the form query parsers
    /// such as Node's `qs` and Rails read as a list whatever its length (`p=a` reads as a
    /// string). Not an OpenAPI style; an API's settings choose it.
    Brackets,
}

impl QueryStyle {
    /// The OpenAPI default for query parameters: form, exploded.
    pub const DEFAULT: QueryStyle = QueryStyle::Form { explode: true };

    /// The separator of unexploded lists and objects, if the style joins them.
    fn delimiter(self) -> Option<&'static str> {
        match self {
            QueryStyle::Form { explode: false } => Some(","),
            QueryStyle::SpaceDelimited => Some(" "),
            QueryStyle::PipeDelimited => Some("|"),
            QueryStyle::Form { explode: true } | QueryStyle::DeepObject | QueryStyle::Brackets => {
                None
            }
        }
    }
}

impl Default for QueryStyle {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A value that can be sent as a query parameter.
pub trait QueryValue {
    /// Appends this value as the parameter `name`, written in `style`, to `out`.
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query);
}

/// Implements [`QueryValue`] for types whose `Display` is their query form.
macro_rules! display_query_value {
    ($($ty:ty),* $(,)?) => {
        $(
            impl QueryValue for $ty {
                fn write_query(&self, name: &str, _style: QueryStyle, out: &mut Query) {
                    out.push_pair(name.to_owned(), self.to_string());
                }
            }
        )*
    };
}

display_query_value!(
    bool, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64, char,
);

impl QueryValue for str {
    fn write_query(&self, name: &str, _style: QueryStyle, out: &mut Query) {
        out.push_pair(name.to_owned(), self.to_owned());
    }
}

impl QueryValue for String {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        self.as_str().write_query(name, style, out);
    }
}

/// RFC 3339, `Z` for UTC, fractional seconds only when they are not zero
/// (`2024-01-01T00:00:00Z`, `2024-01-01T00:00:00.250+02:00`).
impl<Tz: TimeZone> QueryValue for DateTime<Tz>
where
    Tz::Offset: fmt::Display,
{
    fn write_query(&self, name: &str, _style: QueryStyle, out: &mut Query) {
        out.push_pair(
            name.to_owned(),
            self.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        );
    }
}

/// `YYYY-MM-DD`.
impl QueryValue for NaiveDate {
    fn write_query(&self, name: &str, _style: QueryStyle, out: &mut Query) {
        out.push_pair(name.to_owned(), self.format("%Y-%m-%d").to_string());
    }
}

impl<T: QueryValue> QueryValue for [T] {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        let mut items: Vec<&dyn QueryValue> = Vec::with_capacity(self.len());
        for item in self {
            items.push(item);
        }
        write_list(&items, name, style, out);
    }
}

/// The body of `[T]`'s [`QueryValue`], compiled once for every item type. Generic, it
/// would be copied for each item type: with `write_object_field`'s body, a third of the
/// LLVM IR the generated crate compiles itself.
fn write_list(items: &[&dyn QueryValue], name: &str, style: QueryStyle, out: &mut Query) {
    match style.delimiter() {
        None if style == QueryStyle::Brackets => {
            let name = format!("{name}[]");
            for item in items {
                item.write_query(&name, QueryStyle::DEFAULT, out);
            }
        }
        None => {
            for item in items {
                item.write_query(name, style, out);
            }
        }
        Some(delimiter) => {
            let mut values = Vec::new();
            for item in items {
                values.extend(flat_values(*item));
            }
            if !values.is_empty() {
                out.push_pair(name.to_owned(), values.join(delimiter));
            }
        }
    }
}

impl<T: QueryValue> QueryValue for Vec<T> {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        self.as_slice().write_query(name, style, out);
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        if let Some(value) = self {
            value.write_query(name, style, out);
        }
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        (**self).write_query(name, style, out);
    }
}

impl<T: QueryValue + ?Sized> QueryValue for Box<T> {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        (**self).write_query(name, style, out);
    }
}

/// The values `value` writes as an exploded form parameter, without their keys.
fn flat_values(value: &dyn QueryValue) -> Vec<String> {
    let mut tmp = Query::new();
    value.write_query("", QueryStyle::DEFAULT, &mut tmp);
    tmp.pairs.into_iter().map(|(_, v)| v).collect()
}

/// Writes the field `field` of the object parameter `param`; the generated
/// [`QueryValue`] impls of object types call this once per present field, in order.
///
/// - `DeepObject`: key `param[field]` (nested objects nest: `param[a][b]`; a list field
///   repeats the key). This is the form most servers' query parsers read as an object.
/// - `Form { explode: true }` (the OpenAPI default): key `field`; the parameter name is
///   not sent.
/// - `Form { explode: false }`, `SpaceDelimited`, `PipeDelimited`: one pair
///   `param=field,value,field,value` with the style's delimiter; consecutive fields of the
///   same parameter are merged into that pair. A list field's items are joined by the same
///   delimiter.
///
/// `None` fields and empty lists write nothing.
pub fn write_object_field<V: QueryValue + ?Sized>(
    out: &mut Query,
    param: &str,
    field: &str,
    value: &V,
    style: QueryStyle,
) {
    // `&value` is a `&&V`: `V` may be unsized, so it becomes `&dyn QueryValue` through the
    // `&T` impl. The body is compiled once, not per type.
    write_field(out, param, field, &value, style);
}

fn write_field(
    out: &mut Query,
    param: &str,
    field: &str,
    value: &dyn QueryValue,
    style: QueryStyle,
) {
    match style.delimiter() {
        None => match style {
            QueryStyle::DeepObject => {
                value.write_query(&format!("{param}[{field}]"), QueryStyle::DeepObject, out);
            }
            _ => value.write_query(field, style, out),
        },
        Some(delimiter) => {
            let values = flat_values(value);
            if values.is_empty() {
                return;
            }
            let entry = format!("{field}{delimiter}{}", values.join(delimiter));
            match out.pairs.last_mut() {
                Some((key, existing)) if key == param => {
                    existing.push_str(delimiter);
                    existing.push_str(&entry);
                }
                _ => out.push_pair(param.to_owned(), entry),
            }
        }
    }
}
