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

/// Runs per measurement (median reported); `CCP_BENCH_RUNS` overrides.
fn runs() -> usize {
    std::env::var("CCP_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

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
    if let Some(numbers) = mode.strip_prefix("epub") {
        let options = ccp_press::render::epub::Options {
            paper: pdf::Paper::Letter,
            page_numbers: numbers == "-pages",
        };
        let t1 = Instant::now();
        let bytes =
            ccp_press::render::epub::epub(p, reader, &options, None).expect("epub");
        println!(
            "total_ms={:.1} epub_ms={:.1} bytes={} peak_kb={}",
            t0.elapsed().as_secs_f64() * 1e3,
            t1.elapsed().as_secs_f64() * 1e3,
            bytes.len(),
            peak_kb()
        );
        return;
    }
    let options = pdf::Options::default();
    // Font parsing is typst's work (it needs the fonts whoever loads them): timed apart.
    let t = Instant::now();
    let _ = fonts::fonts();
    let t_fonts = t.elapsed();
    let t = Instant::now();
    let sel = p.select(reader);
    let _ = fonts::check_coverage(p, &pdf::reader_files(p, reader, &sel));
    let t_coverage = t.elapsed();
    let t = Instant::now();
    let cites = cite::format(p, &sel);
    let t_cite = t.elapsed();
    let t = Instant::now();
    let files = pdf::sources(p, reader, &sel, &cites, &options);
    let t_markup = t.elapsed();
    let stamp = Stamp::for_reader(reader);
    let t = Instant::now();
    let compiled = pdf::compile(files, stamp).expect("compiles");
    let t_compile = t.elapsed();
    let t = Instant::now();
    let bytes =
        pdf::export(&compiled.document, reader, stamp, &options).expect("exports");
    let t_export = t.elapsed();
    let total = t0.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let ours = t_check + t_coverage + t_cite + t_markup;
    println!(
        "total_ms={:.1} ours_ms={:.1} ours_pct={:.1} load_check_ms={:.1} coverage_ms={:.1} cite_ms={:.1} markup_ms={:.1} font_parse_ms={:.1} typst_compile_ms={:.1} pdf_export_ms={:.1} pages={} bytes={} peak_kb={}",
        ms(total),
        ms(ours),
        100.0 * ours.as_secs_f64() / total.as_secs_f64(),
        ms(t_check),
        ms(t_coverage),
        ms(t_cite),
        ms(t_markup),
        ms(t_fonts),
        ms(t_compile),
        ms(t_export),
        compiled.document.pages().len(),
        bytes.len(),
        peak_kb()
    );
}

fn measure(label: &str, mode: &str, dir: &Path) {
    let exe = std::env::current_exe().unwrap();
    let mut rows: Vec<Vec<(String, f64)>> = Vec::new();
    for _ in 0..runs() {
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
    println!("{label:<36} median of {}: {}", runs(), parts.join(" "));
}

fn main() {
    if let Ok(mode) = std::env::var("CCP_BENCH_CHILD") {
        let dir = PathBuf::from(std::env::var("CCP_BENCH_DIR").unwrap());
        child(&mode, &dir);
        return;
    }
    // `cargo bench -- <filter>` runs the measurements whose label contains a filter
    // word (e.g. `cargo bench -- "pdf demo"`); `--bench` is always passed.
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
    let (n1, w1, big) = &corpora[0];
    let mut plan: Vec<(String, &str, &Path)> =
        vec![("check demo".into(), "check", &demo)];
    for (n, w, dir) in &corpora {
        plan.push((format!("check {n} entries / {w} works"), "check", dir));
    }
    plan.push(("epub demo, no page numbers".into(), "epub", &demo));
    plan.push(("epub demo, print page numbers".into(), "epub-pages", &demo));
    plan.push((format!("epub {n1} entries, no page numbers"), "epub", big));
    plan.push(("pdf demo (default reader)".into(), "pdf", &demo));
    plan.push((format!("pdf {n1} entries / {w1} works"), "pdf", big));
    for (label, mode, dir) in plan {
        if wanted(&label) {
            measure(&label, mode, dir);
        }
    }
}
