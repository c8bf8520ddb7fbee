//! Benchmarks of the pipeline (run with `cargo bench`): wall time and peak memory of
//! `check` and `pdf` on the demo content and on generated corpora.
//!
//! Each measurement runs in a fresh child process (this same executable, re-run with
//! `CCP_BENCH_CHILD` set), so peak memory (VmHWM) is that of one run alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ccp_press::fonts;
use ccp_press::load_and_check;
use ccp_press::pipeline::Edition;
use ccp_press::render::pdf;

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
        // Again with the parsed files a `watch` keeps (every file unchanged).
        let mut cache = ccp_press::load::ParseCache::default();
        ccp_press::load_and_check_cached(dir, &mut cache);
        let t1 = Instant::now();
        ccp_press::load_and_check_cached(dir, &mut cache);
        let t_cached = t1.elapsed();
        println!(
            "total_ms={:.1} parsed_files_kept_ms={:.1} peak_kb={}",
            t_check.as_secs_f64() * 1e3,
            t_cached.as_secs_f64() * 1e3,
            peak_kb()
        );
        return;
    }
    let p = &checked.project;
    let reader = &p.readers["default"];
    let paper = pdf::Paper::Letter;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    if mode == "cite" {
        let selection = p.select(reader);
        let t = Instant::now();
        let formatted = ccp_press::cite::format(p, &selection);
        let t_cite = t.elapsed();
        // Again with the labels and references a `watch` keeps.
        let mut cache = ccp_press::cite::Cache::default();
        ccp_press::cite::format_cached(p, &selection, &mut cache);
        let t = Instant::now();
        ccp_press::cite::format_cached(p, &selection, &mut cache);
        let t_kept = t.elapsed();
        println!(
            "cite_ms={:.2} kept_ms={:.2} works={} citations={} peak_kb={}",
            ms(t_cite),
            ms(t_kept),
            formatted.bibliography.len(),
            formatted.citations.len(),
            peak_kb()
        );
        return;
    }
    if mode == "epub" {
        let t1 = Instant::now();
        let edition = Edition::new(p, reader, paper).expect("plans");
        let bytes = edition.epub(None).expect("epub");
        println!(
            "total_ms={:.1} epub_ms={:.1} bytes={} peak_kb={}",
            ms(t0.elapsed()),
            ms(t1.elapsed()),
            bytes.len(),
            peak_kb()
        );
        return;
    }
    // Font parsing is typst's work (it needs the fonts whoever loads them): timed apart.
    let t = Instant::now();
    let _ = fonts::fonts();
    let t_fonts = t.elapsed();
    let t = Instant::now();
    let edition = Edition::new(p, reader, paper).expect("plans");
    let t_plan = t.elapsed();
    // `pdf-cold` lays out from nothing; the other modes start from the stored
    // map of the run before, as the command-line tool does (the first run of a
    // measurement, not timed, stores it).
    let cache = ccp_press::cache::map_path(dir, "default", paper.typst_name(), None);
    let stored = (mode != "pdf-cold")
        .then(|| ccp_press::cache::load(&cache, &edition.anchors))
        .flatten();
    let t = Instant::now();
    let layout = edition
        .layout(stored.as_ref().map(|s| &s.pages))
        .expect("lays out");
    let t_layout = t.elapsed();
    let t = Instant::now();
    let bytes = edition.pdf(&layout, true).expect("exports");
    let t_export = t.elapsed();
    let epub_bytes = if mode == "build" {
        edition.epub(Some(&layout.pages)).expect("epub").len()
    } else {
        0
    };
    if mode != "pdf-cold" {
        let map = ccp_press::cache::StoredMap {
            fingerprint: edition.fingerprint(),
            pages: layout.pages.clone(),
        };
        std::fs::create_dir_all(cache.parent().unwrap()).unwrap();
        std::fs::write(&cache, ccp_press::cache::to_json(&map).unwrap()).unwrap();
    }
    let total = t0.elapsed();
    let ours = t_check + t_plan;
    let pages = layout.document.pages().len();
    println!(
        "total_ms={:.1} ms_per_page={:.2} ours_ms={:.1} load_check_ms={:.1} plan_ms={:.1} font_parse_ms={:.1} typst_layout_ms={:.1} rounds={} pdf_export_ms={:.1} pages={pages} bytes={} epub_bytes={epub_bytes} peak_kb={}",
        ms(total),
        ms(total) / pages as f64,
        ms(ours),
        ms(t_check),
        ms(t_plan),
        ms(t_fonts),
        ms(t_layout),
        layout.rounds,
        ms(t_export),
        bytes.len(),
        peak_kb()
    );
}

