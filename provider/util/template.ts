// Objects with one key layout, made by copying a template.
//
// V8 makes `{ ...obj }` followed by new keys, `{ ...obj, more }` or `Object.assign` onto a copy
// many times slower than a spread of an object that already has every key (measured: about
// 6 µs against 0.4 µs for 30 keys on Node 20), because each copy starts a layout of its own.
// The engine builds stored objects this way: it copies a template holding all their keys, then
// only assigns. (Replies are copied by functions made per key layout; see engine/render.ts.)

/** An object whose keys are `keys`, in order, each `undefined`, laid out for fast copies. */
export function template(keys: Iterable<string>): Record<string, unknown> {
  const unique = [...new Set(keys)];
  // JSON.parse lays an object out in one step; the values then become "absent".
  const t = JSON.parse(JSON.stringify(Object.fromEntries(unique.map((k) => [k, null])))) as Record<string, unknown>;
  for (const k of unique) t[k] = undefined;
  return t;
}
