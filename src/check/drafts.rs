//! Entries in progress: a draft (W0218), an entry with no text (W0219).

use crate::diag::{Diagnostic, codes};
use crate::model::Project;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    for e in project.entries.values() {
        if e.draft {
            diags.push(
                Diagnostic::new(codes::W0218, format!("entry `{}` is a draft", e.id))
                    .at(e
                        .fields
                        .key("draft")
                        .unwrap_or_else(|| e.fields.at("term", e.file)))
                    .label("left out of every reader without `drafts: true`")
                    .help("finish the entry and delete `draft: true`"),
            );
        } else if e.body.blocks.is_empty() {
            diags.push(
                Diagnostic::new(codes::W0219, format!("entry `{}` has no text", e.id))
                    .at(e.fields.at("term", e.file))
                    .label("it would print as a bare headword")
                    .help("write the essay after the front matter, or mark the entry `draft: true` until it is written"),
            );
        }
    }
}
