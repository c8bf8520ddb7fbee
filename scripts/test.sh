#!/usr/bin/env bash
# The project's test command: installs the tools the tests call when they are
# missing (poppler-utils, qpdf, epubcheck, chromium and Node for Ace by DAISY, and
# Ace itself under .tools/), then runs cargo fmt --check, clippy and cargo test,
# and prints one plain line with the totals of every test binary.
# Extra arguments go to `cargo test` (e.g. `scripts/test.sh --test pdf`).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdffonts >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v script >/dev/null || need+=(bsdutils)
[ -f /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
command -v chromium >/dev/null || need+=(chromium)
command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (needed by the tests)" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Ace by DAISY (EPUB accessibility), from the npm registry. Its install scripts
# download a browser and fail, so they are skipped: Debian's chromium is used.
ace=.tools/ace/node_modules/.bin/ace-puppeteer
if [ ! -x "$ace" ]; then
  echo "installing @daisy/ace into .tools/ace (needed by the tests)" >&2
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix .tools/ace @daisy/ace >/dev/null
fi

cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test "$@" 2>&1 | tee "$log"
# One plain closing line with the totals of every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
