// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! What the models' serde code shares: map keys, tags, timestamps, the per-field steps
//! and the `model_serde!` macro that most models' serde impls are.

use std::borrow::Cow;
use std::fmt;

/// A map key, borrowed from the input when the deserializer allows it.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Decodes a string through `from` without allocating for borrowed input (string enums).
pub fn deserialize_str<'de, D, T>(deserializer: D, from: fn(&str) -> T) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct StrVisitor<T>(fn(&str) -> T);
    impl<T> serde::de::Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }
    deserializer.deserialize_str(StrVisitor(from))
}

/// Entries read ahead of a tag, in the order received.
pub type ReadAhead = Vec<(String, serde_json::Value)>;

/// Reads map entries up to and including the tag property `tag_key`, keeping the
/// entries before it; for internally tagged unions. Servers write the tag first, so
/// usually nothing is kept and the variant decodes straight from the input.
pub fn find_tag<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
    tag_key: &str,
) -> Result<(Option<TagValue<'de>>, ReadAhead), A::Error> {
    let mut before = Vec::new();
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if key.as_str() == tag_key {
            return Ok((Some(map.next_value()?), before));
        }
        let value = map.next_value()?;
        before.push((key.0.into_owned(), value));
    }
    Ok((None, before))
}

/// The value of a tag property: a string, borrowed from the input when it can be, or
/// (from a server that breaks the spec) any other JSON value, kept for `Unknown`.
#[derive(Clone, Debug)]
pub enum TagValue<'de> {
    /// A string tag.
    Str(Cow<'de, str>),
    /// A tag that is not a string.
    Other(serde_json::Value),
}

impl TagValue<'_> {
    /// The tag, when it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            TagValue::Str(tag) => Some(tag),
            TagValue::Other(_) => None,
        }
    }

    /// The tag as the JSON value it was.
    pub fn into_json(self) -> serde_json::Value {
        match self {
            TagValue::Str(tag) => serde_json::Value::String(tag.into_owned()),
            TagValue::Other(value) => value,
        }
    }
}

impl<'de> serde::Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        use serde::Deserialize as _;
        use serde_json::Value;
        struct TagVisitor;
        impl<'de> serde::de::Visitor<'de> for TagVisitor {
            type Value = TagValue<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a tag")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Str(Cow::Owned(v)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Other(Value::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Other(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Other(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Other(v.into()))
            }
            fn visit_unit<E>(self) -> Result<TagValue<'de>, E> {
                Ok(TagValue::Other(Value::Null))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<TagValue<'de>, A::Error> {
                Value::deserialize(SeqAccessDeserializer::new(seq)).map(TagValue::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<TagValue<'de>, A::Error> {
                Value::deserialize(MapAccessDeserializer::new(map)).map(TagValue::Other)
            }
        }
        deserializer.deserialize_any(TagVisitor)
    }
}

/// Decodes a tagged object whose tag came after other properties: the object is read
/// to its end and decoded again from its text with the tag moved first, so the second
/// pass goes straight to the variant. Decoding from text rather than from a
/// `serde_json::Value` keeps every model's decoder compiled once, for one input type.
pub fn decode_tag_first<'de, T: serde::de::DeserializeOwned, A: serde::de::MapAccess<'de>>(
    tag_key: &str,
    tag: Option<TagValue<'de>>,
    before: ReadAhead,
    rest: A,
) -> Result<T, A::Error> {
    use serde::de::Error as _;
    let mut object = serde_json::Map::with_capacity(before.len() + 1);
    if let Some(tag) = tag {
        object.insert(tag_key.to_owned(), tag.into_json());
    }
    object.extend(before);
    read_rest(&mut object, rest)?;
    let text = serde_json::Value::Object(object).to_string();
    serde_json::from_str(&text).map_err(A::Error::custom)
}

/// The whole object of a tag this SDK does not know: the entries before the tag, the tag,
/// and the rest, in the order received.
pub fn collect_unknown<'de, A: serde::de::MapAccess<'de>>(
    tag_key: &str,
    tag: Option<TagValue<'de>>,
    before: ReadAhead,
    rest: A,
) -> Result<serde_json::Value, A::Error> {
    let mut object: serde_json::Map<String, serde_json::Value> = before.into_iter().collect();
    if let Some(tag) = tag {
        object.insert(tag_key.to_owned(), tag.into_json());
    }
    read_rest(&mut object, rest)?;
    Ok(serde_json::Value::Object(object))
}

