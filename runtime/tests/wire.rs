//! Tests of the runtime's `wire` module.

mod tests {
    use sdk_runtime::wire::*;
    use serde::de::{MapAccess, Visitor};
    use std::fmt;

    /// Decodes `{...}` by finding `kind` and collecting the object as an unknown one.
    struct Probe;

    impl<'de> Visitor<'de> for Probe {
        type Value = (Option<serde_json::Value>, serde_json::Value);
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (tag, before) = find_tag(&mut map, "kind")?;
            let tag_json = tag.clone().map(TagValue::into_json);
            let all = collect_unknown("kind", tag, before, map)?;
            Ok((tag_json, all))
        }
    }

    fn probe(text: &str) -> (Option<serde_json::Value>, serde_json::Value) {
        let mut de = serde_json::Deserializer::from_str(text);
        serde::Deserializer::deserialize_map(&mut de, Probe).unwrap()
    }

    #[test]
    fn entries_before_the_tag_are_kept_in_order() {
        let (tag, all) = probe(r#"{"a":1,"b":[2],"kind":"x","c":3}"#);
        assert_eq!(tag, Some(serde_json::json!("x")));
        // Everything comes back, in the order received.
        assert_eq!(all.to_string(), r#"{"a":1,"b":[2],"kind":"x","c":3}"#);
    }

    #[test]
    fn decode_json_reads_text_blank_and_bad_bytes() {
        let value: serde_json::Value =
            decode_json(b"{\"a\":\"\\u00e9t\\u00e9\",\"b\":\"d\xc3\xa9j\xc3\xa0\"}").unwrap();
        assert_eq!(
            value,
            serde_json::json!({"a": "\u{e9}t\u{e9}", "b": "d\u{e9}j\u{e0}"})
        );
        assert_eq!(decode_json::<Option<u8>>(b" \n").unwrap(), None);
        let e = decode_json::<serde_json::Value>(b"{\"a\":\"\xff\"}").unwrap_err();
        // serde_json's own error, with the position of the bad bytes.
        assert_eq!((e.line(), e.column()), (1, 7), "{e}");
    }

    #[test]
    fn a_tag_that_is_not_a_string_is_kept() {
        let (tag, all) = probe(r#"{"kind":[1,{"x":true}],"a":null}"#);
        assert_eq!(tag, Some(serde_json::json!([1, {"x": true}])));
        assert_eq!(
            all,
            serde_json::json!({"kind": [1, {"x": true}], "a": null})
        );
    }

    #[test]
    fn a_missing_tag_leaves_everything_buffered() {
        let (tag, all) = probe(r#"{"a":1}"#);
        assert_eq!(tag, None);
        assert_eq!(all, serde_json::json!({"a": 1}));
    }
}

mod timestamp_tests {
    use sdk_runtime::wire::{fast_rfc3339, parse_rfc3339};

    fn chrono(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    }

    /// The forms servers write are read by the fast path itself, not by the fallback.
    #[test]
    fn the_fast_path_reads_what_servers_write_as_chrono_does() {
        for text in [
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.678Z",
            "2024-01-02T03:04:05.123456789Z",
            "2024-01-02T03:04:05.1234567891Z",
            "2024-06-01T12:00:00+02:00",
            "2024-06-01T00:30:00-05:30",
            "2024-02-29t23:59:59z",
        ] {
            assert_eq!(fast_rfc3339(text), chrono(text), "{text}");
            assert!(fast_rfc3339(text).is_some(), "the fast path refuses {text}");
        }
        // A space for the `T` is RFC 3339 but left to chrono.
        let spaced = "2024-01-02 03:04:05Z";
        assert_eq!(fast_rfc3339(spaced), None);
        assert_eq!(parse_rfc3339(spaced), chrono(spaced));
    }

    /// A deterministic generator (xorshift64*), so a failure names a replayable case.
    struct Rng(u64);

    impl Rng {
        fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let n = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
            choices[(n % choices.len() as u64) as usize]
        }
    }

    /// Draws timestamps from odd parts (offsets out of range, long and empty fractions,
    /// leap seconds, calendar edges, lowercase and space separators, non-ASCII digits,
    /// truncated and padded text) and requires the same answer as chrono's RFC 3339
    /// parser: both refuse, or both give the same instant.
    #[test]
    fn odd_timestamps_get_the_same_answer_as_from_chrono() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let years = [
            "2024",
            "1970",
            "0000",
            "9999",
            "2023",
            "1900",
            "2100",
            "202",
            "２０２４",
        ];
        let months = ["01", "02", "12", "13", "00", "1", "06"];
        let days = ["01", "28", "29", "30", "31", "00", "32", "1"];
        let separators = ["T", "t", " ", "_", "TT"];
        let hours = ["00", "23", "24", "12", "9", "٠٩"];
        let minutes = ["00", "59", "60", "30"];
        let seconds = ["00", "59", "60", "61", "5"];
        let fractions = [
            "",
            ".",
            ".5",
            ".123456789",
            ".1234567891",
            ".000000000001",
            ".x",
        ];
        let offsets = [
            "Z", "z", "+00:00", "-00:00", "+23:59", "-23:59", "+24:00", "+99:99", "-00:60",
            "+05:30", "-12:00", "+14:00", "+0530", "+05", "+05:3", "", "ZZ", "+05:30 ",
        ];
        let mut server_forms = 0;
        for _ in 0..200_000 {
            let (year, month, day) = (rng.pick(&years), rng.pick(&months), rng.pick(&days));
            let (separator, hour) = (rng.pick(&separators), rng.pick(&hours));
            let (minute, second) = (rng.pick(&minutes), rng.pick(&seconds));
            let (fraction, offset) = (rng.pick(&fractions), rng.pick(&offsets));
            let text = [
                year, "-", month, "-", day, separator, hour, ":", minute, ":", second, fraction,
                offset,
            ]
            .concat();
            let expected = chrono(&text);
            assert_eq!(parse_rfc3339(&text), expected, "{text:?}");
            // Whatever the fast path accepts, it reads as chrono does.
            let fast = fast_rfc3339(&text);
            if fast.is_some() {
                assert_eq!(fast, expected, "the fast path misreads {text:?}");
            }
            // A valid timestamp with a `T` and no leap second is the fast path's to read.
            if expected.is_some() && matches!(separator, "T" | "t") && second != "60" {
                assert!(fast.is_some(), "the fast path refuses {text:?}");
                server_forms += 1;
            }
        }
        assert!(server_forms > 500, "only {server_forms} server forms drawn");
    }

    #[test]
    fn offsets_out_of_range_are_refused() {
        for text in ["2024-01-01T00:00:00+99:99", "2024-01-01T00:00:00-00:60"] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn nonsense_is_refused() {
        for text in [
            "",
            "2024-13-01T00:00:00Z",
            "2024-01-02T03:04:05",
            "2024-01-02T03:04:05.Z",
            "yesterday",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
    }
}
