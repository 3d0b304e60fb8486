// Output slots: every property a resource exposes is passed to the SDK as `undefined`, which
// registers it as an output; the list comes from the spec so it cannot drift from the API.
import { camel, type ResourceSpec } from "../spec";

export function outputSlots(spec: ResourceSpec, extra: string[] = []): Record<string, undefined> {
  const names = [...Object.keys(spec.fields), ...Object.keys(spec.outputs)].filter((n) => n !== "id").map(camel);
  return Object.fromEntries([...names, ...extra].map((n) => [n, undefined]));
}

/** A reference to another object, as the API lists them (`listeners: [{ id }]`). */
export interface Ref {
  id: string;
}
