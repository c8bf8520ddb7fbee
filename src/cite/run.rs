//! Styled text: what the citation style produces and both writers spell.

/// Styled text produced by the citation style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// Plain text.
    Text(String),
    /// Italic.
    Italic(Vec<Run>),
    /// Bold.
    Bold(Vec<Run>),
    /// Small capitals.
    SmallCaps(Vec<Run>),
    /// Superscript.
    Sup(Vec<Run>),
    /// Subscript.
    Sub(Vec<Run>),
    /// A link.
    Link {
        /// Target.
        url: String,
        /// Text.
        children: Vec<Run>,
    },
}

/// Plain text of runs.
pub fn plain(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Text(t) => s.push_str(t),
            Run::Italic(c)
            | Run::Bold(c)
            | Run::SmallCaps(c)
            | Run::Sup(c)
            | Run::Sub(c) => s.push_str(&plain(c)),
            Run::Link { children, .. } => s.push_str(&plain(children)),
        }
    }
    s
}

/// Merges adjacent text runs and adjacent runs of the same style.
pub(super) fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for r in runs {
        match (out.last_mut(), r) {
            (Some(Run::Text(a)), Run::Text(b)) => a.push_str(&b),
            (_, Run::Text(b)) if b.is_empty() => {}
            (Some(Run::Italic(a)), Run::Italic(b)) => {
                a.extend(b);
                let m = merge(std::mem::take(a));
                *a = m;
            }
            (_, r) => out.push(r),
        }
    }
    out
}
