//! Verifying the signatures of the webhook requests the API sends, then decoding their
//! bodies.
//!
//! A signed request carries, in a header, the base64 of an HMAC-SHA256 of its raw body
//! keyed with the project's signing secret. While a secret is being rotated a second
//! header carries the signature made with the previous secret; either one matching is
//! enough. The header names (and the prefix a project may change) come from the
//! generated crate's [`Scheme`].
//!
//! Verify the body exactly as received, before any parsing: re-serialised JSON is not the
//! same bytes. The comparison is constant time (`hmac`'s `Mac::verify_slice`), and no
//! input, however malformed, makes verification panic.
//!
//! ```
//! use __CRATE__::webhooks::{sign, Verifier};
//!
//! let body = br#"{"id":"evt_1"}"#;
//! let verifier = Verifier::new("whsec_current").with_secret("whsec_previous");
//! let signature = sign(b"whsec_current", body);
//! let headers = [(verifier.signature_header(), signature.as_str())];
//! verifier.verify_pairs(headers, body).unwrap();
//! let event: __CRATE__::serde_json::Value = verifier.verify_pairs_and_decode(headers, body).unwrap();
//! assert_eq!(event["id"], "evt_1");
//! ```

use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The MAC a signature is made with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HmacSha256,
}

/// How a signature's bytes are written in its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// Standard base64 with padding (RFC 4648 §4).
    Base64,
}

/// How an API signs its webhook requests; the generated crate passes in its own.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Scheme {
    /// The MAC.
    pub algorithm: Algorithm,
    /// How the MAC is written in the header.
    pub encoding: Encoding,
    /// The prefix of the signature headers unless a project changed it (`x-hookdeck`).
    pub default_prefix: &'static str,
    /// What follows the prefix in each header that may carry a signature, the current
    /// secret's first (`-signature`, then `-signature-2` during a rotation).
    pub header_suffixes: &'static [&'static str],
}

/// Why a webhook request was not accepted.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// None of the signature headers was present.
    MissingSignature {
        /// The header expected to carry the signature.
        header: String,
    },
    /// Signature headers were present but none could be read (not text, not the
    /// expected encoding, or the wrong length).
    MalformedSignature {
        /// The first header that could not be read.
        header: String,
    },
    /// A signature was readable but none matched the body under any secret: the body was
    /// changed, or it was signed with another secret.
    Mismatch,
    /// The signature matched but the body did not decode as the requested type.
    Decode(serde_json::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingSignature { header } => {
                write!(f, "the webhook request has no `{header}` header")
            }
            WebhookError::MalformedSignature { header } => {
                write!(f, "the webhook signature in `{header}` cannot be read")
            }
            WebhookError::Mismatch => {
                f.write_str("the webhook signature does not match the body under any secret")
            }
            WebhookError::Decode(_) => f.write_str("the verified webhook body did not decode"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Decode(error) => Some(error),
            _ => None,
        }
    }
}

/// Checks webhook requests against one or more signing secrets.
///
/// `Debug` shows the header names and how many secrets there are, never a secret.
#[derive(Clone)]
pub struct Verifier {
    scheme: Scheme,
    /// The header names, lower case, in the scheme's order.
    headers: Vec<String>,
    secrets: Vec<Vec<u8>>,
}

impl Verifier {
    /// A verifier for `scheme` with one secret; the generated crate's `Verifier::new`
    /// passes its own scheme.
    #[doc(hidden)]
    pub fn with_scheme(scheme: &Scheme, secret: impl AsRef<[u8]>) -> Self {
        Verifier {
            scheme: *scheme,
            headers: header_names(scheme, scheme.default_prefix),
            secrets: vec![secret.as_ref().to_vec()],
        }
    }

