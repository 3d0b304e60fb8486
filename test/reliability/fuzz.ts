// Generated requests against the engine's HTTP surface. Properties: the engine never answers 5xx,
// never crashes, and afterwards the store's invariants hold.
import fc from "fast-check";
import type { RunningEngine } from "../../provider/engine/engine";
import { checkInvariants } from "../../provider/engine/invariants";
import { issue } from "../engine/helpers/certificates";

const LOOPBACK = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const PRIVATE_A = "9d2e4f60-1a2b-4c3d-8e4f-000000000002";
const PROJECTS = ["0f1e2d3c4b5a49687766554433221100", "aaaabbbbccccddddeeeeffff00001111"];

export interface FuzzStats {
  requests: number;
  statuses: Record<string, number>;
  violations: string[];
}

/** Ids the run has seen, by kind, so generated requests reach real objects as well as missing ones. */
class Ids {
  private readonly byKind = new Map<string, string[]>();
  add(body: unknown): void {
    if (!body || typeof body !== "object") return;
    for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
      const kind = key.replace(/s$/, "");
      for (const o of Array.isArray(v) ? v : [v]) {
        const id = o && typeof o === "object" ? (o as { id?: unknown }).id : undefined;
        if (typeof id !== "string") continue;
        const list = this.byKind.get(kind) ?? [];
        if (!list.includes(id)) list.push(id);
        if (list.length > 50) list.shift();
        this.byKind.set(kind, list);
      }
    }
  }
  /** An id of that kind (`pool`), now and then one of another kind or a stranger. */
  pick(kind: string, i: number): string {
    const list = i % 7 === 0 ? [...this.byKind.values()].flat() : this.byKind.get(kind) ?? [];
    return list.length && i % 11 !== 0 ? list[i % list.length] : "00000000-0000-4000-8000-000000000000";
  }
}

const weird = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("..", ".", "%2e%2e", "%2F", "a%2Fb", "%00", "__proto__", "constructor", "", "UPPER-CASE-ID", "x".repeat(300), "😀", "%E2%82%AC"),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.integer({ min: -5, max: 70000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 30 }),
    fc.constantFrom("TCP", "UDP", "HTTP", "HTTPS", "QUIC", "TLS", "GRPC", "ROUND_ROBIN", "SOURCE_IP", "LEAST_CONNECTIONS", "APP_COOKIE", "local-1a", LOOPBACK, PRIVATE_A, "127.0.0.9", "10.0.0.1", "::1", "a1f4d2e0-0c4e-4f3a-9d40-000000000401", "a1f4d2e0-0c4e-4f3a-9d40-000000000701", "key", "start_port", "local-1b"),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "type", "enable", "cookie_name", "key", "value", "start_port", "end_port", "quic_listener_id", "network_type", "bandwidth")), tie("v"), { maxKeys: 4 }),
  ),
})).v;

const FIELDS = [
  "name", "availability_zone_list", "vip_subnet_cidr_id", "vip_address", "ip_target_enable", "deletion_protection_enable",
  "loadbalancer_id", "listener_id", "protocol", "protocol_port", "default_pool_id", "default_tls_container_ref", "http2_enable",
  "keepalive_timeout", "client_timeout", "lb_algorithm", "session_persistence", "slow_start", "member_deletion_protection_enable",
  "type", "vpc_id", "address", "weight", "subnet_cidr_id", "pool_id", "delay", "timeout", "max_retries", "url_path", "expected_codes",
  "__proto__", "constructor", "unknown_field",
  // Huawei's wider field set (F1-F5).
  "tags", "l4_flavor_id", "l7_flavor_id", "elb_virsubnet_ids", "publicip", "publicip_ids", "prepaid_options", "billing_info", "autoscaling",
  "port_ranges", "quic_config", "az_affinity", "any_port_enable", "availability_zone", "project_id", "enhance_l7policy_enable",
];

interface GenRequest {
  method: string;
  project: number;
  path: (ids: Ids) => string;
  body: (ids: Ids) => string | undefined;
  /** The path is under the project, not under `/elb` (the tag actions, F2). */
  underProject?: boolean;
}

const resourceBody = (key: string) =>
  fc.record({ fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }), idRefs: fc.array(fc.tuple(fc.constantFrom("loadbalancer_id", "listener_id", "pool_id", "default_pool_id"), fc.nat()), { maxLength: 2 }) }).map(
    ({ fields, idRefs }) =>
      (ids: Ids) => {
        const inner: Record<string, unknown> = { ...fields };
        for (const [k, i] of idRefs) inner[k] = ids.pick(k === "default_pool_id" ? "pool" : k.replace(/_id$/, ""), i);
        return JSON.stringify({ [key]: inner });
      },
  );

