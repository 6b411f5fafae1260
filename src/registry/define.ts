import { FAMILIES, type Family, type Requirement } from "./types.ts";

const ID_PATTERN = /^([A-Z0-9]+)(-[A-Z0-9]+)+$/;

/** Declares one requirement; the id's first part must be its family (checked here, once, at load). */
export function requirement(entry: Omit<Requirement, "family">): Requirement {
  const match = ID_PATTERN.exec(entry.id);
  if (!match) throw new Error(`requirement id ${entry.id} is not FAMILY-NAME in upper case`);
  const family = match[1] as Family;
  if (!FAMILIES.includes(family)) throw new Error(`requirement ${entry.id}: unknown family ${family}`);
  return Object.freeze({ ...entry, family });
}