/// Reads the map's remaining entries into `object`.
fn read_rest<'de, A: serde::de::MapAccess<'de>>(
    object: &mut serde_json::Map<String, serde_json::Value>,
    mut rest: A,
) -> Result<(), A::Error> {
    while let Some(key) = rest.next_key::<String>()? {
        let value = rest.next_value()?;
        object.insert(key, value);
    }
    Ok(())
}

/// Decodes a response body as JSON; an empty (or blank) body decodes as `null`, so `()`
/// and `Option` accept a 204.
///
/// The body is checked as UTF-8 once and then parsed as text: parsing the bytes directly
/// re-checks every string on its own, which costs about a tenth of the decoding time of
/// a list page. A body that is not UTF-8 is read as a plain JSON value only to get
/// serde_json's error with its position; decoding `T` from bytes as well would compile
/// every model's decoder twice.
pub fn decode_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_str("null");
    }
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(e) => Err(match serde_json::from_slice::<serde_json::Value>(body) {
            Err(located) => located,
            Ok(_) => serde::de::Error::custom(e),
        }),
    }
}

/// A date-time as the generated decoders read it: RFC 3339 through a fast path for the
/// forms servers write (`2024-01-02T03:04:05.678Z`, `...+02:00`), and chrono's parser for
/// anything else. The instant is what is kept; the offset becomes UTC.
pub struct Timestamp(pub chrono::DateTime<chrono::Utc>);

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl serde::de::Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                parse_rfc3339(v)
                    .map(Timestamp)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(TimestampVisitor)
    }
}

