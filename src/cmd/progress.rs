//! Progress of a build: a spinner naming the current phase on standard error
//! when it is a terminal (nothing otherwise), and with `--timings FILE` a
//! Chrome-trace JSON of the phases and of typst's own timings (thread 2; open it
//! in chrome://tracing or Perfetto).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// The spinner on screen, if any: what the command prints meanwhile is printed
/// with the spinner hidden (`suspend`), so no line is written over it.
static ON_SCREEN: std::sync::Mutex<Option<ProgressBar>> = std::sync::Mutex::new(None);

/// Runs `print` with the spinner (if one is on screen) hidden.
pub(crate) fn suspend<R>(print: impl FnOnce() -> R) -> R {
    let bar = ON_SCREEN.lock().ok().and_then(|b| b.clone());
    match bar {
        Some(bar) => bar.suspend(print),
        None => print(),
    }
}

/// The phases of one command.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    current: Option<(&'static str, Instant)>,
    /// Name, start and duration in microseconds.
    done: Vec<(&'static str, u128, u128)>,
    timings: Option<PathBuf>,
}

impl Progress {
    /// Starts with the first phase.
    pub(crate) fn new(timings: Option<PathBuf>, first: &'static str) -> Self {
        if timings.is_some() {
            typst_timing::clear();
            typst_timing::enable();
        }
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(100));
            if let Ok(mut on_screen) = ON_SCREEN.lock() {
                *on_screen = Some(bar.clone());
            }
            bar
        });
        let mut p = Progress {
            bar,
            started: Instant::now(),
            current: None,
            done: Vec::new(),
            timings,
        };
        p.phase(first);
        p
    }

    /// Ends the current phase and starts `name`.
    pub(crate) fn phase(&mut self, name: &'static str) {
        self.end();
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{name}…"));
        }
        self.current = Some((name, Instant::now()));
    }

    fn end(&mut self) {
        if let Some((name, at)) = self.current.take() {
            let start = at.duration_since(self.started).as_micros();
            self.done.push((name, start, at.elapsed().as_micros()));
        }
    }
}

impl Progress {
    /// Ends the last phase, clears the spinner and writes the timings: the
    /// end of a command that succeeded (a failure to write them fails it).
    pub(crate) fn finish(mut self) -> super::CmdResult {
        self.close()
    }

    fn close(&mut self) -> super::CmdResult {
        self.end();
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
            if let Ok(mut on_screen) = ON_SCREEN.lock() {
                *on_screen = None;
            }
        }
        let Some(path) = self.timings.take() else {
            return Ok(());
        };
        let mut events: Vec<serde_json::Value> = self
            .done
            .iter()
            .map(|(name, ts, dur)| {
                serde_json::json!({"name": name, "ph": "X", "ts": ts, "dur": dur, "pid": 1, "tid": 1})
            })
            .collect();
        let typeset = self.done.iter().find(|(n, ..)| *n == "typeset");
        events.extend(typst_events(typeset.map_or(0, |(_, ts, _)| *ts)));
        let json = serde_json::json!({ "traceEvents": events }).to_string();
        super::write_file(&path, json.as_bytes())
    }
}

impl Drop for Progress {
    /// A command that ended early (it failed) still clears the spinner and
    /// writes the timings; a failure to write them is said.
    fn drop(&mut self) {
        if let Err(failure) = self.close() {
            failure.print();
        }
    }
}

/// typst's own timing events, moved to thread 2 and shifted to start with our
/// typeset phase (typst counts from its first event).
fn typst_events(offset: u128) -> Vec<serde_json::Value> {
    typst_timing::disable();
    let mut buffer = Vec::new();
    if typst_timing::export_json(&mut buffer, |_| (String::new(), 0)).is_err() {
        return Vec::new();
    }
    let Ok(serde_json::Value::Array(mut events)) = serde_json::from_slice(&buffer) else {
        return Vec::new();
    };
    for e in &mut events {
        if let Some(obj) = e.as_object_mut() {
            let ts = obj
                .get("ts")
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(0.0);
            obj.insert("ts".into(), serde_json::json!(ts + offset as f64));
            obj.insert("tid".into(), serde_json::json!(2));
            obj.remove("args");
        }
    }
    events
}