    /// Also accepts signatures made with `secret` (the previous secret during a rotation,
    /// or the secret of another project).
    #[must_use]
    pub fn with_secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.secrets.push(secret.as_ref().to_vec());
        self
    }

    /// Reads the signatures from headers starting with `prefix` (a project's own, such as
    /// `x-acme`) instead of the API's default. Header names are compared in any case.
    #[must_use]
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.headers = header_names(&self.scheme, prefix);
        self
    }

    /// The header that carries the signature made with the current secret.
    pub fn signature_header(&self) -> &str {
        self.headers.first().map_or("", String::as_str)
    }

    /// All the headers that may carry a signature, the current secret's first.
    pub fn signature_headers(&self) -> impl Iterator<Item = &str> {
        self.headers.iter().map(String::as_str)
    }

    /// Checks `body`, as received, against the signature headers in `headers` (the `http`
    /// crate's map, which axum, hyper and reqwest share).
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingSignature`], [`WebhookError::MalformedSignature`] or
    /// [`WebhookError::Mismatch`].
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verify_values(
            headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_bytes())),
            body,
        )
    }

    /// [`Verifier::verify`] with the headers as plain `(name, value)` pairs, names in any
    /// case.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify_pairs<I, K, V>(&self, headers: I, body: &[u8]) -> Result<(), WebhookError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let pairs: Vec<(K, V)> = headers.into_iter().collect();
        self.verify_values(
            pairs
                .iter()
                .map(|(name, value)| (name.as_ref(), value.as_ref())),
            body,
        )
    }

    /// Verifies, then decodes the body as JSON into `T`: a type of the SDK, your own, or
    /// `serde_json::Value`.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`], and [`WebhookError::Decode`] when the body does not decode.
    pub fn verify_and_decode<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify(headers, body)?;
        serde_json::from_slice(body).map_err(WebhookError::Decode)
    }

    /// [`Verifier::verify_and_decode`] with the headers as plain pairs.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_and_decode`].
    pub fn verify_pairs_and_decode<T, I, K, V>(
        &self,
        headers: I,
        body: &[u8],
    ) -> Result<T, WebhookError>
    where
        T: DeserializeOwned,
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        self.verify_pairs(headers, body)?;
        serde_json::from_slice(body).map_err(WebhookError::Decode)
    }

    /// The check itself: every value of every signature header against every secret.
    fn verify_values<'a>(
        &self,
        headers: impl Iterator<Item = (&'a str, &'a [u8])>,
        body: &[u8],
    ) -> Result<(), WebhookError> {
        let mut present = false;
        let mut malformed: Option<&str> = None;
        let mut readable = false;
        for (name, value) in headers {
            let Some(wanted) = self
                .headers
                .iter()
                .find(|wanted| wanted.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            present = true;
            let Some(signature) = self.decode_signature(value) else {
                malformed.get_or_insert(wanted);
                continue;
            };
            readable = true;
            if self
                .secrets
                .iter()
                .any(|secret| self.matches(secret, body, &signature))
            {
                return Ok(());
            }
        }
        match (present, readable, malformed) {
            (false, _, _) => Err(WebhookError::MissingSignature {
                header: self.signature_header().to_owned(),
            }),
            (true, false, Some(header)) => Err(WebhookError::MalformedSignature {
                header: header.to_owned(),
            }),
            _ => Err(WebhookError::Mismatch),
        }
    }

    /// A header value's signature bytes, or `None` when it cannot be one.
    fn decode_signature(&self, value: &[u8]) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(value).ok()?.trim();
        let bytes = match self.scheme.encoding {
            Encoding::Base64 => BASE64.decode(text).ok()?,
        };
        let expected = match self.scheme.algorithm {
            Algorithm::HmacSha256 => 32,
        };
        (bytes.len() == expected).then_some(bytes)
    }

    /// Whether `signature` is the MAC of `body` under `secret`, compared in constant time.
    fn matches(&self, secret: &[u8], body: &[u8], signature: &[u8]) -> bool {
        match self.scheme.algorithm {
            Algorithm::HmacSha256 => match HmacSha256::new_from_slice(secret) {
                Ok(mut mac) => {
                    mac.update(body);
                    mac.verify_slice(signature).is_ok()
                }
                // HMAC takes keys of any length; no secret is refused.
                Err(_) => false,
            },
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("headers", &self.headers)
            .field(
                "secrets",
                &format_args!("<{} redacted>", self.secrets.len()),
            )
            .finish()
    }
}

/// The signature header names for `prefix`, lower case.
fn header_names(scheme: &Scheme, prefix: &str) -> Vec<String> {
    scheme
        .header_suffixes
        .iter()
        .map(|suffix| format!("{prefix}{suffix}").to_ascii_lowercase())
        .collect()
}

/// The base64 HMAC-SHA256 of `body` under `secret`, as the API writes it in the signature
/// header: for tests that build signed requests.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    match HmacSha256::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(body);
            BASE64.encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; this is not reached.
        Err(_) => String::new(),
    }
}
