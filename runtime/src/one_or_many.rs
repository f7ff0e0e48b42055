// Runtime support copied by `cargo xtask codegen`; edit runtime/src/, not the generated copy.
//! [`OneOrMany`] and [`OneOrPair`]: properties that take one value or a list.

use super::query::{Query, QueryStyle, QueryValue};

/// One value, or a list of them (`id=a` or `id=a&id=b` in a query).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// A list of values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a slice, one or many.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(value: T) -> Self {
        OneOrMany::One(value)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(values: Vec<T>) -> Self {
        OneOrMany::Many(values)
    }
}

impl From<&str> for OneOrMany<String> {
    fn from(value: &str) -> Self {
        OneOrMany::One(value.to_owned())
    }
}

impl From<Vec<&str>> for OneOrMany<String> {
    fn from(values: Vec<&str>) -> Self {
        OneOrMany::Many(values.into_iter().map(str::to_owned).collect())
    }
}

impl<T: QueryValue> QueryValue for OneOrMany<T> {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        self.as_slice().write_query(name, style, out);
    }
}

/// One value, or exactly two (a primary and a secondary sort key, say).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OneOrPair<T> {
    /// A single value.
    One(T),
    /// Exactly two values.
    Pair(T, T),
}

impl<T> OneOrPair<T> {
    /// The values as a vector of one or two.
    pub fn to_vec(&self) -> Vec<&T> {
        match self {
            OneOrPair::One(v) => vec![v],
            OneOrPair::Pair(a, b) => vec![a, b],
        }
    }
}

impl<T> From<T> for OneOrPair<T> {
    fn from(value: T) -> Self {
        OneOrPair::One(value)
    }
}

impl<T> From<(T, T)> for OneOrPair<T> {
    fn from((a, b): (T, T)) -> Self {
        OneOrPair::Pair(a, b)
    }
}

impl<T: serde::Serialize> serde::Serialize for OneOrPair<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrPair::One(v) => v.serialize(serializer),
            OneOrPair::Pair(a, b) => (a, b).serialize(serializer),
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for OneOrPair<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match OneOrMany::<T>::deserialize(deserializer)? {
            OneOrMany::One(v) => Ok(OneOrPair::One(v)),
            OneOrMany::Many(values) => {
                let mut values = values.into_iter();
                match (values.next(), values.next(), values.next()) {
                    (Some(a), Some(b), None) => Ok(OneOrPair::Pair(a, b)),
                    _ => Err(serde::de::Error::invalid_length(
                        2,
                        &"one value or exactly two",
                    )),
                }
            }
        }
    }
}

impl<T: QueryValue> QueryValue for OneOrPair<T> {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        for value in self.to_vec() {
            value.write_query(name, style, out);
        }
    }
}
