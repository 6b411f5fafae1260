#!/usr/bin/env bash
# Renders a report.html to PNG with headless Chromium, to look at what the writers produce.
#   scripts/screenshot-report.sh REPORT.html [OUT.png]     (OUT defaults to REPORT.png beside it)
# A sample report to look at: npx tsx reports/sample.ts /tmp/sample-report && \
#   scripts/screenshot-report.sh /tmp/sample-report/report.html
# Env: CHROMIUM (default /usr/bin/chromium, else chromium or chromium-browser on PATH),
#      WINDOW_SIZE (default 1280,1600; 400,1600 shows the narrow layout).
# Exit: 0 written, 2 cannot (no chromium, no such report, no PNG came out).
set -euo pipefail

usage() { echo "usage: $0 REPORT.html [OUT.png]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
case "$1" in -h|--help) usage ;; esac

html="$1"
[[ -f "$html" ]] || { echo "screenshot-report: no such file: $html" >&2; exit 2; }
out="${2:-${html%.html}.png}"

chromium="${CHROMIUM:-}"
if [[ -z "$chromium" ]]; then
  for candidate in /usr/bin/chromium chromium chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then chromium="$(command -v "$candidate")"; break; fi
  done
fi
if [[ -n "${CHROMIUM:-}" && ! -x "$chromium" ]]; then
  echo "screenshot-report: CHROMIUM=$CHROMIUM is not an executable." >&2
  echo "  Install Chromium with: apt-get update && apt-get install -y chromium" >&2
  exit 2
fi
if [[ -z "$chromium" ]]; then
  echo "screenshot-report: Chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser; or set CHROMIUM)." >&2
  echo "  Install it with: apt-get update && apt-get install -y chromium" >&2
  exit 2
fi

abs_html="$(realpath "$html")"
mkdir -p "$(dirname "$out")"
abs_out="$(realpath "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$abs_out"

# Chromium's own chatter (dbus, GPU probing) goes to a log shown only when no PNG comes out.
log="$profile/chromium.log"
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage --hide-scrollbars \
  --user-data-dir="$profile" --screenshot="$abs_out" --window-size="${WINDOW_SIZE:-1280,1600}" \
  "file://$(printf %s "$abs_html" | sed -e "s/%/%25/g" -e "s/ /%20/g" -e "s/#/%23/g" -e "s/?/%3F/g")" >"$log" 2>&1 || true

if [[ ! -s "$abs_out" ]]; then
  echo "screenshot-report: Chromium wrote no PNG; its output:" >&2
  cat "$log" >&2
  exit 2
fi
echo "$abs_out"
