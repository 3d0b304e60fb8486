// The stack the apply and preview benchmarks use — one load balancer, L listeners, a pool with a
// health monitor behind each, and N members spread over the pools (as single Members or one
// MemberSet per pool) — applied two ways at the same concurrency:
//
// - through the provider: each resource's serialized provider is deserialized exactly as the
//   Pulumi provider host does it (`requireFromString(text).handler()`), configured once, and
//   called for `check` then `create`, as the engine calls a new resource's provider;
// - as the floor: the minimal raw API calls a perfect client would make for the same objects
//   (one POST per object, batch-add per 200 members), with the same HTTP library used the same
//   way (the global dispatcher, by origin and path).
//
// A scheduler runs a resource once everything it refers to exists, at most `concurrency` at a
// time — what `pulumi up --parallel 16` does.
import { getGlobalDispatcher } from "undici";
import type { ProviderKind } from "../../../provider/resources/providers";
import type { Obj } from "./api";
import { NET, defaults, providersModule, requireFromRoot } from "./dist";

export type { ProviderKind };

export interface StackShape {
  listeners: number;
  /** Members over all pools (at most 500 per pool, rule M1). */
  members: number;
  memberSets: boolean;
}

/** One resource (provider graph) or one API call (floor graph) and what it waits for. */
export interface Task {
  key: string;
  deps: string[];
  isMember: boolean;
  run(idOf: (key: string) => string): Promise<string>;
}

export interface GraphTiming {
  totalMs: number;
  /** From the first member (or member set) task's start to the last one's end. */
  membersMs: number;
  /** The id each task made, by key. */
  ids: Map<string, string>;
}

/**
 * Runs tasks as their dependencies complete, at most `concurrency` at a time. `known` holds the
 * ids of objects made earlier (a dependency found there is already satisfied).
 */
export async function runGraph(tasks: Task[], concurrency: number, known = new Map<string, string>()): Promise<GraphTiming> {
  const ids = new Map(known);
  const waiting = new Map(tasks.map((t) => [t.key, new Set(t.deps.filter((d) => !known.has(d)))]));
  const dependents = new Map<string, Task[]>();
  for (const t of tasks) {
    for (const d of t.deps) {
      const list = dependents.get(d);
      if (list) list.push(t);
      else dependents.set(d, [t]);
    }
  }
  const ready = tasks.filter((t) => waiting.get(t.key)!.size === 0);
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`${key} has no id yet`);
    return id;
  };
  const start = performance.now();
  let firstMember = Infinity;
  let lastMember = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (done === tasks.length) return resolve();
      while (inFlight < concurrency && ready.length > 0) {
        const task = ready.shift()!;
        inFlight++;
        const t0 = performance.now();
        if (task.isMember) firstMember = Math.min(firstMember, t0);
        task.run(idOf).then(
          (id) => {
            inFlight--;
            done++;
            if (task.isMember) lastMember = Math.max(lastMember, performance.now());
            ids.set(task.key, id);
            for (const d of dependents.get(task.key) ?? []) {
              const w = waiting.get(d.key)!;
              w.delete(task.key);
              if (w.size === 0) ready.push(d);
            }
            pump();
          },
          (err: Error) => {
            failed = true;
            reject(new Error(`${task.key}: ${err.message}`));
          },
        );
      }
    };
    pump();
  });
  return { totalMs: performance.now() - start, membersMs: lastMember - firstMember, ids };
}

/** Member k of a pool: unique address and port within it (rule M2), in subnet-private-a. */
export const memberArgs = (k: number) => ({ address: `192.168.0.${1 + (k % 250)}`, protocolPort: 80 + Math.floor(k / 250), subnetCidrId: NET.privateSubnet });

/** Members per pool: N spread evenly over the pools. */
const perPool = (shape: StackShape, pool: number) => Math.floor(shape.members / shape.listeners) + (pool < shape.members % shape.listeners ? 1 : 0);

/** One resource of the stack, in Pulumi terms (camelCase args referring to other resources by key). */
export interface ResourceDef {
  key: string;
  kind: ProviderKind;
  deps: string[];
  args(idOf: (key: string) => string): Obj;
}

