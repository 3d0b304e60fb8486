// findLoadBalancersByBackend: which load balancers, listeners and pools a backend server is in.
//
// Pulumi's invoke-style functions come in pairs: `getX(args)` returns a Promise and
// `getXOutput(args)` takes `pulumi.Input`s and returns an Output, so a lookup can wait on values
// other resources produce. A dynamic provider has no invokes, so both run in the program's own
// process and call the API directly, with the same stack config (`elb:*`) and credentials the
// resources use (client/settings.ts): one project-wide member list (M9), then the pools,
// listeners and load balancers it names, each as one filtered list (G6).
import * as pulumi from "@pulumi/pulumi";
import { ElbClient } from "../client/http";
import { resolveSettings } from "../client/settings";
import { ipAddress, uuid, checkValue, type Violation } from "../spec/kinds";

export interface FindLoadBalancersByBackendArgs {
  /** The backend server's IP address: every member with this address, in any pool. */
  address?: string;
  /** A member id: that member only. Given with `address`, both must match. */
  memberId?: string;
}

export interface FindLoadBalancersByBackendOutputArgs {
  address?: pulumi.Input<string>;
  memberId?: pulumi.Input<string>;
}

/** One member that is the backend server, and where it is. */
export interface BackendMember {
  id: string;
  name: string;
  address: string;
  protocolPort: number;
  weight: number;
  adminStateUp: boolean;
  /** NO_MONITOR, INITIAL, ONLINE, OFFLINE or UNKNOWN (M7). */
  operatingStatus: string;
  poolId: string;
  /** null for a pool that belongs to no load balancer. */
  loadbalancerId: string | null;
}

export interface BackendPool {
  id: string;
  name: string;
  protocol: string;
  lbAlgorithm: string;
  loadbalancerId: string | null;
  /** Listeners whose default pool this is. */
  listenerIds: string[];
}

export interface BackendListener {
  id: string;
  name: string;
  protocol: string;
  protocolPort: number;
  loadbalancerId: string | null;
  defaultPoolId: string | null;
}

export interface BackendLoadBalancer {
  id: string;
  name: string;
  vipAddress: string;
  provisioningStatus: string;
}

export interface FindLoadBalancersByBackendResult {
  /** Every member that is the backend server (one per pool and port it serves in), in list order. */
  members: BackendMember[];
  /** The pools those members are in. */
  pools: BackendPool[];
  /** The listeners that forward to those pools. */
  listeners: BackendListener[];
  /** The load balancers those pools belong to. */
  loadBalancers: BackendLoadBalancer[];
}

type Obj = Record<string, unknown>;

const refIds = (v: unknown): string[] => (Array.isArray(v) ? v.map((r) => String((r as Obj).id)) : []);
const firstRef = (v: unknown): string | null => refIds(v)[0] ?? null;
const unique = (xs: (string | null | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))];

/** Bad arguments, in the words every other refusal uses: the argument, the value, what is allowed. */
function checkArgs(args: FindLoadBalancersByBackendArgs): void {
  const problems: Violation[] = [];
  if (args.address === undefined && args.memberId === undefined) {
    problems.push({ field: "address", value: undefined, reason: "is required when memberId is not given, allowed an IPv4 or IPv6 address." });
  }
  if (args.address !== undefined) problems.push(...checkValue("address", args.address, ipAddress()));
  if (args.memberId !== undefined) problems.push(...checkValue("memberId", args.memberId, uuid()));
  if (problems.length) throw new Error(`findLoadBalancersByBackend: ${problems.map((p) => `'${p.field}' ${p.reason}`).join(" ")}`);
}

/** The stack's `elb:*` settings as the provider reads them (config first, then the environment). */
function client(): ElbClient {
  return new ElbClient(resolveSettings((key) => pulumi.runtime.getConfig(key)));
}

/**
 * The load balancers, listeners and pools a backend server is in, found by its address (every
 * member with that address, in any pool of the project) or by a member id.
 *
 * ```ts
 * const where = await elb.findLoadBalancersByBackend({ address: "192.168.0.10" });
 * where.loadBalancers.map((lb) => lb.name);
 * ```
 */
export async function findLoadBalancersByBackend(args: FindLoadBalancersByBackendArgs): Promise<FindLoadBalancersByBackendResult> {
  checkArgs(args);
  const elb = client();
  const deadline = elb.deadline();
  const members = await elb.list<Obj & { id: string }>("/members", "members", { address: args.address, id: args.memberId }, deadline);

  // One list call per kind, filtered by id; none where there is nothing to ask for.
  const byIds = async (plural: string, ids: string[]) => (ids.length ? elb.list<Obj & { id: string }>(`/${plural}`, plural, { id: ids }, deadline) : []);
  const pools = await byIds("pools", unique(members.map((m) => m.pool_id as string)));
  const listeners = await byIds("listeners", unique(pools.flatMap((p) => refIds(p.listeners))));
  const loadBalancers = await byIds("loadbalancers", unique([...members.map((m) => m.loadbalancer_id as string | null), ...pools.map((p) => firstRef(p.loadbalancers))]));

  return {
    members: members.map((m) => ({
      id: m.id,
      name: String(m.name ?? ""),
      address: String(m.address),
      protocolPort: Number(m.protocol_port),
      weight: Number(m.weight),
      adminStateUp: m.admin_state_up !== false,
      operatingStatus: String(m.operating_status ?? ""),
      poolId: String(m.pool_id),
      loadbalancerId: (m.loadbalancer_id as string | null | undefined) ?? null,
    })),
    pools: pools.map((p) => ({
      id: p.id,
      name: String(p.name ?? ""),
      protocol: String(p.protocol),
      lbAlgorithm: String(p.lb_algorithm),
      loadbalancerId: firstRef(p.loadbalancers),
      listenerIds: refIds(p.listeners),
    })),
    listeners: listeners.map((l) => ({
      id: l.id,
      name: String(l.name ?? ""),
      protocol: String(l.protocol),
      protocolPort: Number(l.protocol_port),
      loadbalancerId: firstRef(l.loadbalancers),
      defaultPoolId: (l.default_pool_id as string | null | undefined) ?? null,
    })),
    loadBalancers: loadBalancers.map((lb) => ({
      id: lb.id,
      name: String(lb.name ?? ""),
      vipAddress: String(lb.vip_address ?? ""),
      provisioningStatus: String(lb.provisioning_status ?? ""),
    })),
  };
}

/**
 * `findLoadBalancersByBackend` for values not known yet: takes `pulumi.Input`s (a member's
 * `address`, say) and returns an Output, looked up once they are known.
 */
export function findLoadBalancersByBackendOutput(args: FindLoadBalancersByBackendOutputArgs): pulumi.Output<FindLoadBalancersByBackendResult> {
  return pulumi.output(args).apply((a) => findLoadBalancersByBackend({ address: a.address, memberId: a.memberId }));
}