/** Bodies that are plausible creates, so the run builds real objects to break. */
const plausible = fc.nat().chain((i) =>
  fc.constantFrom(
    (_: Ids) => JSON.stringify({ loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK } }),
    (ids: Ids) => JSON.stringify({ listener: { loadbalancer_id: ids.pick("loadbalancer", i), protocol: ["TCP", "HTTP", "UDP"][i % 3], protocol_port: 80 + (i % 5) } }),
    (ids: Ids) => JSON.stringify({ pool: { loadbalancer_id: ids.pick("loadbalancer", i), protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } }),
    (ids: Ids) => JSON.stringify({ pool: { listener_id: ids.pick("listener", i), protocol: "TCP", lb_algorithm: "SOURCE_IP" } }),
    (ids: Ids) => JSON.stringify({ healthmonitor: { pool_id: ids.pick("pool", i), type: "TCP", delay: 5, timeout: 3, max_retries: 3 } }),
    (_: Ids) => JSON.stringify({ member: { address: `127.0.0.${(i % 200) + 2}`, protocol_port: 80, subnet_cidr_id: LOOPBACK, weight: i % 101 } }),
    (_: Ids) => JSON.stringify({ members: Array.from({ length: (i % 5) + 1 }, (_, k) => ({ address: `192.168.0.${(k + i) % 250 + 2}`, protocol_port: 80, subnet_cidr_id: PRIVATE_A })) }),
  ),
);

const rawBody = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 50 }),
  fc.constantFrom("{", "[]", "null", "1", '{"pool":{"name":"a","name":"b"}}', '{"__proto__":{"polluted":true}}', '{"member":{"__proto__":{"weight":5}}}'),
  fc.nat({ max: 60 }).map((depth) => "[".repeat(depth * 40) + "]".repeat(depth * 40)),
  fc.nat({ max: 3 }).map((n) => JSON.stringify({ loadbalancer: { name: "n".repeat(n * 100_000) } })),
).map((b) => (_: Ids) => b);

/** One server certificate and key for the whole run (an RSA key takes a while to make). */
let pem: { cert: string; key: string } | undefined;
const serverCertificate = () => (pem ??= issue({ cn: "fuzz.example.test" }));

