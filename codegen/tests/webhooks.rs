//! The `webhooks` module is Hookdeck knowledge: a crate generated with settings that have
//! no webhook scheme gets none of it, and one generated with Hookdeck's gets its scheme.

mod common;

use codegen::{generate, GeneratedFile, Settings};
use common::read;

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    files
        .iter()
        .find(|f| f.path == path)
        .map_or("", |f| f.contents.as_str())
}

#[test]
fn neutral_settings_generate_no_webhooks_module() {
    let spec = read(&common::workspace_root().join("spec/hookdeck-connections-api-openapi.yml"));
    let neutral = generate(&spec, &Settings::neutral("c")).expect("generates");
    assert!(neutral.iter().all(|f| !f.path.contains("webhooks")));
    for path in [
        "src/lib.rs",
        "src/runtime/mod.rs",
        "Cargo.toml",
        "README.md",
    ] {
        let text = file(&neutral, path);
        assert!(!text.is_empty(), "{path}");
        assert!(!text.contains("webhooks"), "{path} mentions webhooks");
        assert!(!text.contains("hmac"), "{path} mentions hmac");
    }

    let hookdeck = generate(&spec, &Settings::hookdeck("c")).expect("generates");
    assert!(hookdeck.iter().any(|f| f.path == "src/runtime/webhooks.rs"));
    assert!(file(&hookdeck, "src/runtime/mod.rs").contains("pub mod webhooks;"));
    let lib = file(&hookdeck, "src/lib.rs");
    assert!(
        lib.contains(r#"pub const DEFAULT_PREFIX: &str = "x-hookdeck";"#),
        "{lib}"
    );
    assert!(lib.contains(r#"header_suffixes: &["-signature", "-signature-2"]"#));
    let manifest = file(&hookdeck, "Cargo.toml");
    assert!(manifest.contains(r#"webhooks = ["dep:base64", "dep:hmac", "dep:sha2"]"#));
    // Off by default: the default build does not compile the cryptography.
    let default = manifest
        .lines()
        .find(|line| line.starts_with("default = "))
        .expect("a default feature set");
    assert!(
        default.starts_with(r#"default = ["rustls-tls""#),
        "{default}"
    );
    assert!(!default.contains("webhooks"), "{default}");
}
