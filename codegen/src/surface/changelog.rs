//! What changed between two public APIs, by Rust's semver rules (the Cargo book's "SemVer
//! compatibility"), and the version bump that implies.
//!
//! - **Breaking:** a removed item (type, field, variant, function, constant, re-export,
//!   trait impl), an item whose signature changed (a field's type, a function's
//!   parameters or return type, a struct that became `#[non_exhaustive]`), a field added
//!   to a struct outside code can build with a literal, a variant added to an enum it can
//!   match exhaustively. A property that becomes required in an input shows up as the
//!   type's `new(...)` taking one more argument; a parameter that becomes required, as the
//!   client method taking one more.
//! - **Additive:** a new item of any other kind (a type, an operation's method, an optional
//!   field's setter, a builder's setter, a variant of a `#[non_exhaustive]` enum).
//! - **Docs:** only the doc comment of an item changed.
//!
//! Items that belong to a type added or removed as a whole (its fields, functions and
//! impls) are summed up in that type's line.

use super::{ItemKind, Surface};
use std::collections::BTreeSet;
use std::fmt::Write;

/// What a change means for code written against the old API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Such code may no longer compile: a major bump (a minor one in `0.x`).
    Breaking,
    /// Such code still compiles; the API has more in it: a minor bump (a patch in `0.x`).
    Additive,
    /// Only documentation changed: a patch bump.
    Docs,
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The item is gone.
    Removed,
    /// The item is new, and no outside code breaks on it.
    Added,
    /// Added where outside code breaks on it, with the reason.
    AddedBreaking(&'static str),
    /// The item's line changed: a field's type, a function's signature, a struct that
    /// became `#[non_exhaustive]`.
    Changed,
    /// Only the item's doc comment changed.
    DocsChanged,
}

impl What {
    /// Whether this breaks outside code, adds to the API, or touches docs only.
    pub fn category(self) -> Category {
        match self {
            What::Removed | What::AddedBreaking(_) | What::Changed => Category::Breaking,
            What::Added => Category::Additive,
            What::DocsChanged => Category::Docs,
        }
    }

    fn words(self) -> &'static str {
        match self {
            What::Removed => "removed",
            What::Added => "added",
            What::AddedBreaking(reason) => reason,
            What::Changed => "changed",
            What::DocsChanged => "docs changed",
        }
    }
}

/// One item that differs between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What happened to the item.
    pub what: What,
    /// What kind of item it is.
    pub kind: ItemKind,
    /// The item's path from the crate root (`types::Connection::id`).
    pub path: String,
    /// The item's line in the old listing; `None` when it is new, or only its docs
    /// changed.
    pub old: Option<String>,
    /// The item's line in the new listing; `None` when it was removed.
    pub new: Option<String>,
}

impl Change {
    /// The category of what happened to the item ([`What::category`]).
    pub fn category(&self) -> Category {
        self.what.category()
    }
}

/// The version bump a set of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// The API did not change: the version stays.
    None,
    /// `x.y.z` → `x.y.z+1`.
    Patch,
    /// `x.y.z` → `x.y+1.0`.
    Minor,
    /// `x.y.z` → `x+1.0.0`.
    Major,
}

/// What changed between two surfaces ([`Changelog::between`]), and the version bump that
/// calls for ([`Changelog::bump`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changelog {
    /// Every change, breaking ones first, then additive, then docs-only; by path within
    /// each. A type added or removed whole is one change: its members have none of their
    /// own.
    pub changes: Vec<Change>,
}