/// Parses an RFC 3339 date-time into UTC.
pub fn parse_rfc3339(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    fast_rfc3339(text).or_else(|| {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `None` sends the text to chrono. Public
/// so that the runtime's tests can see what it accepts on its own.
pub fn fast_rfc3339(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let b = text.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        let mut n = 0u32;
        for &c in b.get(from..from + len)? {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(n)
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(digits(0, 4)? as i32, digits(5, 2)?, digits(8, 2)?)?;
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        let used = (i - start).min(9);
        if used == 0 {
            return None;
        }
        nanos *= 10u32.pow(9 - used as u32);
    }
    let offset_seconds: i64 = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            // As chrono: an offset is at most 23:59; anything else is not a date-time.
            let (hours, minutes) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'+' {
                seconds
            } else {
                -seconds
            }
        }
        _ => return None,
    };
    // Leap seconds and out-of-range fields go to chrono.
    let naive = date.and_hms_nano_opt(hour, minute, second, nanos)?;
    let utc = match offset_seconds {
        0 => naive,
        _ => naive.checked_sub_signed(chrono::TimeDelta::try_seconds(offset_seconds)?)?,
    };
    Some(chrono::DateTime::from_naive_utc_and_offset(
        utc,
        chrono::Utc,
    ))
}

/// The read, check and write steps of one model field, by its presence on the wire. The
/// `model_serde!` expansion names a module per field
/// (`required`, `optional`, ...); each has the same four functions:
///
/// - `empty()`: the slot before the key is met;
/// - `read(slot, map)`: decodes the value into the slot;
/// - `finish(slot, wire)`: the field's value once the map is read (a missing required
///   field is an error);
/// - `write(map, wire, value)`: encodes the field (or leaves it out).
///
/// The slots are typed by inference from the struct's fields, so a call names no type.
/// For the presences that cannot fail, `model_serde!` writes `empty` and `finish` out as
/// expressions (its `@empty` and `@finish` arms): a change to those functions goes there too.
// A spec whose models use only some of these modules leaves some re-exports unused.
#[allow(unused_imports)]
pub mod field {
    // The runtime's modules the field modules below use, named once here for all of them.
    use super::super::nullable::Nullable;
    use super::super::sibling::{write as write_pair, SiblingUnion, Slot};
    use super::Timestamp;
    use serde::de::{Deserialize, MapAccess};
    use serde::ser::{Serialize, SerializeMap};

    /// Skips the value of a property no field takes.
    pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        map.next_value::<serde::de::IgnoredAny>().map(|_| ())
    }

    /// Decodes the value into the slot as a whole: `null` is the slot type's own null
    /// (`None`, `Nullable::Null`).
    pub fn replace<'de, S: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut S,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = map.next_value()?;
        Ok(())
    }

    /// Must be present and not `null`.
    pub mod required {
        use super::*;
        pub fn empty<T>() -> Option<T> {
            None
        }
        pub fn read<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
            slot: &mut Option<T>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            *slot = Some(map.next_value()?);
            Ok(())
        }
        pub fn finish<T, E: serde::de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
            slot.ok_or_else(|| E::missing_field(wire))
        }
        pub fn write<M: SerializeMap, T: Serialize + ?Sized>(
            map: &mut M,
            wire: &'static str,
            value: &T,
        ) -> Result<(), M::Error> {
            map.serialize_entry(wire, value)
        }
    }

    /// Always written (`null` for `None`); a server that leaves it out means `null`.
    pub mod required_nullable {
        pub use super::replace as read;
        pub use super::required::{empty, write};
        pub fn finish<T, E>(slot: Option<T>, _wire: &'static str) -> Result<Option<T>, E> {
            Ok(slot)
        }
    }

    /// Left out when `None`; `null` from a server reads as `None`.
    pub mod optional {
        pub use super::required_nullable::{empty, finish, read};
        use super::*;
        pub fn write<M: SerializeMap, T: Serialize>(
            map: &mut M,
            wire: &'static str,
            value: &Option<T>,
        ) -> Result<(), M::Error> {
            match value {
                Some(value) => map.serialize_entry(wire, value),
                None => Ok(()),
            }
        }
    }

    /// Absent, `null` or a value, each kept (`Nullable`).
    pub mod optional_nullable {
        pub use super::replace as read;
        use super::*;
        pub fn empty<T>() -> Nullable<T> {
            Nullable::Absent
        }
        pub fn finish<T, E>(slot: Nullable<T>, _wire: &'static str) -> Result<Nullable<T>, E> {
            Ok(slot)
        }
        pub fn write<M: SerializeMap, T: Serialize>(
            map: &mut M,
            wire: &'static str,
            value: &Nullable<T>,
        ) -> Result<(), M::Error> {
            match value {
                Nullable::Absent => Ok(()),
                _ => map.serialize_entry(wire, value),
            }
        }
    }

    /// The date-time forms of the four above: decoded through [`Timestamp`](super::Timestamp)'s
    /// fast RFC 3339 reader, written as chrono writes them.
    pub mod required_time {
        pub use super::required::{empty, finish, write};
        use super::*;
        pub fn read<'de, A: MapAccess<'de>>(
            slot: &mut Option<chrono::DateTime<chrono::Utc>>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            *slot = Some(map.next_value::<Timestamp>()?.0);
            Ok(())
        }
    }

    /// See [`required_time`].
    pub mod required_nullable_time {
        pub use super::optional_time::read;
        pub use super::required_nullable::{empty, finish, write};
    }

    /// See [`required_time`].
    pub mod optional_time {
        pub use super::optional::{empty, finish, write};
        use super::*;
        pub fn read<'de, A: MapAccess<'de>>(
            slot: &mut Option<chrono::DateTime<chrono::Utc>>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            *slot = map.next_value::<Option<Timestamp>>()?.map(|t| t.0);
            Ok(())
        }
    }

    /// See [`required_time`].
    pub mod optional_nullable_time {
        pub use super::optional_nullable::{empty, finish, write};
        use super::*;
        pub fn read<'de, A: MapAccess<'de>>(
            slot: &mut Nullable<chrono::DateTime<chrono::Utc>>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            let mut value = None;
            super::optional_time::read(&mut value, map)?;
            *slot = value.into();
            Ok(())
        }
    }

    /// A sibling-discriminated pair: the field is a union whose tag property (`wire`)
    /// and value property (`value_wire`) travel side by side in the object. `read` takes
    /// the tag, `read_value` the value, in either order; `finish` and `write` take both
    /// property names. By the tag's presence: `sibling_required` (the union),
    /// `sibling_optional` and `sibling_required_nullable` (`Option`),
    /// `sibling_optional_nullable` (`Nullable`).
    pub mod sibling_required {
        use super::*;
        pub fn empty<U>() -> Slot<U> {
            Slot::default()
        }
        pub fn read<'de, U: SiblingUnion, A: MapAccess<'de>>(
            slot: &mut Slot<U>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            slot.set_tag(map.next_value()?);
            Ok(())
        }
        pub fn read_value<'de, U: SiblingUnion, A: MapAccess<'de>>(
            slot: &mut Slot<U>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            slot.set_value(map)
        }
        pub fn finish<U: SiblingUnion, E: serde::de::Error>(
            slot: Slot<U>,
            wire: &'static str,
            value_wire: &'static str,
        ) -> Result<U, E> {
            slot.finish_required(wire, value_wire)
        }
        pub fn write<M: SerializeMap, U: SiblingUnion>(
            map: &mut M,
            wire: &'static str,
            value_wire: &'static str,
            union: &U,
        ) -> Result<(), M::Error> {
            write_pair(map, wire, value_wire, union)
        }
    }

    /// See [`sibling_required`]: a tag that may be left out (`None` leaves both out).
    pub mod sibling_optional {
        pub use super::sibling_required::{empty, read, read_value};
        use super::*;
        pub fn finish<U: SiblingUnion, E: serde::de::Error>(
            slot: Slot<U>,
            wire: &'static str,
            value_wire: &'static str,
        ) -> Result<Option<U>, E> {
            slot.finish_optional(wire, value_wire)
        }
        pub fn write<M: SerializeMap, U: SiblingUnion>(
            map: &mut M,
            wire: &'static str,
            value_wire: &'static str,
            union: &Option<U>,
        ) -> Result<(), M::Error> {
            match union {
                Some(union) => super::sibling_required::write(map, wire, value_wire, union),
                None => Ok(()),
            }
        }
    }

    /// See [`sibling_required`]: a tag that must be present and may be `null` (`None`
    /// writes a null tag).
    pub mod sibling_required_nullable {
        pub use super::sibling_optional::finish;
        pub use super::sibling_required::{empty, read, read_value};
        use super::*;
        pub fn write<M: SerializeMap, U: SiblingUnion>(
            map: &mut M,
            wire: &'static str,
            value_wire: &'static str,
            union: &Option<U>,
        ) -> Result<(), M::Error> {
            match union {
                Some(union) => super::sibling_required::write(map, wire, value_wire, union),
                None => map.serialize_entry(wire, &()),
            }
        }
    }

    /// See [`sibling_required`]: a tag that may be left out or `null`, told apart.
    pub mod sibling_optional_nullable {
        pub use super::sibling_required::{empty, read, read_value};
        use super::*;
        pub fn finish<U: SiblingUnion, E: serde::de::Error>(
            slot: Slot<U>,
            wire: &'static str,
            value_wire: &'static str,
        ) -> Result<Nullable<U>, E> {
            slot.finish_nullable(wire, value_wire)
        }
        pub fn write<M: SerializeMap, U: SiblingUnion>(
            map: &mut M,
            wire: &'static str,
            value_wire: &'static str,
            union: &Nullable<U>,
        ) -> Result<(), M::Error> {
            match union {
                Nullable::Absent => Ok(()),
                Nullable::Null => map.serialize_entry(wire, &()),
                Nullable::Value(union) => {
                    super::sibling_required::write(map, wire, value_wire, union)
                }
            }
        }
    }
}

