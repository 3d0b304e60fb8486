// The provider's uniqueness logic, read from the natural keys each spec declares (spec/keys.ts):
// which existing object a lost or conflicting create made, and whether a replacement would take
// a key the object it replaces holds, so it must delete that object first (deleteBeforeReplace).
import { keyOf, type KeyPart, type ResourceSpec } from "../../spec";
import { containsUnknown, type Obj } from "./values";

const absent = (v: unknown) => v === undefined || v === null;

/** Whether `o` holds at least one of the spec's keys (every part present). */
export const holdsKey = (spec: ResourceSpec, o: Obj): boolean => spec.naturalKeys.some((key) => keyOf(key, o) !== undefined);

/** Whether `candidate` holds a key of the spec with the same value as `desired`. */
export function sameKey(spec: ResourceSpec, desired: Obj, candidate: Obj): boolean {
  return spec.naturalKeys.some((key) => {
    const want = keyOf(key, desired);
    return want !== undefined && keyOf(key, candidate) === want;
  });
}

/**
 * Whether a part of `desired` may equal the same part of `old`: its fields are not known yet
 * (preview), or it is known and equal. An omitted part is a key only where the server derives
 * it (`derivedWhenOmitted`); then it may be the old one's.
 */
function partMayEqual(part: KeyPart, desired: Obj, old: Obj): boolean {
  if (part.fields.some((f) => containsUnknown(desired[f]))) return true;
  const want = part.value(desired);
  if (absent(want)) return part.derivedWhenOmitted === true;
  const have = part.value(old);
  // Compared as keyOf compares them: as strings.
  return !absent(have) && String(want) === String(have);
}

/**
 * Whether a replacement with `desired` (API names, program inputs) may take a key that `old`
 * (its outputs) holds: for some key, every part may be equal. The engine refuses the second
 * holder of a key (409), so such a replacement deletes the old object first.
 */
export function mayCollide(spec: ResourceSpec, desired: Obj, old: Obj): boolean {
  return spec.naturalKeys.some((key) => [...key.scope, ...key.fields].every((part) => partMayEqual(part, desired, old)));
}
