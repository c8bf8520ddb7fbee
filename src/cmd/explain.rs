//! `explain CODE`: the long explanation of a diagnostic code.

use std::process::ExitCode;

use ccp_press::diag::codes;

/// Runs `explain`.
pub(crate) fn run(code: &str) -> ExitCode {
    match codes::lookup(code) {
        Some(c) => {
            println!("{} ({}): {}\n", c.code, c.severity.as_str(), c.summary);
            print!("{}", c.explanation);
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no diagnostic code `{code}`");
            let all: Vec<&str> = codes::CODES.iter().map(|c| c.code).collect();
            match ccp_press::diag::did_you_mean(&code.to_uppercase(), all.iter().copied())
            {
                Some(s) => eprintln!("  = help: did you mean `{s}`?"),
                None => eprintln!("  = help: codes: {}", all.join(", ")),
            }
            ExitCode::FAILURE
        }
    }
}
