//! A short run of the structured fuzzer (see `tests/fuzz_harness`): a few hundred
//! generated content folders through check and both writers, some laid out.

mod fuzz_harness;

// Checks that generated hostile content folders never panic, always give located
// errors or well-formed output, and lay out when they check clean.
#[test]
fn generated_content_folders_hold_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut written = 0;
    for seed in 0..300u64 {
        let layout = seed.is_multiple_of(60);
        let outcome = std::panic::catch_unwind(|| {
            fuzz_harness::run(seed, &dir.path().join("content"), layout)
        });
        match outcome {
            Ok(Ok(o)) => written += usize::from(o.written),
            Ok(Err(finding)) => panic!("seed {seed}: {finding}"),
            Err(_) => panic!("seed {seed}: panicked"),
        }
    }
    assert!(written > 10, "too few cases reach the writers: {written}");
}
