//! Type definitions of the IR.

/// Index of a named type in [`super::Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A named type of the generated crate (one per component schema and per inline schema
/// that needs a name).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust type name, unique in the `types` module.
    pub name: String,
    pub docs: Option<String>,
    /// JSON pointer of the schema it comes from.
    pub pointer: String,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    StringEnum(StringEnum),
    /// Variants tried in order; only where nothing discriminates them.
    Untagged(Untagged),
    /// An object union tagged by a property inside each variant (`Rule` by `type`).
    Tagged(Tagged),
    /// A union whose variant is named by a property beside it in the parent object.
    Sibling(Sibling),
    /// A name for another type expression.
    Alias(TypeRef),
}

/// How a value may be absent or null on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Present and not null: `T`.
    Required,
    /// Present, may be null: `Option<T>`, encoded as `null` when `None`.
    RequiredNullable,
    /// May be left out: `Option<T>`, left out when `None`.
    Optional,
    /// May be left out or null: `Nullable<T>`, which tells absent, null and a value apart.
    OptionalNullable,
}

impl Presence {
    pub fn new(required: bool, nullable: bool) -> Self {
        match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }

    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required | Presence::RequiredNullable)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// A constant tag the struct writes when it is a variant of a [`Tagged`] union
    /// (`("type", "retry")` for `RetryRule`); the property is not a field.
    pub constant_tag: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub docs: Option<String>,
    pub ty: TypeRef,
    pub presence: Presence,
    /// Set when this field merges a tag property and a union value property.
    pub sibling: Option<SiblingField>,
    /// The field holds a credential: `Debug` shows `<redacted>` instead of its value
    /// ([`crate::settings::SecretFields`]).
    pub secret: bool,
}

/// The wire shape of a merged (tag, value) field: `ty` is a [`Sibling`] union, `presence`
/// is the tag property's presence, the payload presence lives in the union's variants.
#[derive(Debug, Clone, PartialEq)]
pub struct SiblingField {
    pub tag_wire: String,
    pub value_wire: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub rust_name: String,
    pub value: String,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Untagged {
    pub variants: Vec<UntaggedVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    pub docs: Option<String>,
    /// A string enum property the object branches have with different values: decoding
    /// tries the branch only when the property holds one of its values (or, when the
    /// branch does not require it, is absent), so the enum's `Unknown` fallback never
    /// makes the branch match.
    pub told_by: Option<ToldBy>,
}

/// The string enum property that tells an untagged union's object branches apart, as one
/// branch has it.
#[derive(Debug, Clone, PartialEq)]
pub struct ToldBy {
    /// Its wire name.
    pub property: String,
    /// The values this branch accepts.
    pub values: Vec<String>,
    /// Whether the branch requires the property; if not, a value without it may be this
    /// branch's.
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub tag: String,
    pub variants: Vec<TaggedVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    pub rust_name: String,
    /// The tag values that pick this variant; the first names it. No two variants share
    /// a value.
    pub values: Vec<String>,
    /// With one value, a struct whose `constant_tag` is `(tag, value)`; with several, a
    /// struct that keeps the tag property as a field, so the value sent is the value
    /// encoded again.
    pub ty: TypeId,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sibling {
    pub variants: Vec<SiblingVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SiblingVariant {
    pub rust_name: String,
    pub tag_value: String,
    pub docs: Option<String>,
    /// The value that goes with this tag, and how it may be absent (raw JSON for a tag
    /// no union variant names).
    pub payload: Payload,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    pub ty: TypeRef,
    pub presence: Presence,
}

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    String,
    Bool,
    Int(IntKind),
    /// A JSON number: `f64`, whatever the schema's `format` says.
    Number,
    DateTime,
    /// Any JSON value.
    Json,
    /// Any JSON object.
    JsonObject,
    Named(TypeId),
    Array(Box<TypeRef>),
    /// Object with arbitrary keys.
    Map(Box<TypeRef>),
    /// A value that may be `null` where it always appears (an array item, a map value, a
    /// response body): `Option<T>`.
    Nullable(Box<TypeRef>),
    /// `T` or an array of `T`.
    OneOrMany(Box<TypeRef>),
    /// `T` or an array of exactly two `T`.
    OneOrPair(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntKind {
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}
