//! Tests of the runtime's `query` module.

use chrono::{DateTime, NaiveDate, TimeZone};

use chrono::{FixedOffset, Utc};
use sdk_runtime::query::*;

/// A stand-in for a generated operator object (`{gte, lte, any}`).
struct Operators {
    gte: Option<DateTime<Utc>>,
    lte: Option<String>,
    any: Option<bool>,
}

impl QueryValue for Operators {
    fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
        write_object_field(out, name, "gte", &self.gte, style);
        write_object_field(out, name, "lte", &self.lte, style);
        write_object_field(out, name, "any", &self.any, style);
    }
}

fn date() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .expect("valid date")
}

fn encoded(f: impl FnOnce(&mut Query)) -> String {
    let mut q = Query::new();
    f(&mut q);
    q.encode()
}

#[test]
fn scalars() {
    let s = encoded(|q| {
        q.push("s", "a b&c=d", QueryStyle::DEFAULT);
        q.push("n", &42u8, QueryStyle::DEFAULT);
        q.push("i", &-7i64, QueryStyle::DEFAULT);
        q.push("f", &1.5f64, QueryStyle::DEFAULT);
        q.push("b", &true, QueryStyle::DEFAULT);
        q.push("owned", &String::from("x"), QueryStyle::DEFAULT);
        q.push("ref", &&"y", QueryStyle::DEFAULT);
    });
    assert_eq!(s, "s=a+b%26c%3Dd&n=42&i=-7&f=1.5&b=true&owned=x&ref=y");
}

#[test]
fn plus_offsets_are_percent_encoded() {
    let offset = FixedOffset::east_opt(2 * 3600).expect("valid offset");
    let local = offset
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .expect("valid date");
    let s = encoded(|q| {
        q.push("at", &local, QueryStyle::DEFAULT);
        q.push("raw", "2024-01-01T00:00:00+02:00", QueryStyle::DEFAULT);
    });
    assert_eq!(
        s,
        "at=2024-01-01T00%3A00%3A00%2B02%3A00&raw=2024-01-01T00%3A00%3A00%2B02%3A00"
    );
}

#[test]
fn utc_dates_use_z_and_only_needed_fractions() {
    let mut q = Query::new();
    q.push("a", &date(), QueryStyle::DEFAULT);
    let with_millis = date() + chrono::Duration::milliseconds(250);
    q.push("b", &with_millis, QueryStyle::DEFAULT);
    let day = NaiveDate::from_ymd_opt(2024, 2, 29).expect("valid date");
    q.push("c", &day, QueryStyle::DEFAULT);
    assert_eq!(
        q.pairs(),
        &[
            ("a".to_owned(), "2024-01-01T00:00:00Z".to_owned()),
            ("b".to_owned(), "2024-01-01T00:00:00.250Z".to_owned()),
            ("c".to_owned(), "2024-02-29".to_owned()),
        ]
    );
}

#[test]
fn lists_repeat_or_join() {
    let ids = vec!["a".to_owned(), "b c".to_owned()];
    assert_eq!(
        encoded(|q| q.push("id", &ids, QueryStyle::DEFAULT)),
        "id=a&id=b+c"
    );
    assert_eq!(
        encoded(|q| q.push("id", &ids, QueryStyle::Form { explode: false })),
        "id=a%2Cb+c"
    );
    assert_eq!(
        encoded(|q| q.push("id", &ids, QueryStyle::SpaceDelimited)),
        "id=a+b+c"
    );
    assert_eq!(
        encoded(|q| q.push("id", &ids[..], QueryStyle::PipeDelimited)),
        "id=a%7Cb+c"
    );
    assert_eq!(
        encoded(|q| q.push("id", &ids, QueryStyle::DeepObject)),
        "id=a&id=b+c"
    );
}

#[test]
fn absent_values_write_nothing() {
    let none: Option<u32> = None;
    let empty: Vec<String> = Vec::new();
    let mut q = Query::new();
    q.push("a", &none, QueryStyle::DEFAULT);
    q.push("b", &empty, QueryStyle::DEFAULT);
    q.push("c", &empty, QueryStyle::Form { explode: false });
    q.push("d", &Some(3u32), QueryStyle::DEFAULT);
    assert_eq!(q.encode(), "d=3");
}

#[test]
fn deep_object_brackets() {
    let ops = Operators {
        gte: Some(date()),
        lte: None,
        any: Some(true),
    };
    let mut q = Query::new();
    q.push("paused_at", &ops, QueryStyle::DeepObject);
    assert_eq!(
        q.pairs(),
        &[
            (
                "paused_at[gte]".to_owned(),
                "2024-01-01T00:00:00Z".to_owned()
            ),
            ("paused_at[any]".to_owned(), "true".to_owned()),
        ]
    );
    assert_eq!(
        q.encode(),
        "paused_at%5Bgte%5D=2024-01-01T00%3A00%3A00Z&paused_at%5Bany%5D=true"
    );
}

#[test]
fn nested_deep_objects_nest_brackets() {
    struct Outer {
        inner: Operators,
    }
    impl QueryValue for Outer {
        fn write_query(&self, name: &str, style: QueryStyle, out: &mut Query) {
            write_object_field(out, name, "inner", &self.inner, style);
        }
    }
    let v = Outer {
        inner: Operators {
            gte: None,
            lte: Some("x".into()),
            any: None,
        },
    };
    let mut q = Query::new();
    q.push("p", &v, QueryStyle::DeepObject);
    assert_eq!(q.pairs(), &[("p[inner][lte]".to_owned(), "x".to_owned())]);
}

#[test]
fn object_form_styles() {
    let ops = Operators {
        gte: None,
        lte: Some("b".into()),
        any: Some(false),
    };
    assert_eq!(
        encoded(|q| q.push("name", &ops, QueryStyle::DEFAULT)),
        "lte=b&any=false"
    );
    let mut q = Query::new();
    q.push("x", "1", QueryStyle::DEFAULT);
    q.push("name", &ops, QueryStyle::Form { explode: false });
    q.push("y", "2", QueryStyle::DEFAULT);
    assert_eq!(
        q.pairs(),
        &[
            ("x".to_owned(), "1".to_owned()),
            ("name".to_owned(), "lte,b,any,false".to_owned()),
            ("y".to_owned(), "2".to_owned()),
        ]
    );
    let mut p = Query::new();
    p.push("name", &ops, QueryStyle::PipeDelimited);
    assert_eq!(
        p.pairs(),
        &[("name".to_owned(), "lte|b|any|false".to_owned())]
    );
}

#[test]
fn push_pair_keeps_order_and_raw_text() {
    let mut q = Query::new();
    assert!(q.is_empty());
    q.push_pair("order_by".into(), "created_at".into());
    q.push_pair("order_by".into(), "name".into());
    assert_eq!(q.encode(), "order_by=created_at&order_by=name");
    assert!(!q.is_empty());
}

#[test]
fn bracket_lists_mark_every_item_a_list_of_one_too() {
    let s = encoded(|q| {
        q.push("measures", &vec!["count"], QueryStyle::Brackets);
        q.push(
            "dimensions",
            &vec!["source_id", "status"],
            QueryStyle::Brackets,
        );
        q.push("none", &Vec::<String>::new(), QueryStyle::Brackets);
        q.push("one", "x", QueryStyle::Brackets);
    });
    assert_eq!(
        s,
        "measures%5B%5D=count&dimensions%5B%5D=source_id&dimensions%5B%5D=status&one=x"
    );
}
