//! What the generated calling code (`every_operation.rs`, written by `cargo xtask codegen`)
//! builds on: the [`Input`] of one call (JSON instances of an operation's parameters and
//! body), the [`Pending`] call it returns, and the [`Operation`] rows of its table.

use futures::future::BoxFuture;
use futures::FutureExt;
use hookdeck::serde_json::{self, Map, Value};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// One operation of the API, as the generated table describes it.
pub struct Operation {
    /// The spec's `operationId`.
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template as the spec writes it.
    pub path: &'static str,
    /// The statuses the operation declares as errors.
    pub error_statuses: &'static [u16],
    /// What the typed client returns of the 2xx body.
    pub response: ResponseShape,
    /// The query parameters the spec declares `style: deepObject` (sent as `name[key]=`).
    pub bracket_params: &'static [&'static str],
    /// Builds the request through the typed client and starts it; fails (nothing sent)
    /// when an instance does not decode into the type the client takes.
    pub call: fn(&hookdeck::Client, &Input) -> Result<Pending, String>,
}

/// What `send()` returns of an operation's 2xx body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseShape {
    /// The whole body, decoded.
    Body,
    /// Only this property of the body (its wire name).
    Field(&'static str),
    /// Nothing: the operation declares no JSON body.
    Empty,
}

/// The inputs of one call: an instance of the operation's parameters (an object by wire
/// name) and of its body, and the `Prefer` header for Prism (`seed=N`, `code=N`).
#[derive(Clone, Debug)]
pub struct Input {
    params: Map<String, Value>,
    body: Option<Value>,
    prefer: String,
}

impl Input {
    pub fn new(params: Map<String, Value>, body: Option<Value>, prefer: impl Into<String>) -> Self {
        Input {
            params,
            body,
            prefer: prefer.into(),
        }
    }

    /// The value of Prism's `Prefer` header.
    pub fn prefer(&self) -> &str {
        &self.prefer
    }

    /// A required parameter: the instance's, else `plausible` (JSON the generator wrote).
    pub fn required<T: DeserializeOwned>(&self, name: &str, plausible: &str) -> Result<T, String> {
        match self.params.get(name) {
            Some(value) => decode(value.clone(), &format!("parameter `{name}`")),
            None => serde_json::from_str(plausible)
                .map_err(|e| format!("the plausible value {plausible} of `{name}`: {e}")),
        }
    }

    /// An optional parameter, when the instance has one. A `null` is left out: a query
    /// string has no way to write it (OpenAPI leaves a null parameter undefined).
    pub fn optional<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, String> {
        self.params
            .get(name)
            .filter(|value| !value.is_null())
            .map(|value| decode(value.clone(), &format!("parameter `{name}`")))
            .transpose()
    }

    /// `request` with the optional parameter `name` set through `setter`, when the instance
    /// has one (see [`Input::optional`]); else `request` as it was.
    pub fn set_optional<T: DeserializeOwned, R>(
        &self,
        name: &str,
        request: R,
        setter: impl FnOnce(R, T) -> R,
    ) -> Result<R, String> {
        Ok(match self.optional::<T>(name)? {
            Some(value) => setter(request, value),
            None => request,
        })
    }

    /// The required body, typed, with its re-encoding (what the client will send).
    pub fn body<T: DeserializeOwned + Serialize>(&self) -> Result<(T, Option<Value>), String> {
        let Some(instance) = &self.body else {
            return Err("no instance of the required request body".to_owned());
        };
        let body: T = decode(instance.clone(), "the request body")?;
        let sent = serde_json::to_value(&body)
            .map_err(|e| format!("the typed request body does not encode: {e}"))?;
        Ok((body, Some(sent)))
    }

    /// The optional body, typed, with its re-encoding, when the instance has one.
    pub fn optional_body<T: DeserializeOwned + Serialize>(
        &self,
    ) -> Result<(Option<T>, Option<Value>), String> {
        if self.body.is_none() {
            return Ok((None, None));
        }
        let (body, sent) = self.body()?;
        Ok((Some(body), sent))
    }
}

fn decode<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, String> {
    let text = value.to_string();
    serde_json::from_value(value).map_err(|e| {
        format!(
            "{what} does not decode into `{}`: {e}; instance: {}",
            std::any::type_name::<T>(),
            excerpt(&text)
        )
    })
}

/// The start of a long text, for messages.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 1500;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}… ({} bytes)", &text[..at], text.len()),
        None => text.to_owned(),
    }
}

/// A typed 2xx answer, re-encoded.
#[derive(Debug)]
pub struct Decoded {
    pub status: u16,
    /// The typed value `send()` returns, encoded again as JSON.
    pub value: Result<Value, String>,
}

/// A call on its way: the typed client's future, its answer reduced to JSON, and the
/// request body as the typed client holds it (re-encoded).
pub struct Pending {
    pub answer: BoxFuture<'static, Result<Decoded, hookdeck::Error<Value>>>,
    pub body_sent: Option<Value>,
}

impl Pending {
    pub fn new<T, E, F>(future: F, body_sent: Option<Value>) -> Self
    where
        T: Serialize,
        E: Serialize,
        F: Future<Output = Result<hookdeck::Response<T>, hookdeck::Error<E>>> + Send + 'static,
    {
        let answer = future.map(|result| match result {
            Ok(response) => Ok(Decoded {
                status: response.status.as_u16(),
                value: serde_json::to_value(&response.value)
                    .map_err(|e| format!("the typed answer does not encode: {e}")),
            }),
            Err(error) => Err(error.map_api(|body| {
                serde_json::to_value(&body).unwrap_or_else(|e| Value::String(e.to_string()))
            })),
        });
        Pending {
            answer: answer.boxed(),
            body_sent,
        }
    }
}

/// A schema's round trip: JSON decoded into the schema's type and encoded again.
pub type RoundTrip = fn(Value) -> Result<Value, String>;

/// JSON decoded into `T` and encoded again; an error says which step failed.
pub fn roundtrip<T: DeserializeOwned + Serialize>(value: Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value).map_err(|e| format!("does not decode: {e}"))?;
    serde_json::to_value(&typed).map_err(|e| format!("does not encode again: {e}"))
}

/// A component schema that is a union of other component schemas.
pub struct Union {
    /// The union's name in the spec.
    pub schema: &'static str,
    /// Each member schema's name in the spec, with the variant it becomes.
    pub members: &'static [(&'static str, &'static str)],
    /// The variant a JSON value decodes into (`"(another variant)"` for `Unknown`).
    pub variant_of: fn(Value) -> Result<&'static str, String>,
}
