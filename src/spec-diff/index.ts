/** spec-diff: what changed in the operation between two OpenAPI documents, and which requirements it touches. */
export { diffSpecs, type SpecChange, type SpecDiff, type TouchedRequirement } from "./diff.ts";
export { operationFacts, type OperationFact } from "./facts.ts";
export { renderSpecDiffJson, renderSpecDiffText } from "./render.ts";