/** Creates and updates aimed at the right path, so sequences build real state to break. */
const consistent: fc.Arbitrary<GenRequest> = fc.tuple(fc.nat(), fc.nat({ max: 13 }), value).map(([i, which, v]) => {
  const body = (b: (ids: Ids) => unknown) => (ids: Ids) => JSON.stringify(b(ids));
  const requests: GenRequest[] = [
    { method: "POST", project: 0, path: () => "/listeners", body: body((ids) => ({ listener: { loadbalancer_id: ids.pick("loadbalancer", i), protocol: ["TCP", "HTTP", "UDP", "HTTPS"][i % 4], protocol_port: 80 + (i % 7), default_tls_container_ref: i % 2 ? "cert" : undefined } })) },
    { method: "POST", project: 0, path: () => "/pools", body: body((ids) => ({ pool: { loadbalancer_id: ids.pick("loadbalancer", i), protocol: ["TCP", "HTTP", "UDP"][i % 3], lb_algorithm: ["ROUND_ROBIN", "SOURCE_IP", "LEAST_CONNECTIONS"][i % 3] } })) },
    { method: "POST", project: 0, path: (ids) => `/pools/${ids.pick("pool", i)}/members`, body: body(() => ({ member: { address: `127.0.${i % 3}.${(i % 200) + 2}`, protocol_port: 80 + (i % 3), subnet_cidr_id: i % 5 ? LOOPBACK : undefined, weight: i % 101 } })) },
    { method: "POST", project: 0, path: (ids) => `/pools/${ids.pick("pool", i)}/members/batch-add`, body: body(() => ({ members: Array.from({ length: (i % 7) + 1 }, (_, k) => ({ address: `127.1.0.${((k + i) % 250) + 2}`, protocol_port: 80, ...(i % 3 ? {} : { subnet_cidr_id: LOOPBACK }) })) })) },
    { method: "PUT", project: 0, path: (ids) => `/pools/${ids.pick("pool", i)}`, body: body(() => ({ pool: { [["lb_algorithm", "session_persistence", "slow_start", "member_deletion_protection_enable", "type", "name", "description"][i % 7]]: v } })) },
    { method: "PUT", project: 0, path: (ids) => `/listeners/${ids.pick("listener", i)}`, body: body((ids) => ({ listener: i % 2 ? { default_pool_id: i % 3 ? ids.pick("pool", i) : null } : { keepalive_timeout: v } })) },
    { method: "PUT", project: 0, path: (ids) => `/loadbalancers/${ids.pick("loadbalancer", i)}`, body: body(() => ({ loadbalancer: { [["ip_target_enable", "deletion_protection_enable", "vip_address", "vip_subnet_cidr_id", "name"][i % 5]]: v } })) },
    {
      method: "POST",
      project: 0,
      underProject: true,
      path: (ids) => (i % 2 ? `/listeners/${ids.pick("listener", i)}` : `/loadbalancers/${ids.pick("loadbalancer", i)}`) + "/tags/action",
      body: body(() => ({ action: ["create", "delete", "create", v][i % 4], tags: i % 5 ? Array.from({ length: (i % 23) + 1 }, (_, k) => ({ key: `k${(k + i) % 30}`, value: k % 3 ? `v${k}` : v })) : v })),
    },
    // Certificates, security policies and IP groups, and listeners that name them (C6, T4, I4).
    { method: "POST", project: 0, path: () => "/certificates", body: body(() => ({ certificate: i % 4 ? { certificate: serverCertificate().cert, private_key: serverCertificate().key } : { certificate: v, private_key: v } })) },
    { method: "POST", project: 0, path: () => "/security-policies", body: body(() => ({ security_policy: { protocols: i % 3 ? ["TLSv1.2"] : v, ciphers: i % 2 ? ["ECDHE-RSA-AES128-GCM-SHA256"] : v } })) },
    { method: "POST", project: 0, path: () => "/ipgroups", body: body(() => ({ ipgroup: { ip_list: Array.from({ length: i % 4 }, (_, k) => ({ ip: [`127.0.0.${k + 2}`, "10.0.0.0/8", "0.0.0.0", "::1", v][(k + i) % 5] })) } })) },
    {
      method: "POST",
      project: 0,
      path: (ids) => `/ipgroups/${ids.pick("ipgroup", i)}/iplist/${i % 2 ? "create-or-update" : "batch-delete"}`,
      body: body(() => ({ ipgroup: { ip_list: [{ ip: ["127.0.0.2", "0.0.0.0/32", "::1/128", v][i % 4] }] } })),
    },
    {
      method: "PUT",
      project: 0,
      path: (ids) => `/listeners/${ids.pick("listener", i)}`,
      body: body((ids) => ({
        listener: [
          { default_tls_container_ref: ids.pick("certificate", i) },
          { sni_container_refs: [ids.pick("certificate", i)] },
          { security_policy_id: ids.pick("security_policy", i) },
          { ipgroup: { ipgroup_id: ids.pick("ipgroup", i), type: i % 3 ? "white" : "black" } },
          { ipgroup: null },
        ][i % 5],
      })),
    },
    { method: "POST", project: 0, path: () => "/listeners", body: body((ids) => ({ listener: { loadbalancer_id: ids.pick("loadbalancer", i), protocol: "HTTPS", protocol_port: 443 + (i % 5), default_tls_container_ref: ids.pick("certificate", i), ipgroup: i % 2 ? { ipgroup_id: ids.pick("ipgroup", i) } : undefined } })) },
  ];
  return requests[which];
});

const collection = fc.constantFrom("loadbalancers", "listeners", "pools", "healthmonitors", "certificates", "security-policies", "ipgroups");
const random: fc.Arbitrary<GenRequest> = fc.record({
  method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH"),
  project: fc.nat({ max: 9 }).map((n) => (n === 0 ? 1 : 0)),
  shape: fc.nat({ max: 11 }),
  coll: collection,
  i: fc.nat(),
  j: fc.nat(),
  junk: weird,
  query: fc.constantFrom("", "?limit=1", "?limit=-1", "?limit=abc", "?marker=nope", "?name=a&name=b", "?page_reverse=maybe", "?member_address=127.0.0.2", "?limit=2001"),
  body: fc.oneof(plausible, resourceBody("loadbalancer"), resourceBody("listener"), resourceBody("pool"), resourceBody("member"), resourceBody("healthmonitor"), rawBody),
}).map(({ method, project, shape, coll, i, j, junk, query, body }) => ({
  method,
  project,
  body,
  path: (ids: Ids) => {
    const enc = encodeURIComponent(junk);
    const kind = coll === "security-policies" ? "security_policy" : coll.replace(/s$/, "");
    switch (shape) {
      case 0: return `/${coll}${query}`;
      case 1: return `/${coll}/${ids.pick(kind, i)}${query}`;
      case 2: return `/${coll}/${enc}`;
      case 3: return `/pools/${ids.pick("pool", i)}/members${query}`;
      case 4: return `/pools/${ids.pick("pool", i)}/members/${ids.pick("member", j)}`;
      case 5: return `/pools/${ids.pick("pool", i)}/members/${["batch-add", "batch-update", "batch-delete"][j % 3]}`;
      case 6: return `/loadbalancers/${ids.pick("loadbalancer", i)}/${["force-elb", "statuses", "availability-zone/batch-add", "availability-zone/batch-remove"][j % 4]}`;
      case 7: return `/listeners/${ids.pick("listener", i)}/force`;
      case 8: return `/pools/${ids.pick("pool", i)}/delete-cascade`;
      case 9: return `//${coll}/../${coll}/${ids.pick(kind, i)}`;
      case 10: return `/${junk.replace(/[\s?#]/g, "")}`;
      default: return `/${coll}/${ids.pick(kind, i)}/${enc}`;
    }
  },
}));

