//! `explain CODE`: the long explanation of a diagnostic code.

use ccp_press::diag::codes;

use super::{CmdResult, Failure};

/// Print the long explanation of a diagnostic code (`explain E0301`).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The code.
    pub code: String,
}

/// Runs `explain`.
pub(crate) fn run(args: &Args) -> CmdResult {
    let code = &args.code;
    let Some(c) = codes::lookup(code) else {
        let all: Vec<&str> = codes::CODES.iter().map(|c| c.code).collect();
        let failure = Failure::new(format!("no diagnostic code `{code}`"));
        return Err(
            match ccp_press::diag::did_you_mean(&code.to_uppercase(), all.iter().copied())
            {
                Some(s) => failure.help(format!("did you mean `{s}`?")),
                None => failure.help(format!("codes: {}", all.join(", "))),
            },
        );
    };
    super::print_out(&format!(
        "{} ({}): {}\n\n{}",
        c.code,
        c.severity.as_str(),
        c.summary,
        c.explanation
    ))
}
