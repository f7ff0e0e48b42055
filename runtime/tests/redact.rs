//! Tests of the runtime's `redact` module.

use sdk_runtime::nullable::Nullable;

use sdk_runtime::redact::*;

#[test]
fn shows_presence_not_value() {
    assert_eq!(format!("{:?}", Redacted), "<redacted>");
    assert_eq!(
        format!("{:?}", nullable(&Nullable::Value("s3cr3t"))),
        "Value(<redacted>)"
    );
    assert_eq!(format!("{:?}", nullable::<String>(&Nullable::Null)), "Null");
    assert_eq!(
        format!("{:?}", nullable::<String>(&Nullable::Absent)),
        "Absent"
    );
}