const request = fc.oneof({ weight: 2, arbitrary: consistent }, { weight: 3, arbitrary: random });

/** Runs `runs` generated sequences against a live engine and checks the properties after each. */
export async function fuzzEngine(engine: RunningEngine, opts: { seed: number; runs: number; maxRequests: number }): Promise<FuzzStats> {
  const stats: FuzzStats = { requests: 0, statuses: {}, violations: [] };
  // A few real objects to start from, so generated requests hit existing ids as well as missing ones.
  const seed = async (ids: Ids, path: string, body: unknown) => {
    const res = await fetch(`${engine.url}/v3/${PROJECTS[0]}/elb${path}`, { method: "POST", headers: { "X-Auth-Token": "fuzz", "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, { id: string }>;
    ids.add(json);
    return Object.values(json)[0]?.id;
  };
  let previous: string | undefined;
  /** Fresh objects for each sequence; the previous sequence's load balancer goes (force) to stay under quota. */
  const setUp = async (ids: Ids) => {
  if (previous) await fetch(`${engine.url}/v3/${PROJECTS[0]}/elb/loadbalancers/${previous}/force-elb`, { method: "DELETE", headers: { "X-Auth-Token": "fuzz" } });
  const lb = await seed(ids, "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a", "local-1b"], vip_subnet_cidr_id: LOOPBACK, ip_target_enable: true } });
  const listener = await seed(ids, "/listeners", { listener: { loadbalancer_id: lb, protocol: "HTTP", protocol_port: 8000 + opts.seed % 1000 } });
  const pool = await seed(ids, "/pools", { pool: { listener_id: listener, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } });
  await seed(ids, `/pools/${pool}/members`, { member: { address: "127.0.0.5", protocol_port: 80, subnet_cidr_id: LOOPBACK } });
  await seed(ids, "/healthmonitors", { healthmonitor: { pool_id: pool, type: "HTTP", delay: 5, timeout: 3, max_retries: 3 } });
  previous = lb;
  };
  await fc.assert(
    fc.asyncProperty(fc.array(request, { minLength: Math.min(5, opts.maxRequests), maxLength: opts.maxRequests, size: "max" }), async (reqs) => {
      const ids = new Ids();
      await setUp(ids);
      for (const r of reqs) {
        const method = r.method;
        const body = method === "GET" || method === "DELETE" ? undefined : r.body(ids);
        const url = `${engine.url}/v3/${PROJECTS[r.project]}${r.underProject ? "" : "/elb"}${r.path(ids)}`;
        let status: number;
        try {
          const res = await fetch(url, { method, headers: { "X-Auth-Token": "fuzz", "Content-Type": "application/json" }, body });
          status = res.status;
          const text = await res.text();
          if (text && res.headers.get("content-type")?.includes("json")) ids.add(JSON.parse(text));
        } catch (e) {
          // fetch refuses some URLs itself (invalid characters); those never reach the engine.
          if (e instanceof TypeError && /URL|Invalid|parse/i.test(String((e as Error).message) + String((e as { cause?: Error }).cause?.message))) continue;
          throw e;
        }
        stats.requests++;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        if (status >= 500) throw new Error(`${method} ${url} answered ${status}`);
      }
      const problems = checkInvariants(engine.context.model.store);
      if (problems.length) {
        stats.violations.push(...problems);
        throw new Error(`invariants broken: ${problems.join("; ")}`);
      }
      if (({} as Record<string, unknown>).polluted !== undefined) throw new Error("Object.prototype was polluted");
    }),
    { seed: opts.seed, numRuns: opts.runs, endOnFailure: true },
  );
  return stats;
}
