//! The whole API in one crate, a module and a feature per resource: a build with only the
//! `connections` feature has the API of the crate the Connections spec makes on its own.

mod common;

use codegen::surface::changelog::Changelog;
use codegen::{generate_crate_from, Settings, SpecFile};
use common::{project_spec_files, read, workspace_root};

#[test]
fn the_connections_feature_is_the_connections_crate() {
    let settings = Settings::hookdeck("hookdeck");
    let whole = generate_crate_from(&project_spec_files(), &settings).expect("the API generates");
    let seed = workspace_root().join("spec/hookdeck-connections-api-openapi.yml");
    let alone = generate_crate_from(
        &[SpecFile {
            name: "seed".into(),
            text: read(&seed),
        }],
        &settings,
    )
    .expect("the Connections spec generates");
    // The same optional parts of the runtime on both sides (all of them); the resources
    // of the whole API, Connections only.
    let build = ["connections", "webhooks", "test-util", "gzip"];
    let connections_only = whole.surface.in_build(&build);
    let changes = Changelog::between(&alone.surface.in_build(&build), &connections_only);
    let mut found: Vec<String> = changes
        .changes
        .iter()
        .map(|c| format!("{:?} {}", c.what, c.path))
        .collect();
    found.sort();
    // Each difference is one the README's migration section lists:
    // - `dir` takes the `Dir` every list operation shares; `ListConnectionsDir` is its alias,
    //   so code that names it still compiles (the changelog sees an enum become an alias);
    // - the `type` enums of the four issue kinds: schemas no operation reaches (the `Issue`
    //   union tags its variants with constants) come with any resource.
    let expected = [
        "Added types::BackpressureIssueType",
        "Added types::DeliveryIssueType",
        "Added types::Dir",
        "Added types::ListConnectionsDir",
        "Added types::RequestIssueType",
        "Added types::TransformationIssueType",
        "Changed operations::ListConnectionsRequest::dir",
        "Removed types::ListConnectionsDir",
    ];
    assert_eq!(found, expected, "{}", changes.markdown("0.3.0"));
}

/// The README's quick start calls a list of the resource with the most operations
/// (Connections), not of the resource that sorts first (Attempts).
#[test]
fn the_quick_start_lists_the_largest_resource() {
    let settings = Settings::hookdeck("hookdeck");
    let whole = generate_crate_from(&project_spec_files(), &settings).expect("the API generates");
    let readme = &whole
        .files
        .iter()
        .find(|f| f.path == "README.md")
        .expect("a README")
        .contents;
    let quick_start = &readme[..readme.find("## The API, by resource").expect("the map")];
    assert!(
        quick_start.contains("client.list_connections().send().await?"),
        "{quick_start}"
    );
}
