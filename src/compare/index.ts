export { runCompare } from "./command.ts";
export { changeKind, compareExitCode, compareReports, hasRegression, type ChangeKind, type Comparison, type RequirementChange, type RunSummary } from "./diff.ts";
export { readReportFile } from "./read-report.ts";
export { COMPARE_FORMATS, differences, renderComparison, renderJson, renderMarkdown, renderText, type CompareFormat } from "./render.ts";
