#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, then in an empty folder `npm init -y`, `npm i` the
# tarball, and there: `npx client-cert-conformance run` on its embedded default (exit 0, four
# reports); a TypeScript file importing runConformance, validateResponse, startReferenceServer
# and an arbitrary type-checks and runs; a vitest project calling the vitest entry against the
# reference passes, and against a faulted one fails on the fault's requirement.
#   npm run check:package            (needs the npm registry, or its cache, for the dependencies)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/check-package.XXXX)
trap 'rm -rf "$work"' EXIT
step() { printf '%-66s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }

step "npm pack"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/client-cert-conformance-*.tgz)
if tar tzf "$tarball" | grep -qE '^package/(test|bench|\.github|\.ci|src)/'; then echo "FAIL: the tarball ships test/, bench/, src/ or CI files"; exit 1; fi
ok "$(tar tzf "$tarball" | wc -l) files"

mkdir "$work/user" && cd "$work/user"
step "npm init -y && npm i the tarball"
npm init -y >/dev/null
npm i --no-audit --no-fund --prefer-offline "$tarball" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
[ ! -e node_modules/tsx ] || { echo "FAIL: tsx was installed: the package must not need it at run time"; exit 1; }
ok

step "npx client-cert-conformance run (the shipped cassette)"
npx client-cert-conformance run --out out --quiet >"$work/run.log"
for f in report.json report.md report.html junit.xml; do [ -s "out/$f" ] || { echo "FAIL: no out/$f"; exit 1; }; done
ok "$(head -1 "$work/run.log")"

step "npx client-cert-conformance --version"
npx client-cert-conformance --version | grep -q "^client-cert-conformance $(node -p "require('$repo/package.json').version")$"
ok

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
cat >tsconfig.json <<JSON
{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", "strict": true, "outDir": "js", "types": ["node"], "typeRoots": ["$repo/node_modules/@types"], "skipLibCheck": false } }
JSON
"$repo/node_modules/.bin/tsc" -p . >"$work/tsc.log" 2>&1 || { cat "$work/tsc.log"; exit 1; }
ok "$(node js/app.mjs)"

step "a vitest project: describeConformance against the reference"
cp "$repo/docs/examples/vitest-conformance.test.ts" conformance.test.mts
failedTests() { node -e 'const r = require(process.argv[1]); console.log(r.testResults.flatMap((f) => f.assertionResults).filter((t) => t.status === "failed").map((t) => t.title.split(":")[0]).join(" "))' "$1"; }
npx vitest run --reporter=json --outputFile="$work/clean.json" >"$work/vitest.log" 2>&1 || { tail -20 "$work/vitest.log"; exit 1; }
ok "$(node -p 'require(process.argv[1]).numPassedTests' "$work/clean.json") tests passed"

step "...and against --fault status-uppercase: STATUS-ENUM alone fails"
if CONFORMANCE_FAULT=status-uppercase npx vitest run --reporter=json --outputFile="$work/fault.json" >"$work/vitest-fault.log" 2>&1; then echo "FAIL: passed against a faulted server"; exit 1; fi
[ "$(failedTests "$work/fault.json")" = "STATUS-ENUM" ] || { echo "FAIL: failed: $(failedTests "$work/fault.json")"; exit 1; }
ok
echo "the package installs, runs, and its library, generators and vitest entry work from outside the repository"
