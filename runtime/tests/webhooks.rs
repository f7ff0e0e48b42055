//! Tests of the runtime's `webhooks` module: signatures made by `sign` and by an
//! independent tool, rotation, a project's own prefix, header case, and no panic on any
//! input.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use sdk_runtime::webhooks::*;

/// What a generated crate for Hookdeck passes in.
const SCHEME: Scheme = Scheme {
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::Base64,
    default_prefix: "x-hookdeck",
    header_suffixes: &["-signature", "-signature-2"],
};

const SECRET: &str = "whsec_current";
const PREVIOUS: &str = "whsec_previous";
const BODY: &[u8] = br#"{"id":"evt_123","data":{"amount":4200}}"#;

fn verifier() -> Verifier {
    Verifier::with_scheme(&SCHEME, SECRET)
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

#[test]
fn sign_then_verify_round_trips() {
    for body in [BODY, b"" as &[u8], &[0xff, 0x00, 0xfe], &[b'x'; 10_000]] {
        let signature = sign(SECRET.as_bytes(), body);
        let map = headers(&[("x-hookdeck-signature", &signature)]);
        verifier().verify(&map, body).unwrap();
        verifier()
            .verify_pairs([("x-hookdeck-signature", signature.as_str())], body)
            .unwrap();
    }
}

/// The vector was computed by OpenSSL, not by this crate:
/// `BODY='{"id":"evt_123","data":{"amount":4200}}'; SECRET='whsec_independent_vector';
/// printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64`
/// (and the same with `BODY=''` for the empty body).
#[test]
fn matches_a_vector_from_openssl() {
    let verifier = Verifier::with_scheme(&SCHEME, "whsec_independent_vector");
    let expected = "FsWLJuLFk7wCZJWaoY7WQeT1prpZYsN2jYgz8ORwukQ=";
    assert_eq!(sign(b"whsec_independent_vector", BODY), expected);
    verifier
        .verify(&headers(&[("x-hookdeck-signature", expected)]), BODY)
        .unwrap();
    let empty = "HXZvejMFOumott/sf5AJbzvAlMYfgYdgYIh+lrQWGl8=";
    assert_eq!(sign(b"whsec_independent_vector", b""), empty);
    verifier
        .verify(&headers(&[("x-hookdeck-signature", empty)]), b"")
        .unwrap();
}

#[test]
fn a_flipped_byte_or_a_wrong_secret_is_a_mismatch() {
    let signature = sign(SECRET.as_bytes(), BODY);
    let map = headers(&[("x-hookdeck-signature", &signature)]);
    for index in 0..BODY.len() {
        let mut body = BODY.to_vec();
        body[index] ^= 0x01;
        assert!(
            matches!(verifier().verify(&map, &body), Err(WebhookError::Mismatch)),
            "byte {index} flipped"
        );
    }
    let wrong = Verifier::with_scheme(&SCHEME, "whsec_other");
    assert!(matches!(
        wrong.verify(&map, BODY),
        Err(WebhookError::Mismatch)
    ));
    // One flipped bit of the signature itself.
    let mut raw = signature.into_bytes();
    raw[0] = if raw[0] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(raw).unwrap();
    let map = headers(&[("x-hookdeck-signature", &flipped)]);
    assert!(matches!(
        verifier().verify(&map, BODY),
        Err(WebhookError::Mismatch)
    ));
}

#[test]
fn during_a_rotation_either_header_under_either_secret_is_valid() {
    let rotating = verifier().with_secret(PREVIOUS);
    let current = sign(SECRET.as_bytes(), BODY);
    let previous = sign(PREVIOUS.as_bytes(), BODY);
    let garbage = sign(b"nobody", BODY);
    for pairs in [
        vec![("x-hookdeck-signature", current.as_str())],
        vec![("x-hookdeck-signature-2", previous.as_str())],
        vec![
            ("x-hookdeck-signature", garbage.as_str()),
            ("x-hookdeck-signature-2", previous.as_str()),
        ],
        vec![
            ("x-hookdeck-signature", current.as_str()),
            ("x-hookdeck-signature-2", garbage.as_str()),
        ],
    ] {
        rotating.verify(&headers(&pairs), BODY).unwrap();
        rotating.verify_pairs(pairs.clone(), BODY).unwrap();
    }
    // Without the previous secret, only the current signature counts.
    assert!(matches!(
        verifier().verify(&headers(&[("x-hookdeck-signature-2", &previous)]), BODY),
        Err(WebhookError::Mismatch)
    ));
    // Neither header matching is a mismatch, not a missing signature.
    assert!(matches!(
        rotating.verify(
            &headers(&[
                ("x-hookdeck-signature", &garbage),
                ("x-hookdeck-signature-2", &garbage)
            ]),
            BODY
        ),
        Err(WebhookError::Mismatch)
    ));
}

#[test]
fn a_custom_prefix_reads_its_own_headers_only() {
    let signature = sign(SECRET.as_bytes(), BODY);
    let custom = verifier().with_prefix("X-Acme");
    assert_eq!(custom.signature_header(), "x-acme-signature");
    assert_eq!(
        custom.signature_headers().collect::<Vec<_>>(),
        ["x-acme-signature", "x-acme-signature-2"]
    );
    custom
        .verify(&headers(&[("x-acme-signature", &signature)]), BODY)
        .unwrap();
    match custom.verify(&headers(&[("x-hookdeck-signature", &signature)]), BODY) {
        Err(WebhookError::MissingSignature { header }) => assert_eq!(header, "x-acme-signature"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn header_names_match_in_any_case() {
    let signature = sign(SECRET.as_bytes(), BODY);
    for name in [
        "X-Hookdeck-Signature",
        "X-HOOKDECK-SIGNATURE",
        "x-HookDeck-signature",
    ] {
        verifier()
            .verify_pairs([(name, signature.as_str())], BODY)
            .unwrap();
        // HeaderMap lower-cases names itself.
        verifier()
            .verify(&headers(&[(name, &signature)]), BODY)
            .unwrap();
    }
}

#[test]
fn missing_and_malformed_signatures_have_their_own_errors() {
    match verifier().verify(&HeaderMap::new(), BODY) {
        Err(WebhookError::MissingSignature { header }) => {
            assert_eq!(header, "x-hookdeck-signature")
        }
        other => panic!("{other:?}"),
    }
    let unrelated = headers(&[("x-hookdeck-signature-3", &sign(SECRET.as_bytes(), BODY))]);
    assert!(matches!(
        verifier().verify(&unrelated, BODY),
        Err(WebhookError::MissingSignature { .. })
    ));
    for bad in ["", "not base64!", "c2hvcnQ=", "====", "YWJj\u{00e9}"] {
        let result = verifier().verify_pairs([("x-hookdeck-signature-2", bad)], BODY);
        match result {
            Err(WebhookError::MalformedSignature { header }) => {
                assert_eq!(header, "x-hookdeck-signature-2", "{bad:?}")
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    // One malformed header beside a readable one that does not match: a mismatch.
    let garbage = sign(b"nobody", BODY);
    assert!(matches!(
        verifier().verify_pairs(
            [
                ("x-hookdeck-signature", "%%%"),
                ("x-hookdeck-signature-2", garbage.as_str())
            ],
            BODY
        ),
        Err(WebhookError::Mismatch)
    ));
    // Not UTF-8 at all.
    let mut map = HeaderMap::new();
    map.insert(
        "x-hookdeck-signature",
        HeaderValue::from_bytes(&[0xff, 0xfe, b'=']).unwrap(),
    );
    assert!(matches!(
        verifier().verify(&map, BODY),
        Err(WebhookError::MalformedSignature { .. })
    ));
}

#[test]
fn surrounding_whitespace_is_ignored() {
    let signature = format!(" {} ", sign(SECRET.as_bytes(), BODY));
    verifier()
        .verify_pairs([("x-hookdeck-signature", signature.as_str())], BODY)
        .unwrap();
}

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Event {
    id: String,
    data: serde_json::Value,
}

#[test]
fn verify_and_decode_decodes_only_after_verifying() {
    let signature = sign(SECRET.as_bytes(), BODY);
    let map = headers(&[("x-hookdeck-signature", &signature)]);
    let event: Event = verifier().verify_and_decode(&map, BODY).unwrap();
    assert_eq!(event.id, "evt_123");
    let value: serde_json::Value = verifier()
        .verify_pairs_and_decode([("x-hookdeck-signature", signature.as_str())], BODY)
        .unwrap();
    assert_eq!(value["data"]["amount"], 4200);

    // A tampered body never reaches the decoder.
    let tampered = br#"{"id":"evt_124","data":{"amount":4200}}"#;
    assert!(matches!(
        verifier().verify_and_decode::<Event>(&map, tampered),
        Err(WebhookError::Mismatch)
    ));
    // A signed body of the wrong shape is a decode error with its cause.
    let other = br#"{"unexpected":true}"#;
    let map = headers(&[("x-hookdeck-signature", &sign(SECRET.as_bytes(), other))]);
    let error = verifier()
        .verify_and_decode::<Event>(&map, other)
        .unwrap_err();
    assert!(matches!(error, WebhookError::Decode(_)));
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn debug_and_errors_never_show_a_secret() {
    let verifier = verifier().with_secret(PREVIOUS);
    let debug = format!("{verifier:?}");
    assert!(
        !debug.contains(SECRET) && !debug.contains(PREVIOUS),
        "{debug}"
    );
    assert!(debug.contains("<2 redacted>"), "{debug}");
    let error = verifier
        .verify_pairs([("x-hookdeck-signature", "AAAA")], BODY)
        .unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(!text.contains(SECRET), "{text}");
}

/// A deterministic generator (xorshift64*), so a failure names a replayable case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let len = (self.next() % (max as u64 + 1)) as usize;
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Arbitrary bytes as names, values, bodies, secrets and prefixes: every call returns,
/// and only the real signature of the body verifies.
#[test]
fn arbitrary_input_never_panics() {
    let names = [
        "x-hookdeck-signature",
        "x-hookdeck-signature-2",
        "X-HOOKDECK-SIGNATURE",
        "x-hookdeck-signature-3",
        "",
        "\u{0}",
        "ü",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for case in 0..5_000 {
        let secret = rng.bytes(80);
        let body = rng.bytes(300);
        let prefix = String::from_utf8_lossy(&rng.bytes(12)).into_owned();
        let second = rng.bytes(8);
        let verifier = Verifier::with_scheme(&SCHEME, &secret)
            .with_secret(&second)
            .with_prefix(if case % 3 == 0 { &prefix } else { "x-hookdeck" });
        let mut pairs: Vec<(String, Vec<u8>)> = Vec::new();
        for _ in 0..(rng.next() % 4) {
            let name = names[(rng.next() % names.len() as u64) as usize].to_owned();
            let value = match rng.next() % 3 {
                0 => rng.bytes(60),
                1 => sign(&rng.bytes(10), &body).into_bytes(),
                _ => {
                    let mut signature = sign(&secret, &body).into_bytes();
                    let index = (rng.next() as usize) % signature.len();
                    signature[index] = rng.next() as u8;
                    signature
                }
            };
            pairs.push((name, value));
        }
        let result = verifier.verify_pairs(pairs.iter().map(|(n, v)| (n, v)), &body);
        let _ = verifier.verify_pairs_and_decode::<serde_json::Value, _, _, _>(
            pairs.iter().map(|(n, v)| (n, v)),
            &body,
        );
        let mut map = HeaderMap::new();
        for (name, value) in &pairs {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_bytes(value),
            ) {
                map.append(name, value);
            }
        }
        let _ = verifier.verify(&map, &body);
        if result.is_ok() {
            // Only a real signature under one of the secrets (a random one matching is
            // 2^-256) gets through.
            let real = [sign(&secret, &body), sign(&second, &body)];
            assert!(
                pairs
                    .iter()
                    .any(|(_, value)| real.iter().any(|r| value.trim_ascii() == r.as_bytes())),
                "case {case}"
            );
        }
        // The real signature always verifies, whatever else is beside it.
        if case % 3 != 0 {
            pairs.push((
                "x-hookdeck-signature".into(),
                sign(&secret, &body).into_bytes(),
            ));
            assert!(
                verifier
                    .verify_pairs(pairs.iter().map(|(n, v)| (n, v)), &body)
                    .is_ok(),
                "case {case}"
            );
        }
    }
}
