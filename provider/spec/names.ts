// API names (snake_case) and Pulumi names (camelCase), converted both ways.
//
// Each conversion remembers its answers. Names repeat on every call (every old output a diff
// reads back, every property of every object a create or a MemberSet reports), and the regular
// expressions cost more than the rest of a diff. Kept for the preview bench's row "check + diff
// CPU per resource": without the memo `npm run bench -- preview` measured 20.3-23.5 µs (six
// runs) against 13.1-18.4 µs with it, alternating on the same machine; the apply row
// "N=1000: MemberSet speed-up ÷ the minimal member engine's" also fell (0.36-0.48 against
// 0.54-0.78 in three runs each), each live member's 14 properties being renamed on every apply.
const remembered = (convert: (s: string) => string): ((s: string) => string) => {
  const seen = new Map<string, string>();
  return (s) => {
    let out = seen.get(s);
    if (out === undefined) {
      out = convert(s);
      // Bounded: names come from field tables and programs, but a program may send anything.
      if (seen.size < 4096) seen.set(s, out);
    }
    return out;
  };
};

/** Pulumi name of an API field: camelCase of the snake_case name (`vip_subnet_cidr_id` → `vipSubnetCidrId`). */
export const camel = remembered((api) => api.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));

/** API name of a Pulumi name (inverse of `camel`). */
export const snake = remembered((name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
