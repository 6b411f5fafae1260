#!/usr/bin/env bash
# The package as a user gets it, from a tarball and from git:
# - `npm pack`, then in an empty folder `npm init -y`, `npm i` the tarball, and there:
#   `npx client-cert-conformance run` on its embedded default (exit 0, four reports), from that
#   folder and from another; `extract --check`; `run --dry-run --format json`; the README's nightly
#   line (against a reference started with the installed `serve`, as CLOUDFLARE_BASE_URL); a
#   TypeScript file importing runConformance, validateResponse, startReferenceServer and an
#   arbitrary type-checks and runs; a vitest project calling the vitest entry against the
#   reference passes, and against a faulted one fails on the fault's requirement.
# - `npm i git+file://<a clone of this repository>` in another empty folder (npm runs the
#   package's `prepare`, which builds it): `npx client-cert-conformance run` and `extract --check`
#   there. The clone is of the committed HEAD: commit first.
# - fast-check, a peer dependency, at both ends of its range (the lowest 3.x the generators work
#   with, and the newest 4.x): docs/examples/ type-check against the shipped types, and the
#   generators example runs.
#   npm run check:package            (needs the npm registry, or its cache, for the dependencies)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/check-package.XXXX)
served_pid=""
trap '[ -z "$served_pid" ] || kill "$served_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
step() { printf '%-70s ' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }
fail() { echo "FAIL: $*"; exit 1; }
seconds() { echo $(( $(date +%s) - $1 )); }
# The lowest fast-check the generators work with (fc.string({ unit }) came in 3.22.0), and the newest 4.x.
FAST_CHECK_LOW=3.22.0
FAST_CHECK_HIGH=4
tsc="$repo/node_modules/.bin/tsc"
# A user project's tsconfig: strict NodeNext, the package's shipped declarations checked too.
tsconfig() {
  local include=""
  [ -z "${1:-}" ] || include=", \"include\": $1"
  cat >tsconfig.json <<JSON
{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", "strict": true, "rootDir": ".", "outDir": "js", "types": ["node"], "typeRoots": ["$repo/node_modules/@types"], "skipLibCheck": false }$include }
JSON
}

step "npm pack (prepare builds dist/)"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/client-cert-conformance-*.tgz)
tar tzf "$tarball" >"$work/contents"   # listed once: `tar | grep -q` under pipefail fails when grep stops reading early
if grep -qE '^package/(test|bench|\.github|\.ci|src)/' "$work/contents"; then fail "the tarball ships test/, bench/, src/ or CI files"; fi
for f in package/dist/src/cli/main.js package/baselines/cloudflare-live.json package/schemas/source/openapi.json package/fixtures/cassette-reference/exchanges.ndjson; do
  grep -qx "$f" "$work/contents" || fail "the tarball lacks $f"
done
ok "$(wc -l <"$work/contents") files"

mkdir "$work/user" && cd "$work/user"
step "npm init -y && npm i the tarball"
npm init -y >/dev/null
npm i --no-audit --no-fund --prefer-offline "$tarball" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
[ ! -e node_modules/tsx ] || fail "tsx was installed: the package must not need it at run time"
[ -e node_modules/fast-check ] || fail "fast-check, a peer dependency, was not installed with the package"
ok "fast-check $(node -p 'require("fast-check/package.json").version')"

step "npx client-cert-conformance run (the shipped cassette)"
npx client-cert-conformance run --out out --quiet >"$work/run.log"
for f in report.json report.md report.html junit.xml; do [ -s "out/$f" ] || fail "no out/$f"; done
ok "$(head -1 "$work/run.log")"

step "...from another folder, the package's files found from there"
mkdir -p "$work/elsewhere/deeper" && (cd "$work/elsewhere/deeper" && "$work/user/node_modules/.bin/client-cert-conformance" run --out out --quiet >"$work/run-elsewhere.log")
[ -s "$work/elsewhere/deeper/out/report.json" ] || fail "no report from another folder"
ok

step "npx client-cert-conformance extract --check (the package's schemas)"
(cd "$work/elsewhere" && "$work/user/node_modules/.bin/client-cert-conformance" extract --check >"$work/extract.log") || { cat "$work/extract.log"; fail "extract --check"; }
ok "$(cat "$work/extract.log")"

step "run --dry-run --format json: one JSON document on stdout"
npx client-cert-conformance run --dry-run --format json 2>/dev/null >"$work/plan.json"
ok "$(node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`${p.requests.length} requests planned, at most ${p.counts.atMost}`)' "$work/plan.json")"

step "npx client-cert-conformance --version"
npx client-cert-conformance --version | grep -q "^client-cert-conformance $(node -p "require('$repo/package.json').version")$"
ok

step "the README's nightly line, the installed reference as the live API"
nightly=$(grep -o 'npx client-cert-conformance run --target live [^`|]*' "$repo/README.md" | head -1 | sed 's/ *$//')
[ -n "$nightly" ] || fail "no nightly line in README.md"
cp node_modules/client-cert-conformance/schemas/source/openapi.json openapi.json   # the document NIGHTLY.md has the job download
eval "$(npx client-cert-conformance serve --port 0 --background --print-env 2>/dev/null)"
served_pid=$CONFORMANCE_SERVE_PID
# As the README has it, without baselines/ in this folder; quicker than live's pace (--rate 0).
CLOUDFLARE_BASE_URL=$CONFORMANCE_SERVE_URL CONFORMANCE_REPORT_DIR="$work/nightly" bash -c "$nightly --rate 0 --quiet" >"$work/nightly.log" 2>&1 || { cat "$work/nightly.log"; fail "the nightly line: $nightly"; }
node -e 'const r = require(process.argv[1]); if (!r.baseline || r.baseline.file !== "baselines/cloudflare-live.json") process.exit(1)' "$work/nightly/report.json" || fail "the nightly report names no baseline"
kill "$served_pid"; served_pid=""
unset CLOUDFLARE_ZONE_ID CLOUDFLARE_API_TOKEN CLOUDFLARE_EMAIL CLOUDFLARE_API_KEY CLOUDFLARE_OTHER_ZONE_ID CONFORMANCE_SERVE_URL CONFORMANCE_SERVE_PID
ok "$(head -1 "$work/nightly.log")"

