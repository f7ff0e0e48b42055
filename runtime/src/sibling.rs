// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! Sibling-discriminated unions: a tag property (`type`) beside a value property
//! (`config`) names which variant the value is. The generated union types implement
//! [`SiblingUnion`]; the generated parent structs use [`write()`] and [`Slot`].

use super::nullable::Nullable;
use serde::de::{DeserializeSeed, MapAccess};
use serde::ser::SerializeMap;
use std::marker::PhantomData;

/// A union whose variant is named by a tag that travels beside it.
pub trait SiblingUnion: Sized {
    /// The tag value of this variant.
    fn tag(&self) -> &str;
    /// Writes the value property (or nothing, when the variant has no value).
    fn serialize_value<M: SerializeMap>(
        &self,
        key: &'static str,
        map: &mut M,
    ) -> Result<(), M::Error>;
    /// Decodes the value of the variant the tag names.
    fn decode_value<'de, D: serde::Deserializer<'de>>(
        tag: &str,
        value: D,
    ) -> Result<Self, D::Error>;
    /// The variant for a tag whose value property is absent; `None` when it needs a value.
    fn decode_absent(tag: &str) -> Option<Self>;
    /// A value sent without its tag (the tag left out, or `null` when `tag_null`), kept as
    /// sent so that it re-encodes unchanged.
    fn untagged(tag_null: bool, value: serde_json::Value) -> Self;
    /// For a value kept by [`SiblingUnion::untagged`], whether its tag was `null`; `None`
    /// for every tagged variant.
    fn untagged_tag(&self) -> Option<bool>;
}

/// Writes the tag and value properties of a union.
pub fn write<M: SerializeMap, U: SiblingUnion>(
    map: &mut M,
    tag_key: &'static str,
    value_key: &'static str,
    union: &U,
) -> Result<(), M::Error> {
    match union.untagged_tag() {
        None => map.serialize_entry(tag_key, union.tag())?,
        Some(true) => map.serialize_entry(tag_key, &None::<&str>)?,
        Some(false) => {}
    }
    union.serialize_value(value_key, map)
}

enum Tag {
    Absent,
    Null,
    Value(String),
}

enum Value<U> {
    Absent,
    Decoded(U),
    /// The value came before its tag: kept until the tag is known.
    Buffered(serde_json::Value),
}

/// Collects a tag and a value while a parent object is decoded, in either order. When the
/// tag comes first (as servers write it) the value is decoded straight into its variant;
/// otherwise it is buffered as JSON and decoded at the end.
pub struct Slot<U> {
    tag: Tag,
    value: Value<U>,
}

impl<U> Default for Slot<U> {
    fn default() -> Self {
        Slot {
            tag: Tag::Absent,
            value: Value::Absent,
        }
    }
}

struct ValueSeed<'t, U>(&'t str, PhantomData<U>);

impl<'de, U: SiblingUnion> DeserializeSeed<'de> for ValueSeed<'_, U> {
    type Value = U;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        U::decode_value(self.0, deserializer)
    }
}

impl<U: SiblingUnion> Slot<U> {
    /// Records the tag property (`None` for `null`).
    pub fn set_tag(&mut self, tag: Option<String>) {
        self.tag = match tag {
            Some(tag) => Tag::Value(tag),
            None => Tag::Null,
        };
    }

    /// Reads the value property from the map.
    pub fn set_value<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        self.value = match &self.tag {
            Tag::Value(tag) => {
                Value::Decoded(map.next_value_seed(ValueSeed::<U>(tag, PhantomData))?)
            }
            _ => Value::Buffered(map.next_value()?),
        };
        Ok(())
    }

    fn finish<E: serde::de::Error>(self, value_key: &'static str) -> Result<Nullable<U>, E> {
        let tag = match (self.tag, self.value) {
            (Tag::Value(tag), value) => (tag, value),
            // No tag, so no variant to decode into: a value sent all the same is kept as sent.
            (tag, Value::Buffered(json)) => {
                return Ok(Nullable::Value(U::untagged(matches!(tag, Tag::Null), json)))
            }
            (Tag::Null, _) => return Ok(Nullable::Null),
            (Tag::Absent, _) => return Ok(Nullable::Absent),
        };
        let (tag, value) = tag;
        let union = match value {
            Value::Decoded(union) => union,
            // Decoded from its text rather than from the `serde_json::Value`, so that no
            // model's decoder is compiled a second time for `Value` input.
            Value::Buffered(json) => {
                let text = json.to_string();
                let mut input = serde_json::Deserializer::from_str(&text);
                U::decode_value(&tag, &mut input).map_err(E::custom)?
            }
            Value::Absent => U::decode_absent(&tag).ok_or_else(|| E::missing_field(value_key))?,
        };
        Ok(Nullable::Value(union))
    }

    /// The union of a required tag.
    pub fn finish_required<E: serde::de::Error>(
        self,
        tag_key: &'static str,
        value_key: &'static str,
    ) -> Result<U, E> {
        match self.finish(value_key)? {
            Nullable::Value(union) => match union.untagged_tag() {
                None => Ok(union),
                Some(false) => Err(E::missing_field(tag_key)),
                Some(true) => Err(E::custom(format_args!("`{tag_key}` must not be null"))),
            },
            Nullable::Absent => Err(E::missing_field(tag_key)),
            Nullable::Null => Err(E::custom(format_args!("`{tag_key}` must not be null"))),
        }
    }

    /// The union of an optional (or nullable) tag.
    pub fn finish_optional<E: serde::de::Error>(
        self,
        _tag_key: &'static str,
        value_key: &'static str,
    ) -> Result<Option<U>, E> {
        Ok(self.finish(value_key)?.into_value())
    }

    /// The union of an optional, nullable tag, keeping absent apart from null.
    pub fn finish_nullable<E: serde::de::Error>(
        self,
        _tag_key: &'static str,
        value_key: &'static str,
    ) -> Result<Nullable<U>, E> {
        self.finish(value_key)
    }
}

