//! Linking: what the loaded files say of each other, computed once and stored on
//! the model — each entry's backlinks and works, each parallel text's
//! alignment with its original (its numbered lists split into numbered
//! paragraphs first). Every later pass reads these; none computes
//! them again.

use std::collections::BTreeMap;

use crate::model::parallel::{align, split_numbered};
use crate::model::{BibKey, EntryId, Owner, Project, citations, xref_targets};

/// Links the loaded project.
pub fn link(project: &mut Project) {
    backlinks(project);
    related(project);
    alignments(project);
}

/// Resolves each entry's `see_also` to the entries that exist, each once.
fn related(project: &mut Project) {
    let ids: std::collections::BTreeSet<EntryId> =
        project.entries.keys().cloned().collect();
    for entry in project.entries.values_mut() {
        let mut related: Vec<EntryId> = Vec::new();
        for s in &entry.see_also {
            if let Some(id) = ids.get(s.value.as_str())
                && !related.contains(id)
            {
                related.push(id.clone());
            }
        }
        entry.related = related;
    }
}

/// Aligns each document that has a Chinese original with it, their numbered
/// lists split into numbered paragraphs first.
fn alignments(project: &mut Project) {
    for doc in project.documents.values_mut() {
        if let Some(original) = &mut doc.original {
            split_numbered(&mut doc.body);
            split_numbered(&mut original.body);
            original.alignment = align(&doc.body, &original.body);
        }
    }
}

/// Fills in each entry's backlinks ("Mentioned in") and list of works.
fn backlinks(project: &mut Project) {
    let mut backlinks: BTreeMap<String, Vec<Owner>> = BTreeMap::new();
    let owners = project.bodies();
    for (owner, body) in owners {
        for target in xref_targets(body) {
            if matches!(&owner, Owner::Entry(id) if *id == target) {
                continue;
            }
            let list = backlinks.entry(target).or_default();
            if !list.contains(&owner) {
                list.push(owner.clone());
            }
        }
    }
    for entry in project.entries.values_mut() {
        let mut list = backlinks.remove(entry.id.as_str()).unwrap_or_default();
        list.sort();
        entry.backlinks = list;
        let mut works: Vec<BibKey> = Vec::new();
        let cited = citations(&entry.body)
            .into_iter()
            .flat_map(|c| c.items.iter().map(|i| BibKey::new(&i.key)))
            .chain(entry.sources.iter().map(|s| BibKey::new(&s.value)));
        for key in cited {
            if !works.contains(&key) {
                works.push(key);
            }
        }
        entry.works = works;
    }
}
