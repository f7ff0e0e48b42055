// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! The `string_enum!` macro: what every generated string enum implements, from one line
//! per variant.

/// `as_str`, `From<&str>`, `FromStr`, `Display`, `Serialize` and `Deserialize` for a
/// string enum: a unit variant per known value and `Unknown(String)` for the rest, which
/// keeps a value this version does not know as it was sent.
///
/// ```ignore
/// pub enum Status { Failed, Successful, Unknown(String) }
/// string_enum!(Status, Failed = "FAILED", Successful = "SUCCESSFUL");
/// // For a type that query parameters hold: `QueryValue` too, written as `as_str`.
/// string_enum!(Status + QueryValue, Failed = "FAILED", Successful = "SUCCESSFUL");
/// ```
///
/// The enum itself stays written out beside the call, with a doc line per value. The API
/// listing (`codegen/src/surface/macros.rs`) lists the items the call adds: a change here
/// is one there.
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident $(+ $extra:ident)?, $($variant:ident = $value:literal),* $(,)?) => {
        impl $name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
            fn from_wire(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
        impl From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(value))
            }
        }
        impl std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::wire::deserialize_str(deserializer, Self::from_wire)
            }
        }
        $($crate::runtime::string_enum::string_enum!(@$extra $name);)?
    };
    (@QueryValue $name:ident) => {
        impl $crate::runtime::query::QueryValue for $name {
            #[inline]
            fn write_query(
                &self,
                name: &str,
                style: $crate::runtime::query::QueryStyle,
                out: &mut $crate::runtime::query::Query,
            ) {
                $crate::runtime::query::QueryValue::write_query(self.as_str(), name, style, out);
            }
        }
    };
}
// Used by the generated crate's types only, not within the runtime crate itself.
#[allow(unused_imports)]
pub(crate) use string_enum;
