//! Benchmarks of the pipeline (run with `cargo bench`): wall time and peak memory of
//! `check` and `pdf` on the demo content and on generated corpora.
//!
//! Each measurement runs in a fresh child process (this same executable, re-run with
//! `CCP_BENCH_CHILD` set), so peak memory (VmHWM) is that of one run alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ccp_press::render::{Stamp, fonts, pdf};
use ccp_press::{cite, load_and_check};

const RUNS: usize = 5;

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// One measured run, printed as `key=value` pairs.
fn child(mode: &str, dir: &Path) {
    let t0 = Instant::now();
    let checked = load_and_check(dir);
    let t_check = t0.elapsed();
    assert!(!checked.has_errors(), "benchmark corpus has errors");
    if mode == "check" {
        println!(
            "total_ms={:.1} peak_kb={}",
            t_check.as_secs_f64() * 1e3,
            peak_kb()
        );
        return;
    }
    let p = &checked.project;
    let reader = &p.readers["default"];
    let options = pdf::Options::default();
    let t1 = Instant::now();
    let sel = p.select(reader);
    let _ = fonts::check_coverage(p, &pdf::reader_files(p, reader, &sel));
    let cites = cite::format(p, &sel);
    let files = pdf::sources(p, reader, &sel, &cites, &options);
    let t_ours = t1.elapsed();
    let t2 = Instant::now();
    let _ = fonts::fonts();
    let t_fonts = t2.elapsed();
    let stamp = Stamp::for_reader(reader);
    let t3 = Instant::now();
    let compiled = pdf::compile(files, stamp).expect("compiles");
    let t_compile = t3.elapsed();
    let t4 = Instant::now();
    let bytes =
        pdf::export(&compiled.document, reader, stamp, &options).expect("exports");
    let t_export = t4.elapsed();
    let total = t0.elapsed();
    println!(
        "total_ms={:.1} ours_ms={:.1} fonts_ms={:.1} typst_compile_ms={:.1} pdf_export_ms={:.1} pages={} bytes={} peak_kb={}",
        total.as_secs_f64() * 1e3,
        (t_check + t_ours).as_secs_f64() * 1e3,
        t_fonts.as_secs_f64() * 1e3,
        t_compile.as_secs_f64() * 1e3,
        t_export.as_secs_f64() * 1e3,
        compiled.document.pages().len(),
        bytes.len(),
        peak_kb()
    );
}

fn measure(label: &str, mode: &str, dir: &Path) {
    let exe = std::env::current_exe().unwrap();
    let mut rows: Vec<Vec<(String, f64)>> = Vec::new();
    for _ in 0..RUNS {
        let out = Command::new(&exe)
            .env("CCP_BENCH_CHILD", mode)
            .env("CCP_BENCH_DIR", dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        rows.push(
            line.split_whitespace()
                .filter_map(|kv| {
                    let (k, v) = kv.split_once('=')?;
                    Some((k.to_string(), v.parse().ok()?))
                })
                .collect(),
        );
    }
    let keys: Vec<String> = rows[0].iter().map(|(k, _)| k.clone()).collect();
    let mut parts = Vec::new();
    for k in keys {
        let mut vals: Vec<f64> = rows
            .iter()
            .filter_map(|r| r.iter().find(|(kk, _)| *kk == k).map(|(_, v)| *v))
            .collect();
        vals.sort_by(f64::total_cmp);
        parts.push(format!("{k}={}", vals[vals.len() / 2]));
    }
    println!("{label:<32} median of {RUNS}: {}", parts.join(" "));
}

fn main() {
    if let Ok(mode) = std::env::var("CCP_BENCH_CHILD") {
        let dir = PathBuf::from(std::env::var("CCP_BENCH_DIR").unwrap());
        child(&mode, &dir);
        return;
    }
    // `cargo bench -- <filter>` passes extra arguments; `--bench` is always there.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| {
        filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()))
    };
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let tmp = tempfile::tempdir().unwrap();
    let mut corpora = Vec::new();
    for (n, w) in [(1000, 200), (2000, 400)] {
        let dir = tmp.path().join(format!("corpus-{n}"));
        ccp_press::synth::write_corpus(&dir, n, w).unwrap();
        corpora.push((n, w, dir));
    }
    if wanted("check") {
        measure("check demo", "check", &demo);
        for (n, w, dir) in &corpora {
            measure(&format!("check {n} entries / {w} works"), "check", dir);
        }
    }
    if wanted("pdf") {
        measure("pdf demo (default reader)", "pdf", &demo);
        let (n, w, dir) = &corpora[0];
        measure(&format!("pdf {n} entries / {w} works"), "pdf", dir);
    }
}
