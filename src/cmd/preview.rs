//! The live preview of `watch --serve`: an HTTP server on 127.0.0.1 with a page
//! that shows the reader's pages as SVG and reloads them after each build
//! (server-sent events), or the diagnostics while a build fails.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use typst_layout::PagedDocument;

/// What the preview shows.
#[derive(Default)]
struct Shown {
    /// Builds so far.
    version: u64,
    /// The last good layout.
    document: Option<Arc<PagedDocument>>,
    /// The diagnostics of a failed build, shown instead of the pages.
    error: Option<String>,
}

/// The preview server's state, shared with the build loop.
#[derive(Clone, Default)]
pub(crate) struct Preview {
    shown: Arc<Mutex<Shown>>,
    /// Open event streams.
    listeners: Arc<Mutex<Vec<TcpStream>>>,
}

impl Preview {
    /// Starts the server on the first free port from 3000; its address.
    pub(crate) fn start(&self) -> std::io::Result<String> {
        let listener = (3000..3100)
            .find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok())
            .ok_or_else(|| std::io::Error::other("no free port from 3000 to 3099"))?;
        let address = format!("http://{}/", listener.local_addr()?);
        let me = self.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let me = me.clone();
                std::thread::spawn(move || me.serve(stream));
            }
        });
        Ok(address)
    }

    /// After a good build: the new pages.
    pub(crate) fn built(&self, document: PagedDocument) {
        self.update(|s| {
            s.document = Some(Arc::new(document));
            s.error = None;
        });
    }

    /// After a failed build: its diagnostics (the last pages are kept).
    pub(crate) fn failed(&self, diagnostics: String) {
        self.update(|s| s.error = Some(diagnostics));
    }

    fn update(&self, f: impl FnOnce(&mut Shown)) {
        let version = match self.shown.lock() {
            Ok(mut s) => {
                f(&mut s);
                s.version += 1;
                s.version
            }
            Err(_) => return,
        };
        if let Ok(mut ls) = self.listeners.lock() {
            ls.retain_mut(|l| {
                write!(l, "data: {version}\n\n")
                    .and_then(|()| l.flush())
                    .is_ok()
            });
        }
    }

    fn serve(&self, mut stream: TcpStream) {
        let mut line = String::new();
        if BufReader::new(&stream).read_line(&mut line).is_err() {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let path = path.split('?').next().unwrap_or("/");
        let (kind, body): (&str, Vec<u8>) = match path {
            "/" => ("text/html; charset=utf-8", self.page().into_bytes()),
            "/state" => ("application/json", self.state().into_bytes()),
            "/events" => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
                if stream.write_all(head.as_bytes()).is_ok()
                    && let Ok(mut ls) = self.listeners.lock()
                {
                    ls.push(stream);
                }
                return;
            }
            p => match p
                .strip_prefix("/page/")
                .and_then(|n| n.strip_suffix(".svg"))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.svg(n))
            {
                Some(svg) => ("image/svg+xml", svg.into_bytes()),
                None => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                    );
                    return;
                }
            },
        };
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\r\n",
            body.len()
        );
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(&body));
    }

    /// The preview page with the current pages (or diagnostics) already in it, so
    /// that it shows them before its script runs.
    fn page(&self) -> String {
        let (version, pages, error) = match self.shown.lock() {
            Ok(s) => (
                s.version,
                s.document.as_ref().map_or(0, |d| d.pages().len()),
                s.error.clone(),
            ),
            Err(_) => (0, 0, None),
        };
        let imgs: String = (1..=pages)
            .map(|i| format!("<img alt=\"page {i}\" src=\"/page/{i}.svg?v={version}\">"))
            .collect();
        let escaped = error
            .as_deref()
            .unwrap_or_default()
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        PAGE.replace("data-version=\"0\"", &format!("data-version=\"{version}\""))
            .replace(
                "<pre id=\"error\" hidden></pre>",
                &if error.is_some() {
                    format!("<pre id=\"error\">{escaped}</pre>")
                } else {
                    "<pre id=\"error\" hidden></pre>".to_string()
                },
            )
            .replace(
                "<div id=\"pages\"></div>",
                &format!("<div id=\"pages\">{imgs}</div>"),
            )
    }

    /// `{"version": 3, "pages": 120, "error": null}`.
    fn state(&self) -> String {
        let Ok(s) = self.shown.lock() else {
            return "{}".into();
        };
        serde_json::json!({
            "version": s.version,
            "pages": s.document.as_ref().map_or(0, |d| d.pages().len()),
            "error": s.error,
        })
        .to_string()
    }

    /// Page `n` (from 1) of the last good layout, as SVG.
    fn svg(&self, n: usize) -> Option<String> {
        let doc = self.shown.lock().ok()?.document.clone()?;
        let page = doc.pages().get(n.checked_sub(1)?)?;
        Some(typst_svg::svg(page, &typst_svg::SvgOptions::default()))
    }
}

/// The preview page: the pages as images, reloaded on each event; the
/// diagnostics in their place while a build fails.
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ccp-press preview</title>
<style>body{background:#777;margin:0;font-family:sans-serif}
#pages img{display:block;margin:12px auto;background:#fff;box-shadow:0 1px 4px #0006;max-width:95vw}
#error{white-space:pre-wrap;background:#fff;color:#900;margin:12px;padding:12px}</style></head>
<body data-version="0"><pre id="error" hidden></pre><div id="pages"></div>
<script>
async function load() {
  const s = await (await fetch('/state')).json();
  document.body.dataset.version = s.version;
  const error = document.getElementById('error');
  error.hidden = !s.error;
  error.textContent = s.error || '';
  const pages = document.getElementById('pages');
  pages.hidden = !!s.error;
  while (pages.children.length > s.pages) pages.lastChild.remove();
  for (let i = 0; i < s.pages; i++) {
    let img = pages.children[i];
    if (!img) { img = document.createElement('img'); img.alt = 'page ' + (i + 1); pages.appendChild(img); }
    img.src = '/page/' + (i + 1) + '.svg?v=' + s.version;
  }
}
new EventSource('/events').onmessage = load;
load();
</script></body></html>
"#;
