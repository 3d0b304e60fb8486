// The certificate: names are not unique, so a lost create is found among the certificates of
// its name that were not there before. Its private key is key material: the API may answer it
// masked (`******`, when the project's private-key echo is off, C5) or not at all, so the
// outputs keep the key the program gave, and no error this resource raises carries it.
import { certificateSpec } from "../../spec";
import { specResource, type Handler, type Listed } from "./specResource";
import type { Obj } from "./values";

/** What the API answers instead of a key while echo is off (C5). */
const MASKED = "******";

const base = specResource({
  spec: certificateSpec,
  collection: () => "/certificates",
  // Certificates belong to the project, not to a load balancer: no provisioning lock to wait out.
  loadBalancerOf: async () => undefined,
  candidates: (ctx, desired) => ctx.client.list<Listed>("/certificates", "certificates", { name: String(desired.name ?? "") }, ctx.deadline),
  echo: (live, known) => ({
    private_key: typeof live.private_key === "string" && live.private_key !== MASKED ? live.private_key : (known.private_key ?? null),
  }),
});

/** The private keys an operation handles: of the new inputs and of the old state. */
function keysOf(...objs: Obj[]): string[] {
  const out: string[] = [];
  for (const o of objs) {
    const key = o?.privateKey;
    if (typeof key === "string" && key.length > 0) out.push(key);
  }
  return out;
}

/**
 * An error with every line of a private key cut out of its message and stack. The engine never
 * quotes a key, but another endpoint might, and Pulumi prints and logs what an operation throws.
 */
function redacted(e: unknown, keys: string[]): unknown {
  if (!(e instanceof Error) || keys.length === 0) return e;
  const lines = keys.flatMap((k) => k.split(/\r?\n/).filter((l) => l.length >= 16 && !l.startsWith("-----")));
  const scrub = (text: string) => {
    let out = text;
    for (const k of keys) out = out.split(k).join("[secret]");
    for (const l of lines) out = out.split(l).join("[secret]");
    return out;
  };
  e.message = scrub(e.message);
  if (e.stack) e.stack = scrub(e.stack);
  const reasons = (e as { reasons?: unknown }).reasons;
  if (Array.isArray(reasons)) (e as unknown as { reasons: string[] }).reasons = reasons.map((r) => scrub(String(r)));
  return e;
}

const guarded =
  <A extends unknown[], R>(f: (...args: A) => Promise<R>, keys: (...args: A) => string[]) =>
  async (...args: A): Promise<R> => {
    try {
      return await f(...args);
    } catch (e) {
      throw redacted(e, keys(...args));
    }
  };

export const certificate: Handler = {
  check: guarded(base.check, (olds, news) => keysOf(olds, news)),
  diff: guarded(base.diff, (_id, olds, news) => keysOf(olds, news)),
  create: guarded(base.create, (inputs) => keysOf(inputs)),
  read: guarded(base.read, (_id, props) => keysOf(props)),
  update: guarded(base.update, (_id, olds, news) => keysOf(olds, news)),
  delete: guarded(base.delete, (_id, props) => keysOf(props)),
};
