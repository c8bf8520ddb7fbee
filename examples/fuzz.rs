//! Long runs of the structured fuzzer of `tests/fuzz_harness`:
//! `cargo run --release --example fuzz -- CASES [FIRST_SEED] [LAYOUT_EVERY]`.
//! Prints every finding (panic, unlocated error, markup that does not parse,
//! XHTML that is not well-formed, a case over 5 s) with its seed, and a summary.

#[path = "../tests/fuzz_harness/mod.rs"]
mod fuzz_harness;

use std::time::{Duration, Instant};

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let cases = args.first().copied().unwrap_or(10_000);
    let first = args.get(1).copied().unwrap_or(0);
    let layout_every = args.get(2).copied().unwrap_or(1_000).max(1);
    let dir = std::env::temp_dir().join(format!("ccp-fuzz-{}", std::process::id()));
    std::panic::set_hook(Box::new(|_| {}));
    let (mut findings, mut rejected, mut written, mut slow) = (0, 0, 0, 0);
    let start = Instant::now();
    for seed in first..first + cases {
        let t = Instant::now();
        let result = std::panic::catch_unwind(|| {
            fuzz_harness::run(
                seed,
                &dir.join("content"),
                seed.is_multiple_of(layout_every),
            )
        });
        match result {
            Ok(Ok(o)) => {
                rejected += u64::from(o.rejected);
                written += u64::from(o.written);
            }
            Ok(Err(finding)) => {
                findings += 1;
                let short: String = finding.chars().take(2_000).collect();
                println!("FINDING seed {seed}: {short}");
            }
            Err(_) => {
                findings += 1;
                println!("FINDING seed {seed}: panicked");
            }
        }
        if t.elapsed() > Duration::from_secs(5) {
            slow += 1;
            println!(
                "FINDING seed {seed}: took {:.1} s",
                t.elapsed().as_secs_f64()
            );
        }
        if (seed - first + 1) % 10_000 == 0 {
            eprintln!(
                "{} cases, {findings} findings, {:.0} s",
                seed - first + 1,
                start.elapsed().as_secs_f64()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{cases} cases from seed {first}: {findings} findings ({slow} slow), {rejected} rejected with errors, {written} written, {:.0} s",
        start.elapsed().as_secs_f64()
    );
    if findings > 0 {
        std::process::exit(1);
    }
}
