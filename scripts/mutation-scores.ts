/**
 * After `stryker run` (npm run test:mutation): the mutation score of each folder Stryker mutates,
 * from its JSON report, printed and written to reports/mutation/scores.md. Exit 1 when the score of
 * suites/ is below the 90% docs/MUTATION.md promises.
 *
 * The score is Stryker's: detected (killed or timed out) over valid mutants (detected, survived,
 * no coverage); ignored mutants and those that do not compile are not counted.
 */
import { readFileSync, writeFileSync } from "node:fs";

const REPORT = "reports/mutation/mutation.json";
const SUMMARY = "reports/mutation/scores.md";

/** The folders reported, most specific first (a file counts toward the first that holds it). */
const FOLDERS = ["suites/", "src/schema/", "src/http/redact.ts", "src/run/build-report.ts", "reports/"];
/** The folder with a promised floor, and the floor. */
const GATED = { folder: "suites/", minimum: 90 };

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

interface MutantJson { status: string }
interface ReportJson { files: Record<string, { mutants: MutantJson[] }> }

const report = JSON.parse(readFileSync(REPORT, "utf8")) as ReportJson;
const tally = new Map(FOLDERS.map((f) => [f, { detected: 0, undetected: 0 }]));
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = FOLDERS.find((f) => file.replace(/\\/g, "/").startsWith(f));
  if (!folder) continue;
  const t = tally.get(folder)!;
  for (const m of mutants) {
    if (DETECTED.has(m.status)) t.detected++;
    else if (UNDETECTED.has(m.status)) t.undetected++;
  }
}

const score = (t: { detected: number; undetected: number }) => (100 * t.detected) / (t.detected + t.undetected);
const mutated = (t: { detected: number; undetected: number }) => t.detected + t.undetected > 0;
const rows = FOLDERS.map((f) => {
  const t = tally.get(f)!;
  // A folder left out of this run (stryker run --mutate ...) has no score, not 100%.
  return mutated(t) ? `| ${f} | ${score(t).toFixed(2)}% | ${t.detected} | ${t.undetected} |` : `| ${f} | not mutated in this run | | |`;
});
const table = ["| folder | score | detected | survived or not covered |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
writeFileSync(SUMMARY, `### Mutation score per folder\n\n${table}\n`);
console.log(table);

const gatedTally = tally.get(GATED.folder)!;
const gated = score(gatedTally);
if (!mutated(gatedTally)) {
  console.error(`${GATED.folder} was not mutated in this run: no score to hold to ${GATED.minimum}%`);
  process.exit(1);
}
if (gated < GATED.minimum) {
  console.error(`the mutation score of ${GATED.folder} is ${gated.toFixed(2)}%, below ${GATED.minimum}%: see the survivors in reports/mutation/mutation.html`);
  process.exit(1);
}
