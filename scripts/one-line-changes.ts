/**
 * `npm run check:one-line-changes`: the one-line changes to the suites' checks that issue 10 lists
 * (a reviewer's weakening of one comparison each), applied one at a time; each must make the
 * generator-driven matrix (test/matrix/generated-matrix.test.ts, part of `npm test`) fail. The
 * file is put back as it was after each, and on Ctrl-C. Exit 1 when a change survives.
 *
 * StrykerJS (npm run test:mutation) makes every change of this kind; this is the short list a
 * reviewer tried by hand, kept so that anyone can try it again in a few minutes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

interface OneLineChange {
  name: string;
  file: string;
  /** The text replaced (exactly once in the file) and what replaces it. */
  from: string;
  to: string;
}

export const ONE_LINE_CHANGES: readonly OneLineChange[] = [
  { name: "location is no longer compared", file: "suites/x509.ts", from: ', ["location", s.locality]]', to: "]" },
  { name: "expires_on is no longer compared", file: "suites/x509.ts", from: '[["issued_on", e.parsed.notBefore], ["expires_on", e.parsed.notAfter]]', to: '[["issued_on", e.parsed.notBefore]]' },
  { name: "the validity_days tolerance widened from 1 to 7 days", file: "suites/x509.ts", from: "Math.abs(actual - days) <= 1", to: "Math.abs(actual - days) <= 7" },
  { name: "application/json-patch+json accepted as JSON", file: "suites/support/evidence.ts", from: String.raw`/^application\/json\s*(;|$)/i`, to: String.raw`/^application\/json(-patch\+json)?\s*(;|$)/i` },
  { name: "failure bodies validated on 404 only", file: "suites/schema-checks.ts", from: "is4xx(res) && res.status !== 429;", to: "res.status === 404;" },
  { name: `the "no certificate data in a refusal" rule dropped`, file: "suites/support/refusal.ts", from: '  if (carriesCertificateData(res)) return "the refusal carries certificate data";\n', to: "" },
  { name: "the unknown-email probe dropped", file: "src/run/probes.ts", from: '  { authCase: "unknown-email",', to: '  // { authCase: "unknown-email",' },
];

const MATRIX = "test/matrix/generated-matrix.test.ts";

let restore: (() => void) | undefined;
process.on("SIGINT", () => {
  restore?.();
  process.exit(130);
});

let survived = 0;
for (const change of ONE_LINE_CHANGES) {
  const original = readFileSync(change.file, "utf8");
  const count = original.split(change.from).length - 1;
  if (count !== 1) {
    console.error(`${change.name}: "${change.from}" is in ${change.file} ${count} times, expected once (the check moved: update this list)`);
    process.exit(1);
  }
  restore = () => writeFileSync(change.file, original);
  writeFileSync(change.file, original.replace(change.from, change.to));
  try {
    const run = spawnSync("npx", ["vitest", "run", MATRIX, "--reporter=dot"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const failing = [...(run.stdout + run.stderr).matchAll(/FAIL .*? > .*? > (.+)$/gm)].map((m) => m[1].replace(/\x1b\[[0-9;]*m/g, "").trim());
    if (run.status === 0) {
      survived++;
      console.log(`SURVIVED  ${change.name}`);
    } else {
      console.log(`caught    ${change.name}: ${failing.length ? failing.join("; ") : `vitest exited ${run.status}`}`);
    }
  } finally {
    restore();
    restore = undefined;
  }
}
console.log(`${ONE_LINE_CHANGES.length - survived} of ${ONE_LINE_CHANGES.length} one-line changes make ${MATRIX} fail`);
process.exit(survived ? 1 : 0);