impl Changelog {
    /// What changed from the surface `old` to the surface `new`.
    pub fn between(old: &Surface, new: &Surface) -> Self {
        let keys: BTreeSet<&String> = old.items.keys().chain(new.items.keys()).collect();
        // Types that appear or disappear whole: their members need no line of their own.
        let whole = |from: &Surface, to: &Surface| -> BTreeSet<String> {
            from.items
                .values()
                .filter(|i| matches!(i.kind, ItemKind::Struct | ItemKind::Enum))
                .filter(|i| !to.items.contains_key(&i.key()))
                .map(|i| i.path.clone())
                .collect()
        };
        let removed_types = whole(old, new);
        let added_types = whole(new, old);
        let mut changes = Vec::new();
        for key in keys {
            match (old.items.get(key), new.items.get(key)) {
                (Some(before), None) => {
                    if member_of(&before.path, before.kind, &removed_types) {
                        continue;
                    }
                    changes.push(Change {
                        what: What::Removed,
                        kind: before.kind,
                        path: before.path.clone(),
                        old: Some(before.line.clone()),
                        new: None,
                    });
                }
                (None, Some(after)) => {
                    if member_of(&after.path, after.kind, &added_types) {
                        continue;
                    }
                    let parent = after.path.rsplit_once("::").map(|(p, _)| p).unwrap_or("");
                    let breaks = match after.kind {
                        ItemKind::Field => old
                            .items
                            .get(&format!("struct {parent}"))
                            .filter(|s| s.constructible)
                            .map(|_| "added to a struct outside code can build with a literal"),
                        ItemKind::Variant => old
                            .items
                            .get(&format!("enum {parent}"))
                            .filter(|e| e.constructible)
                            .map(|_| "added to an enum outside code can match exhaustively"),
                        _ => None,
                    };
                    changes.push(Change {
                        what: breaks.map_or(What::Added, What::AddedBreaking),
                        kind: after.kind,
                        path: after.path.clone(),
                        old: None,
                        new: Some(after.line.clone()),
                    });
                }
                (Some(before), Some(after)) if before.line != after.line => {
                    changes.push(Change {
                        what: What::Changed,
                        kind: after.kind,
                        path: after.path.clone(),
                        old: Some(before.line.clone()),
                        new: Some(after.line.clone()),
                    });
                }
                (Some(before), Some(after)) if before.docs != after.docs => {
                    changes.push(Change {
                        what: What::DocsChanged,
                        kind: after.kind,
                        path: after.path.clone(),
                        old: None,
                        new: Some(after.line.clone()),
                    });
                }
                _ => {}
            }
        }
        changes
            .sort_by(|a, b| (a.category(), &a.path, a.kind).cmp(&(b.category(), &b.path, b.kind)));
        Changelog { changes }
    }

    /// Whether the two surfaces have the same items, with the same lines and docs.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes are of `category`.
    pub fn count(&self, category: Category) -> usize {
        self.changes
            .iter()
            .filter(|c| c.category() == category)
            .count()
    }

    /// Whether any change may break code written against the old API.
    pub fn has_breaking(&self) -> bool {
        self.count(Category::Breaking) > 0
    }

    /// The bump these changes call for in a crate at `version`: in `0.x`, the minor number
    /// plays the major's part.
    pub fn bump(&self, version: &str) -> Bump {
        let zero = version.starts_with("0.");
        if self.has_breaking() {
            if zero {
                Bump::Minor
            } else {
                Bump::Major
            }
        } else if self.count(Category::Additive) > 0 {
            if zero {
                Bump::Patch
            } else {
                Bump::Minor
            }
        } else if self.is_empty() {
            Bump::None
        } else {
            Bump::Patch
        }
    }

    /// The changes as Markdown, with the bump from `version`.
    pub fn markdown(&self, version: &str) -> String {
        let mut out = String::new();
        let bump = self.bump(version);
        let next = next_version(version, bump);
        let _ = writeln!(
            out,
            "## Public API changes: {} breaking, {} additive, {} docs only",
            self.count(Category::Breaking),
            self.count(Category::Additive),
            self.count(Category::Docs)
        );
        let _ = writeln!(out);
        let _ = match bump {
            Bump::None => writeln!(out, "No change to the public API: version {version} stays."),
            bump => writeln!(
                out,
                "Version: {version} → {next} (a {} bump{}).",
                match bump {
                    Bump::Major => "major",
                    Bump::Minor => "minor",
                    _ => "patch",
                },
                if version.starts_with("0.") && bump != Bump::Patch {
                    "; in 0.x the minor number marks breaking changes"
                } else {
                    ""
                }
            ),
        };
        for (category, title) in [
            (Category::Breaking, "Breaking"),
            (Category::Additive, "Additive"),
            (Category::Docs, "Docs only"),
        ] {
            let changes: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.category() == category)
                .collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", changes.len());
            for change in changes {
                let line = change.new.as_ref().or(change.old.as_ref());
                let _ = match (change.what, &change.old, &change.new, line) {
                    (What::Changed, Some(old), Some(new), _) => writeln!(
                        out,
                        "- changed {} `{}`: `{old}` → `{new}`",
                        change.kind.noun(),
                        change.path
                    ),
                    (What::DocsChanged, ..) => {
                        writeln!(out, "- docs of {} `{}`", change.kind.noun(), change.path)
                    }
                    (what, _, _, Some(line)) => writeln!(
                        out,
                        "- {} {} `{}`: `{line}`",
                        what.words(),
                        change.kind.noun(),
                        change.path
                    ),
                    (_, _, _, None) => Ok(()),
                };
            }
        }
        out
    }
}

/// Whether an item is a member (field, variant, function, impl) of one of `types`.
fn member_of(path: &str, kind: ItemKind, types: &BTreeSet<String>) -> bool {
    match kind {
        ItemKind::Impl => types.contains(path),
        ItemKind::Field | ItemKind::Variant | ItemKind::Function => path
            .rsplit_once("::")
            .is_some_and(|(parent, _)| types.contains(parent)),
        _ => false,
    }
}

