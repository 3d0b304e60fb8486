// The tag action of load balancers and listeners (Huawei's ChangeLoadbalancerTags and
// ChangeListenerTags, `POST /v3/{project_id}/{loadbalancers|listeners}/{id}/tags/action`): the
// objects' PUT takes no tags, so tags change in place only through this action (rule F2). Its
// tags obey the same tag rules as a create's (`tags()`), checked by the same kind.
import { checkValue, oneOf, tags, TAG_LIMITS, violation, type FieldDef, type Violation } from "./kinds";

/** Huawei: `create` adds tags (a key already there takes the new value), `delete` removes them. */
export const TAG_ACTIONS = ["create", "delete"] as const;
export type TagAction = (typeof TAG_ACTIONS)[number];
export type Tag = { key: string; value: string };

/** The action's body, as a field table so its refusals read like every other body's. */
export const tagActionFields = {
  action: { kind: oneOf(TAG_ACTIONS), create: true, update: false, required: true, change: "update", doc: "create or delete." },
  tags: { kind: tags(), create: true, update: false, required: true, change: "update", doc: "The tags to add, or to remove." },
} satisfies Record<string, FieldDef>;

/** Refusals of a tag action body: unknown fields, missing fields, values outside their kind. */
export function validateTagAction(body: Record<string, unknown>): Violation[] {
  const fields: Record<string, FieldDef> = tagActionFields;
  const out: Violation[] = [];
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(fields, key)) out.push(violation(key, body[key], "is not a known field of a tag action", `fields ${Object.keys(fields).join(", ")}`));
    else out.push(...checkValue(key, body[key], fields[key].kind));
  }
  for (const [key, def] of Object.entries(fields)) {
    if (def.required && body[key] === undefined) out.push(violation(key, undefined, "is required", def.kind.allowed));
  }
  return out;
}

/**
 * The tags an object holds after the action. `create` overwrites a key already there and adds
 * the others; `delete` removes a key whose value matches, or whatever its value when the value
 * sent is "" (Huawei: an empty value stands for any value), and a key not there is no error (the
 * action is idempotent). The result obeys the tag limit (F2): a violation naming `tags` otherwise.
 */
export function applyTagAction(current: readonly Tag[], action: TagAction, sent: readonly Tag[]): { tags: Tag[]; violation?: Violation } {
  if (action === "delete") {
    const gone = (t: Tag) => sent.some((s) => s.key === t.key && (s.value === "" || s.value === t.value));
    return { tags: current.filter((t) => !gone(t)) };
  }
  const next = current.map((t) => ({ ...t }));
  for (const s of sent) {
    const held = next.find((t) => t.key === s.key);
    if (held) held.value = s.value;
    else next.push({ key: s.key, value: s.value });
  }
  if (next.length > TAG_LIMITS.max) {
    return {
      tags: current.slice(),
      violation: violation("tags", sent, `would give the object ${next.length} tags (${current.length} already)`, `at most ${TAG_LIMITS.max} tags per object`),
    };
  }
  return { tags: next };
}