/// [`SiblingUnion`], `tag()` and `From` each payload for a generated sibling union, from
/// one line per variant: its tag value, how it holds its value (by the presence of the
/// value property: `required` as `T`, `required_nullable` and `optional` as `Option<T>`,
/// `optional_nullable` as `Nullable<T>`) and, when no other variant has the same payload
/// type, `from` that type.
///
/// ```ignore
/// sibling_union!(
///     SourceConfig,
///     Webhook = "WEBHOOK" optional from SourceTypeConfigWebhook,
///     Stripe = "STRIPE" optional from SourceTypeConfigStripe,
/// );
/// ```
///
/// The enum stays written out beside the call, with its `Unknown { tag, value }` and
/// `Untagged { tag_null, value }` variants. Decoding reads the tag and decodes the value as
/// that variant's type; it never guesses from the value's shape. The API listing
/// (`codegen/src/surface/macros.rs`) lists the items the call adds: a change here is one
/// there.
#[allow(unused_macros)]
macro_rules! sibling_union {
    (
        $name:ident,
        $($variant:ident = $tag:literal $presence:ident $(from $from:ty)?),*
        $(,)?
    ) => {
        impl $name {
            /// The tag value that goes with this variant on the wire (empty for
            /// `Untagged`, which has none).
            #[inline]
            pub fn tag(&self) -> &str {
                match self {
                    $(Self::$variant(..) => $tag,)*
                    Self::Unknown { tag, .. } => tag,
                    Self::Untagged { .. } => "",
                }
            }
        }
        impl $crate::runtime::sibling::SiblingUnion for $name {
            #[inline]
            fn tag(&self) -> &str {
                $name::tag(self)
            }
            fn serialize_value<M: serde::ser::SerializeMap>(
                &self,
                key: &'static str,
                map: &mut M,
            ) -> Result<(), M::Error> {
                match self {
                    $(Self::$variant(value) => {
                        $crate::runtime::sibling::sibling_union!(@write $presence, map, key, value)
                    })*
                    Self::Unknown { value: Some(value), .. } => map.serialize_entry(key, value),
                    Self::Unknown { value: None, .. } => Ok(()),
                    Self::Untagged { value, .. } => map.serialize_entry(key, value),
                }
            }
            fn decode_value<'de, D: serde::Deserializer<'de>>(
                tag: &str,
                value: D,
            ) -> Result<Self, D::Error> {
                Ok(match tag {
                    $($tag => Self::$variant(serde::Deserialize::deserialize(value)?),)*
                    _ => Self::Unknown {
                        tag: tag.to_owned(),
                        value: Some(<serde_json::Value as serde::Deserialize>::deserialize(value)?),
                    },
                })
            }
            #[inline]
            fn decode_absent(tag: &str) -> Option<Self> {
                match tag {
                    $($tag => $crate::runtime::sibling::sibling_union!(@absent $presence, $variant),)*
                    _ => Some(Self::Unknown { tag: tag.to_owned(), value: None }),
                }
            }
            #[inline]
            fn untagged(tag_null: bool, value: serde_json::Value) -> Self {
                Self::Untagged { tag_null, value }
            }
            #[inline]
            fn untagged_tag(&self) -> Option<bool> {
                match self {
                    Self::Untagged { tag_null, .. } => Some(*tag_null),
                    _ => None,
                }
            }
        }
        $($(
            impl From<$from> for $name {
                #[inline]
                fn from(value: $from) -> Self {
                    Self::$variant($crate::runtime::sibling::sibling_union!(@wrap $presence, value))
                }
            }
        )?)*
    };
    // How each presence of the value property writes a variant's value, makes the variant
    // when the value is absent, and wraps a payload: expressions, written out where they
    // are used, as hand-written code would be.
    (@write required, $map:ident, $key:ident, $value:ident) => {
        $map.serialize_entry($key, $value)
    };
    (@write required_nullable, $map:ident, $key:ident, $value:ident) => {
        $map.serialize_entry($key, $value)
    };
    (@write optional, $map:ident, $key:ident, $value:ident) => {
        match $value {
            Some(value) => $map.serialize_entry($key, value),
            None => Ok(()),
        }
    };
    (@write optional_nullable, $map:ident, $key:ident, $value:ident) => {
        if $value.is_absent() {
            Ok(())
        } else {
            $map.serialize_entry($key, $value)
        }
    };
    (@absent required, $variant:ident) => {
        None
    };
    (@absent $presence:ident, $variant:ident) => {
        Some(Self::$variant(Default::default()))
    };
    (@wrap required, $value:ident) => {
        $value
    };
    (@wrap optional_nullable, $value:ident) => {
        $crate::runtime::nullable::Nullable::Value($value)
    };
    (@wrap $presence:ident, $value:ident) => {
        Some($value)
    };
}
// Used by the generated crate's types only, not within the runtime crate itself.
#[allow(unused_imports)]
pub(crate) use sibling_union;