export function stackResources(shape: StackShape): ResourceDef[] {
  const out: ResourceDef[] = [
    { key: "lb", kind: "loadbalancer", deps: [], args: () => ({ name: "bench", availabilityZoneList: [NET.zone], vipSubnetCidrId: NET.privateSubnet }) },
  ];
  for (let i = 0; i < shape.listeners; i++) {
    out.push({ key: `listener-${i}`, kind: "listener", deps: ["lb"], args: (id) => ({ loadbalancerId: id("lb"), protocol: "HTTP", protocolPort: 8000 + i }) });
    out.push({ key: `pool-${i}`, kind: "pool", deps: [`listener-${i}`], args: (id) => ({ listenerId: id(`listener-${i}`), protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" }) });
    out.push({
      key: `monitor-${i}`,
      kind: "healthmonitor",
      deps: [`pool-${i}`],
      args: (id) => ({ poolId: id(`pool-${i}`), type: "HTTP", delay: 5, timeout: 3, maxRetries: 3, urlPath: "/healthz" }),
    });
    const count = perPool(shape, i);
    if (shape.memberSets) {
      out.push({
        key: `members-${i}`,
        kind: "memberset",
        deps: [`pool-${i}`],
        args: (id) => ({ poolId: id(`pool-${i}`), members: Array.from({ length: count }, (_, k) => memberArgs(k)) }),
      });
    } else {
      for (let k = 0; k < count; k++) {
        out.push({ key: `member-${i}-${k}`, kind: "member", deps: [`pool-${i}`], args: (id) => ({ poolId: id(`pool-${i}`), ...memberArgs(k) }) });
      }
    }
  }
  return out;
}

// ---- through the provider -------------------------------------------------------------------

type Provider = {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  check(olds: Obj, news: Obj): Promise<{ inputs?: Obj; failures?: { property: string; reason: string }[] }>;
  diff(id: string, olds: Obj, news: Obj): Promise<{ changes?: boolean; replaces?: string[] }>;
  create(inputs: Obj): Promise<{ id: string; outs?: Obj }>;
};

type Serialize = (f: () => unknown, args: { allowSecrets: boolean }) => Promise<{ text: string }>;

/** A created resource as Pulumi keeps it: checked inputs and outputs, both carrying `__provider`. */
export interface ResourceState {
  kind: ProviderKind;
  id: string;
  /** What the program passed (plus `__provider`), for the next preview's check. */
  program: Obj;
  inputs: Obj;
  outputs: Obj;
}

/** The serialized provider texts, made as `dynamic.Resource` makes them. */
export async function providerTexts(): Promise<Record<ProviderKind, string>> {
  const { providers } = providersModule();
  const { serializeFunction } = requireFromRoot("@pulumi/pulumi/runtime/closure/serializeClosure") as { serializeFunction: Serialize };
  const out = {} as Record<ProviderKind, string>;
  for (const [kind, provider] of Object.entries(providers) as [ProviderKind, object][]) {
    out[kind] = (await serializeFunction(() => provider, { allowSecrets: true })).text;
  }
  return out;
}

/** The providers as the host holds them: deserialized from their text, once per text. */
export function deserializeProviders(texts: Record<ProviderKind, string>): Record<ProviderKind, Provider> {
  const requireFromString = requireFromRoot("require-from-string") as (code: string, filename?: string) => { handler(): Provider };
  const out = {} as Record<ProviderKind, Provider>;
  for (const [kind, text] of Object.entries(texts) as [ProviderKind, string][]) out[kind] = requireFromString(text).handler();
  return out;
}

export class ProviderDriver {
  private constructor(
    readonly texts: Record<ProviderKind, string>,
    private readonly providers: Record<ProviderKind, Provider>,
  ) {}

  static async load(): Promise<ProviderDriver> {
    const texts = await providerTexts();
    return new ProviderDriver(texts, deserializeProviders(texts));
  }

  /** Points every provider at an engine (the host configures each provider once, from stack config). */
  async configure(endpoint: string, projectId?: string): Promise<void> {
    const config: Record<string, string> = { "elb:endpoint": endpoint, ...(projectId ? { "elb:projectId": projectId } : {}) };
    for (const p of Object.values(this.providers)) await p.configure({ config: { get: (key) => config[key] } });
  }

  /** check + create, as the engine drives a new resource. */
  async create(kind: ProviderKind, args: Obj): Promise<ResourceState> {
    const provider = this.providers[kind];
    const text = this.texts[kind];
    // The host adds `__provider` to the objects it sends; `args` is a fresh object per call.
    const program = args;
    program.__provider = text;
    const checked = await provider.check({}, program);
    if (checked.failures?.length) throw new Error(`check failed: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    const inputs = checked.inputs ?? program;
    inputs.__provider = text;
    const made = await provider.create(inputs);
    const outputs = made.outs ?? {};
    outputs.__provider = text;
    return { kind, id: made.id, program, inputs, outputs };
  }
}

export function providerGraph(shape: StackShape, driver: ProviderDriver, states?: ResourceState[]): Task[] {
  return stackResources(shape).map((r) => ({
    key: r.key,
    deps: r.deps,
    isMember: r.kind === "member" || r.kind === "memberset",
    async run(idOf) {
      const state = await driver.create(r.kind, r.args(idOf));
      states?.push(state);
      return state.id;
    },
  }));
}

// ---- the floor ------------------------------------------------------------------------------

type Base = { origin: string; path: string; token: string };

const baseOf = (endpoint: string, projectId: string): Base => ({ origin: new URL(endpoint).origin, path: `/v3/${projectId}/elb`, token: defaults().DEFAULT_LOCAL_TOKEN });

/** One raw call, dispatched by origin and path as the provider's client does (no URL parsed per call); the reply's text. */
async function callText(base: Base, method: "GET" | "POST", path: string, body?: unknown): Promise<string> {
  const res = await getGlobalDispatcher().request({
    origin: base.origin,
    path: base.path + path,
    method,
    headers: body === undefined ? { "x-auth-token": base.token } : { "x-auth-token": base.token, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path} → ${res.statusCode}: ${text.slice(0, 300)}`);
  return text;
}

const postText = (base: Base, path: string, body: unknown): Promise<string> => callText(base, "POST", path, body);

const post = async (base: Base, path: string, body: unknown): Promise<Obj> => JSON.parse(await postText(base, path, body)) as Obj;

const apiMember = (k: number) => {
  const m = memberArgs(k);
  return { address: m.address, protocol_port: m.protocolPort, subnet_cidr_id: m.subnetCidrId };
};

/** The minimal calls for the same stack: one POST per object, batch-add per 200 members. */
export function floorGraph(shape: StackShape, endpoint: string, projectId = defaults().DEFAULT_PROJECT_ID): Task[] {
  const base = baseOf(endpoint, projectId);
  const created = (kind: string) => (o: Obj) => String((o[kind] as Obj).id);
  const tasks: Task[] = [
    {
      key: "lb",
      deps: [],
      isMember: false,
      run: async () =>
        created("loadbalancer")(await post(base, "/loadbalancers", { loadbalancer: { name: "bench", availability_zone_list: [NET.zone], vip_subnet_cidr_id: NET.privateSubnet } })),
    },
  ];
  for (let i = 0; i < shape.listeners; i++) {
    tasks.push({
      key: `listener-${i}`,
      deps: ["lb"],
      isMember: false,
      run: async (id) => created("listener")(await post(base, "/listeners", { listener: { loadbalancer_id: id("lb"), protocol: "HTTP", protocol_port: 8000 + i } })),
    });
    tasks.push({
      key: `pool-${i}`,
      deps: [`listener-${i}`],
      isMember: false,
      run: async (id) => created("pool")(await post(base, "/pools", { pool: { listener_id: id(`listener-${i}`), protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } })),
    });
    tasks.push({
      key: `monitor-${i}`,
      deps: [`pool-${i}`],
      isMember: false,
      run: async (id) =>
        created("healthmonitor")(
          await post(base, "/healthmonitors", { healthmonitor: { pool_id: id(`pool-${i}`), type: "HTTP", delay: 5, timeout: 3, max_retries: 3, url_path: "/healthz" } }),
        ),
    });
    const count = perPool(shape, i);
    if (shape.memberSets) {
      for (let from = 0; from < count; from += 200) {
        const members = Array.from({ length: Math.min(200, count - from) }, (_, k) => apiMember(from + k));
        tasks.push({
          key: `members-${i}-${from}`,
          deps: [`pool-${i}`],
          isMember: true,
          run: async (id) => {
            await post(base, `/pools/${id(`pool-${i}`)}/members/batch-add`, { members });
            return id(`pool-${i}`);
          },
        });
      }
    } else {
      for (let k = 0; k < count; k++) {
        tasks.push({
          key: `member-${i}-${k}`,
          deps: [`pool-${i}`],
          isMember: true,
          run: async (id) => created("member")(await post(base, `/pools/${id(`pool-${i}`)}/members`, { member: apiMember(k) })),
        });
      }
    }
  }
  return tasks;
}

/**
 * The engine's own replies, as text, to the member calls of the floor: one member created alone,
 * and one batch-add of a pool's share of `shape.members` (the first pool's); and its reply to the
 * read of that pool a new MemberSet makes alongside its adds (`pool`, read before them). Made in a
 * project of their own on a stack built for the purpose, so a bare server can replay the very
 * same bytes.
 */
export async function memberReplies(shape: StackShape, endpoint: string, projectId: string): Promise<{ single: string; batch: string; batchMembers: number; pool: string }> {
  const made = await runGraph(floorGraph(shape, endpoint, projectId).filter((t) => !t.isMember), 16);
  const base = baseOf(endpoint, projectId);
  const pool = (i: number) => made.ids.get(`pool-${i}`)!;
  const single = await postText(base, `/pools/${pool(1)}/members`, { member: apiMember(0) });
  const members = Array.from({ length: Math.min(200, perPool(shape, 0)) }, (_, k) => apiMember(k));
  const poolReply = await callText(base, "GET", `/pools/${pool(0)}`);
  const batch = await postText(base, `/pools/${pool(0)}/members/batch-add`, { members });
  return { single, batch, batchMembers: members.length, pool: poolReply };
}