step "a TypeScript file using the library type-checks and runs"
cat >app.mts <<'TS'
import fc from "fast-check";
import { runConformance, startReferenceServer, validateResponse, type Report } from "client-cert-conformance";
import { conformanceArbitraries } from "client-cert-conformance/generators";

const server = await startReferenceServer();
try {
  const report: Report = await runConformance({ target: server.baseUrl, zone: server.zone, credentials: server.credentials, seed: 1 });
  if (report.verdict !== "conformant") throw new Error(`the reference is ${report.verdict}`);
  const { success } = await conformanceArbitraries({ seed: 1 });
  fc.assert(fc.property(success, (body) => validateResponse(body, { status: 200 }).length === 0), { seed: 1, numRuns: 20 });
  console.log(`${report.verdict}, ${report.summary.passed} passed; generated bodies valid`);
} finally {
  await server.close();
}
TS
tsconfig '["app.mts"]'
"$tsc" -p . >"$work/tsc.log" 2>&1 || { cat "$work/tsc.log"; exit 1; }
ok "$(node js/app.mjs)"

step "a vitest project: describeConformance against the reference"
cp "$repo/docs/examples/vitest-conformance.test.ts" conformance.test.mts
failedTests() { node -e 'const r = require(process.argv[1]); console.log(r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "failed").map((t) => t.title.split(":")[0]).join(" "))' "$1"; }
npx vitest run --reporter=json --outputFile="$work/clean.json" >"$work/vitest.log" 2>&1 || { tail -20 "$work/vitest.log"; exit 1; }
ok "$(node -p 'require(process.argv[1]).numPassedTests' "$work/clean.json") tests passed"

step "...and against --fault status-uppercase: STATUS-ENUM alone fails"
if CONFORMANCE_FAULT=status-uppercase npx vitest run --reporter=json --outputFile="$work/fault.json" >"$work/vitest-fault.log" 2>&1; then fail "passed against a faulted server"; fi
[ "$(failedTests "$work/fault.json")" = "STATUS-ENUM" ] || fail "failed: $(failedTests "$work/fault.json")"
ok

# fast-check at both ends of the peer range: the documented examples type-check against the
# shipped declarations, and the generators example runs on that fast-check.
for fcv in "$FAST_CHECK_LOW" "$FAST_CHECK_HIGH"; do
  mkdir "$work/fc-$fcv" && cd "$work/fc-$fcv"
  step "fast-check@$fcv: npm i the tarball with it"
  npm init -y >/dev/null
  npm i --no-audit --no-fund --prefer-offline "$tarball" "fast-check@$fcv" >"$work/install-fc-$fcv.log" 2>&1 || { cat "$work/install-fc-$fcv.log"; exit 1; }
  ok "$(node -p 'require("fast-check/package.json").version')"
  step "fast-check@$fcv: docs/examples type-check against the shipped types"
  mkdir examples && cp "$repo"/docs/examples/*.ts examples/
  for f in examples/*.ts; do case "$f" in *.test.ts) mv "$f" "${f%.test.ts}.test.mts" ;; *) mv "$f" "${f%.ts}.mts" ;; esac; done
  tsconfig '["examples"]'
  "$tsc" -p . >"$work/tsc-fc-$fcv.log" 2>&1 || { cat "$work/tsc-fc-$fcv.log"; fail "docs/examples do not type-check with fast-check $fcv"; }
  ok "$(ls examples | wc -l) files"
  step "fast-check@$fcv: the generators example runs"
  out=$(node js/examples/generators.mjs) || fail "the generators example with fast-check $fcv"
  ok "$out"
done

# From git: what `npm i github:OWNER/client-cert-conformance` does, with a clone for the remote.
step "git clone (the committed HEAD) and npm i git+file:// of it (prepare builds)"
git clone --quiet "$repo" "$work/clone"
mkdir "$work/git-user" && cd "$work/git-user"
npm init -y >/dev/null
started=$(date +%s)
npm i --no-audit --no-fund --prefer-offline "git+file://$work/clone" >"$work/install-git.log" 2>&1 || { tail -30 "$work/install-git.log"; fail "npm i git+file://"; }
[ -e node_modules/client-cert-conformance/dist/src/cli/main.js ] || fail "the git install has no dist/: prepare did not build it"
[ ! -e node_modules/client-cert-conformance/src ] || fail "the git install ships src/ (files)"
ok "$(seconds "$started") s"

step "npx client-cert-conformance run, from the git install"
npx client-cert-conformance run --out out --quiet >"$work/run-git.log"
[ -s out/report.json ] || fail "no report from the git install"
ok "$(head -1 "$work/run-git.log")"

step "npx client-cert-conformance extract --check, from the git install"
npx client-cert-conformance extract --check >"$work/extract-git.log" || { cat "$work/extract-git.log"; fail "extract --check from the git install"; }
ok
echo "the package installs from a tarball and from git, runs from any folder, and its library, generators and vitest entry work from outside the repository, with fast-check $FAST_CHECK_LOW and $FAST_CHECK_HIGH"