fn measure(label: &str, mode: &str, dir: &Path) {
    let run_child = || {
        let out = Command::new(std::env::current_exe().unwrap())
            .env("CCP_BENCH_CHILD", mode)
            .env("CCP_BENCH_DIR", dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let mut rows: Vec<Vec<(String, f64)>> = Vec::new();
    if mode == "pdf" || mode == "build" {
        // The warm-up run that stores the page map.
        run_child();
    }
    for _ in 0..runs() {
        let out = run_child();
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

/// The editor's loop, driven for real: `watch` on a copy of the demo, a sentence
/// appended to a glossary entry, the time until the PDF is rewritten; 50 edits,
/// the median of the first 20, and the resident memory after the first rebuild
/// and after the last.
fn watch_loop(demo: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let status = Command::new("cp")
        .args(["-r", demo.to_str().unwrap(), content.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = tmp.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccp-press"))
        .args([
            "--content",
            content.to_str().unwrap(),
            "watch",
            "--out-dir",
            out.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Each build ends with one status line: read them, so an edit is made only
    // once the build before (its page numbers settled) is done.
    let (done_tx, done) = std::sync::mpsc::channel::<String>();
    let log = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(log).lines().map_while(Result::ok) {
            if line.starts_with("[watch]") {
                let _ = done_tx.send(line);
            }
        }
    });
    let pdf = out.join("default.pdf");
    let modified = || std::fs::metadata(&pdf).and_then(|m| m.modified()).ok();
    done.recv().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let rss = |pid: u32| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    };
    let entry = content.join("glossary/chinese-dream.md");
    let mut times = Vec::new();
    let mut settled_times = Vec::new();
    let mut settling = 0;
    let mut first_rss = 0;
    for i in 0..50 {
        let before = modified();
        let mut text = std::fs::read_to_string(&entry).unwrap();
        text.push_str(&format!("\nEdit {i} adds a sentence to the essay.\n"));
        let t = Instant::now();
        std::fs::write(&entry, text).unwrap();
        while modified() == before {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if done.recv().unwrap().contains("settled in") {
            settling += 1;
        }
        settled_times.push(t.elapsed().as_secs_f64() * 1e3);
        if i == 0 {
            first_rss = rss(child.id());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let last_rss = rss(child.id());
    let _ = child.kill();
    let _ = child.wait();
    let median = |v: &[f64]| {
        let mut v = v[..20].to_vec();
        v.sort_by(f64::total_cmp);
        v[10]
    };
    println!(
        "{:<36} median of 20: rebuild_ms={:.0} settled_ms={:.0} settling_builds={settling}/50 rss_after_first_kb={first_rss} rss_after_50_kb={last_rss} ratio={:.2}",
        "watch demo (edit → PDF)",
        median(&times),
        median(&settled_times),
        last_rss as f64 / first_rss.max(1) as f64
    );
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
    let corpus = |n: usize, w: usize, translations: usize| {
        let dir = tmp
            .path()
            .join(format!("corpus-{n}-{w}-{translations}/content"));
        ccp_press::synth::write_corpus(&dir, n, w, translations, true).unwrap();
        dir
    };
    let sizes = [(100, 20), (300, 60), (1000, 200)];
    let typeset: Vec<(usize, PathBuf)> =
        sizes.iter().map(|&(n, w)| (n, corpus(n, w, 0))).collect();
    let big = &typeset[2].1;
    let huge = corpus(2000, 400, 0);
    let with_translations = corpus(1000, 200, 50);
    let mut plan: Vec<(String, &str, &Path)> =
        vec![("check demo".into(), "check", &demo)];
    plan.push(("check 1000 entries / 200 works".into(), "check", big));
    plan.push(("check 2000 entries / 400 works".into(), "check", &huge));
    plan.push((
        "check 1000 entries / 50 translations".into(),
        "check",
        &with_translations,
    ));
    plan.push(("cite demo (citations and references)".into(), "cite", &demo));
    plan.push(("cite 1000 entries / 200 works".into(), "cite", big));
    plan.push(("epub demo, no page numbers".into(), "epub", &demo));
    plan.push(("epub 1000 entries, no page numbers".into(), "epub", big));
    for (mode, what) in [
        ("pdf", "pdf"),
        ("build", "build"),
        ("pdf-cold", "pdf, no stored map"),
    ] {
        plan.push((format!("{what} demo"), mode, &demo));
        for (n, dir) in &typeset {
            plan.push((format!("{what} {n} entries"), mode, dir));
        }
    }
    for (label, mode, dir) in plan {
        if wanted(&label) {
            measure(&label, mode, dir);
        }
    }
    if wanted("watch demo (edit → PDF)") {
        watch_loop(&demo);
    }
}