/// How a model reads its fields from a map; implemented by [`model_serde!`] for each
/// model, whose `Deserialize` goes through the one [`ModelVisitor`]. One visitor for all
/// models, rather than one each, is 5% less build time for the crate.
pub trait ModelFields<'de>: Sized {
    /// What the model is, for error messages ("a Connection object").
    const EXPECTING: &'static str;
    /// Reads the model's fields from the rest of the map.
    fn read_map<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The serde visitor of every model: a map, read by the model's [`ModelFields`].
pub struct ModelVisitor<T>(std::marker::PhantomData<T>);

impl<T> ModelVisitor<T> {
    /// The visitor for `T`.
    #[allow(clippy::new_without_default)] // A visitor is made where it is used, never defaulted.
    pub fn new() -> Self {
        ModelVisitor(std::marker::PhantomData)
    }
}

impl<'de, T: ModelFields<'de>> serde::de::Visitor<'de> for ModelVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_map(map)
    }
}

/// `Serialize` and `Deserialize` for a model struct, from one line per field: the
/// [`field`] module for its presence, the field, and its property name.
///
/// ```ignore
/// model_serde!(
///     Connection,
///     "a Connection object",
///     required(id, "id"),
///     required_nullable_time(paused_at, "paused_at"),
/// );
/// model_serde!(RetryRule where "type" = "retry", "a RetryRule object", required(count, "count"));
/// model_serde!(Source, "a Source object", sibling_required(config, "type", "config"));
/// ```
///
/// `where "type" = "retry"` is a constant tag: written first, and skipped when read (the
/// type implies it). A `sibling_*` field is a union whose tag and value properties travel
/// side by side, read in either order.
///
/// Encoding writes the properties in order. Decoding reads each key borrowed from the
/// input where it can be (a repeated key: the last value wins), skips keys it does not
/// know, and fails on a missing required property. Inside the impls the model is `Self`:
/// a type name there would resolve where the macro is called, and a model named like a
/// generic parameter (`A`, `D`) would mean that parameter. Paths name the generated
/// crate's `runtime` module, where this file is copied: the macro is used there only.
#[allow(unused_macros)]
macro_rules! model_serde {
    (
        $name:ident $(where $tag:literal = $tag_value:literal)?,
        $expecting:literal
        $(, $kind:ident($field:ident, $wire:literal $(, $value_wire:literal)?))*
        $(,)?
    ) => {
        // Errors are passed on with `match` and `return` rather than `?`, which type-checks
        // a `Try` and a `From` conversion at each use: about a tenth of the crate's build time.
        #[allow(clippy::question_mark)]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                #[allow(unused_mut)] // a struct without fields
                let mut map = match serializer.serialize_map(None) {
                    Ok(map) => map,
                    Err(e) => return Err(e),
                };
                $(
                    if let Err(e) = map.serialize_entry($tag, $tag_value) {
                        return Err(e);
                    }
                )?
                $(
                    let written = $crate::runtime::wire::field::$kind::write(
                        &mut map, $wire, $($value_wire,)? &self.$field,
                    );
                    if let Err(e) = written {
                        return Err(e);
                    }
                )*
                map.end()
            }
        }
        impl<'de> $crate::runtime::wire::ModelFields<'de> for $name {
            const EXPECTING: &'static str = $expecting;
            #[allow(clippy::question_mark)]
            fn read_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                $(let mut $field = $crate::runtime::wire::model_serde!(@empty $kind);)*
                loop {
                    let key = match map.next_key::<$crate::runtime::wire::Key<'de>>() {
                        Ok(Some(key)) => key,
                        Ok(None) => break,
                        Err(e) => return Err(e),
                    };
                    let read = match key.as_str() {
                        $(
                            $wire => $crate::runtime::wire::field::$kind::read(&mut $field, &mut map),
                            $($value_wire => $crate::runtime::wire::field::$kind::read_value(&mut $field, &mut map),)?
                        )*
                        // The constant tag is implied by the type.
                        $($tag => $crate::runtime::wire::field::skip(&mut map),)?
                        _ => $crate::runtime::wire::field::skip(&mut map),
                    };
                    if let Err(e) = read {
                        return Err(e);
                    }
                }
                Ok(Self {
                    $($field: $crate::runtime::wire::model_serde!(@finish $kind, $field, $wire $(, $value_wire)?),)*
                })
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map($crate::runtime::wire::ModelVisitor::<Self>::new())
            }
        }
    };
    // A field's slot before its key is met, and its value once the map is read: written
    // out as expressions for the presences that cannot fail, rather than calls to
    // `field::$kind::{empty, finish}` each with its own error path, which the compiler
    // would type-check, borrow-check and optimise once per field.
    (@empty optional_nullable) => { $crate::runtime::nullable::Nullable::Absent };
    (@empty optional_nullable_time) => { $crate::runtime::nullable::Nullable::Absent };
    (@empty $kind:ident) => { $crate::runtime::wire::field::$kind::empty() };
    (@finish optional, $field:ident, $wire:literal) => { $field };
    (@finish optional_time, $field:ident, $wire:literal) => { $field };
    (@finish optional_nullable, $field:ident, $wire:literal) => { $field };
    (@finish optional_nullable_time, $field:ident, $wire:literal) => { $field };
    (@finish required_nullable, $field:ident, $wire:literal) => { $field };
    (@finish required_nullable_time, $field:ident, $wire:literal) => { $field };
    (@finish $kind:ident, $field:ident, $wire:literal $(, $value_wire:literal)?) => {
        match $crate::runtime::wire::field::$kind::finish($field, $wire $(, $value_wire)?) {
            Ok(value) => value,
            Err(e) => return Err(e),
        }
    };
}
// Used by the generated crate's models only, not within the runtime crate itself.
#[allow(unused_imports)]
pub(crate) use model_serde;
