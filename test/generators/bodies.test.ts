import { mutationLaws } from "./laws/mutations.ts";
import { shrinkingLaws } from "./laws/shrinking.ts";
import { validSampleLaws } from "./laws/valid-samples.ts";

// Bodies and answers: one file (one worker, one certificate pool) for both sides of the validator,
// and how their counterexamples shrink.
validSampleLaws();
mutationLaws();
shrinkingLaws();