/// `version` after `bump` (pre-release and build suffixes are dropped).
pub fn next_version(version: &str, bump: Bump) -> String {
    let core = version.split(['-', '+']).next().unwrap_or(version);
    let mut parts = core.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    match bump {
        Bump::None => version.to_string(),
        Bump::Patch => format!("{major}.{minor}.{}", patch + 1),
        Bump::Minor => format!("{major}.{}.0", minor + 1),
        Bump::Major => format!("{}.0.0", major + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::{Item, Surface};

    fn item(kind: ItemKind, path: &str, line: &str, constructible: bool) -> Item {
        Item {
            kind,
            path: path.into(),
            line: line.into(),
            docs: String::new(),
            constructible,
            module: String::new(),
            features: None,
        }
    }

    #[test]
    fn classifies_by_semver_rules() {
        let old = Surface::from_items([
            item(ItemKind::Struct, "A", "pub struct A", true),
            item(ItemKind::Field, "A::x", "pub A::x: u8", false),
            item(
                ItemKind::Struct,
                "B",
                "pub struct B #[non_exhaustive]",
                false,
            ),
            item(ItemKind::Enum, "E", "pub enum E", true),
            item(ItemKind::Enum, "F", "pub enum F #[non_exhaustive]", false),
            item(
                ItemKind::Function,
                "B::new",
                "pub fn B::new(x: u8) -> Self",
                false,
            ),
            item(ItemKind::Struct, "Gone", "pub struct Gone", false),
            item(ItemKind::Field, "Gone::y", "pub Gone::y: u8", false),
        ]);
        let mut docs = item(ItemKind::Enum, "F", "pub enum F #[non_exhaustive]", false);
        docs.docs = "new words".into();
        let new = Surface::from_items([
            item(ItemKind::Struct, "A", "pub struct A", true),
            item(ItemKind::Field, "A::x", "pub A::x: u16", false),
            item(ItemKind::Field, "A::y", "pub A::y: u8", false),
            item(
                ItemKind::Struct,
                "B",
                "pub struct B #[non_exhaustive]",
                false,
            ),
            item(ItemKind::Field, "B::y", "pub B::y: u8", false),
            item(ItemKind::Enum, "E", "pub enum E", true),
            item(ItemKind::Variant, "E::V", "pub E::V", false),
            docs,
            item(ItemKind::Variant, "F::V", "pub F::V", false),
            item(
                ItemKind::Function,
                "B::new",
                "pub fn B::new(x: u8, y: u8) -> Self",
                false,
            ),
        ]);
        let log = Changelog::between(&old, &new);
        let summary: Vec<(Category, &str, &str)> = log
            .changes
            .iter()
            .map(|c| (c.category(), c.path.as_str(), c.what.words()))
            .collect();
        assert_eq!(
            summary,
            [
                (Category::Breaking, "A::x", "changed"),
                (
                    Category::Breaking,
                    "A::y",
                    "added to a struct outside code can build with a literal"
                ),
                (Category::Breaking, "B::new", "changed"),
                (
                    Category::Breaking,
                    "E::V",
                    "added to an enum outside code can match exhaustively"
                ),
                (Category::Breaking, "Gone", "removed"),
                (Category::Additive, "B::y", "added"),
                (Category::Additive, "F::V", "added"),
                (Category::Docs, "F", "docs changed"),
            ]
        );
        assert_eq!(log.bump("0.1.0"), Bump::Minor);
        assert_eq!(log.bump("1.2.3"), Bump::Major);
        assert!(log.markdown("0.1.0").contains("0.1.0 → 0.2.0"));
    }

    #[test]
    fn bumps() {
        assert_eq!(next_version("0.1.0", Bump::Minor), "0.2.0");
        assert_eq!(next_version("0.1.0", Bump::Patch), "0.1.1");
        assert_eq!(next_version("1.4.2", Bump::Major), "2.0.0");
        assert_eq!(next_version("1.4.2", Bump::Minor), "1.5.0");
        assert_eq!(next_version("1.4.2-rc.1", Bump::Patch), "1.4.3");
        let additive = Changelog {
            changes: vec![Change {
                what: What::Added,
                kind: ItemKind::Variant,
                path: "E::V".into(),
                old: None,
                new: Some("pub E::V".into()),
            }],
        };
        assert_eq!(additive.bump("0.3.1"), Bump::Patch);
        assert_eq!(additive.bump("2.0.0"), Bump::Minor);
        assert_eq!(Changelog::default().bump("0.1.0"), Bump::None);
    }
}
