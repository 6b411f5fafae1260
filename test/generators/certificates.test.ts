import { certificateFixtureLaws } from "./laws/certificates.ts";
import { determinismLaws } from "./laws/determinism.ts";

// Certificate material and fixtures, and determinism by seed: one file (one worker, one key generation).
certificateFixtureLaws();
determinismLaws();
