// Load balancers: rules L1-L9, G9 provisioning.
import { errors } from "../../spec/errors";
import { naturalKey } from "../../spec/keys";
import { LIMITS, loadBalancerSpec as spec } from "../../spec";
import { IP_TARGET_LISTENER_PROTOCOLS, isLayer7Listener } from "../../spec/protocols";
import { DEFAULT_FLAVORS } from "../../spec/flavors";
import { hostAddresses, inCidr, type Subnet } from "../network";
import type { StoredLoadBalancer, StoredMember, StoredPool } from "../../spec/types";
import { render, memberStatus } from "../render";
import type { Change } from "../model";
import { EngineContext, type ApiRequest, type Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse } from "./list";
import { cascadeListener } from "./listeners";
import { assertMembersRemovable, cascadePool } from "./pools";

const base = "/v3/:project_id/elb/loadbalancers";
/** L2: a VIP is unique in its VPC. */
const vipKey = naturalKey(spec, "L2");

export function loadBalancerRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;

  const { find, reply } = objectAccess(ctx, "loadbalancer");

  /** L2: a VIP lies in its subnet and is unused in the VPC; omitted, the first free one is taken. */
  const vipFor = (vpcId: string, subnet: Subnet, wanted: unknown, selfId: string | null): string => {
    const usedBy = (ip: string) => m.holder(vipKey, { vpc_id: vpcId, vip_address: ip }, selfId ?? undefined);
    if (typeof wanted === "string") {
      if (!inCidr(wanted, subnet.cidr)) {
        throw errors.invalid({ field: "vip_address", value: wanted, reason: `"${wanted}" is not in subnet ${subnet.neutron_subnet_id} (${subnet.cidr}).` });
      }
      const other = usedBy(wanted);
      if (other) throw errors.keyTaken(vipKey, { vpc_id: vpcId, vip_address: wanted }, other);
      return wanted;
    }
    let tries = 0;
    for (const ip of hostAddresses(subnet.cidr, subnet.gateway_ip)) {
      if (!usedBy(ip)) return ip;
      if (++tries > 100_000) break;
    }
    throw errors.conflict("L2", { subnet: subnet.neutron_subnet_id });
  };

  const knownAz = (field: string, list: unknown[]) => {
    const codes = new Set(ctx.network.availability_zones.map((a) => a.code));
    const bad = list.find((c) => !codes.has(String(c)));
    if (bad !== undefined) {
      throw errors.invalid({ field, value: bad, reason: `"${String(bad)}" is not a known availability zone, allowed one of ${[...codes].join(", ")}.` });
    }
  };

  /** F3: the subnets an IPv6 VIP may use; the seeded network has none. */
  const ipv6Subnet = (field: string, id: unknown) => {
    const subnet = ctx.network.subnets.find((s) => s.id === id);
    throw errors.invalid({
      field,
      value: id,
      reason: subnet ? `"${String(id)}" is subnet ${subnet.name}, which has no IPv6; the engine's network is IPv4 only, allowed null.` : `"${String(id)}" is not a known subnet; the engine's network has no IPv6 subnet, allowed null.`,
    });
  };

  /** The backend subnets (`elb_virsubnet_ids`, subnet ids) of a load balancer in `vpcId`: each in that VPC. */
  const backendSubnets = (list: unknown[], vpcId: string) => {
    for (const id of list) {
      const subnet = ctx.network.subnets.find((s) => s.id === id);
      if (!subnet || subnet.vpc_id !== vpcId) {
        const allowed = ctx.network.subnets.filter((s) => s.vpc_id === vpcId).map((s) => s.id);
        throw errors.invalid({ field: "elb_virsubnet_ids", value: id, reason: `"${String(id)}" is not a subnet of VPC ${vpcId}, allowed subnet ids ${allowed.join(", ")}.` });
      }
    }
  };

  /** F3: a stand-in EIP, the first address of 198.51.100.0/24 (TEST-NET-2) the project's load balancers do not hold. */
  const standInEip = (projectId: string) => {
    const used = new Set<string>();
    for (const id of m.ids("lb.project", projectId)) for (const e of m.get("loadbalancer", id)?.eips ?? []) used.add(String(e.eip_address));
    for (let i = 1; i < 255; i++) {
      const address = `198.51.100.${i}`;
      if (!used.has(address)) return { id: ctx.newId(), address };
    }
    throw errors.invalid({ field: "publicip", value: "{...}", reason: "cannot be given: every stand-in EIP address (198.51.100.1-254) is in use in this project." });
  };

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "loadbalancer");
    ctx.takeProjectId(body, req.projectId);
    ctx.validate(spec, body, "create", body);
    // F3: the engine holds no EIP that is not already bound.
    if (Array.isArray(body.publicip_ids)) throw errors.notFound("publicip", String(body.publicip_ids[0]));
    if (body.ipv6_vip_virsubnet_id !== undefined && body.ipv6_vip_virsubnet_id !== null) ipv6Subnet("ipv6_vip_virsubnet_id", body.ipv6_vip_virsubnet_id);
    // L1: every AZ code is known.
    knownAz("availability_zone_list", body.availability_zone_list as unknown[]);
    // L2: place the load balancer in its VPC and subnet.
    let vpcId = body.vpc_id as string | undefined;
    if (vpcId && !ctx.network.vpcs.some((v) => v.id === vpcId)) throw errors.notFound("vpc", vpcId);
    let vip: string | null = null;
    if (body.vip_subnet_cidr_id) {
      const subnet = ctx.subnetByNeutronId(String(body.vip_subnet_cidr_id));
      if (vpcId && subnet.vpc_id !== vpcId) {
        throw errors.invalid({ field: "vip_subnet_cidr_id", value: body.vip_subnet_cidr_id, reason: `"${String(body.vip_subnet_cidr_id)}" is not in VPC ${vpcId}, allowed a subnet of that VPC.` });
      }
      vpcId = subnet.vpc_id;
      vip = vipFor(vpcId, subnet, body.vip_address, null);
    }
    // Backend subnets: as sent, else the VIP's subnet, else the VPC's first.
    let virsubnets = body.elb_virsubnet_ids as string[] | undefined;
    if (virsubnets) backendSubnets(virsubnets, String(vpcId));
    else {
      const vipSubnet = body.vip_subnet_cidr_id ? ctx.subnetByNeutronId(String(body.vip_subnet_cidr_id)) : ctx.network.subnets.find((s) => s.vpc_id === vpcId);
      virsubnets = vipSubnet ? [vipSubnet.id] : [];
    }
    // F1: neither flavor given takes both defaults; one given leaves the other layer out.
    const flavors =
      body.l4_flavor_id === undefined && body.l7_flavor_id === undefined
        ? { ...DEFAULT_FLAVORS }
        : { l4_flavor_id: (body.l4_flavor_id ?? null) as string | null, l7_flavor_id: (body.l7_flavor_id ?? null) as string | null };
    // L7: quota.
    if (m.ids("lb.project", req.projectId).size >= LIMITS.loadbalancersPerProject) throw errors.quota("loadbalancer", LIMITS.loadbalancersPerProject);
    const eip = body.publicip ? standInEip(req.projectId) : undefined;
    const now = ctx.now();
    const lb = ctx.build(spec, body, {
      id: ctx.newId(),
      project_id: req.projectId,
      vpc_id: vpcId,
      vip_address: vip,
      vip_subnet_cidr_id: body.vip_subnet_cidr_id ?? null,
      vip_port_id: vip ? ctx.newId() : null,
      ipv6_vip_port_id: null,
      eips: eip ? [{ eip_id: eip.id, eip_address: eip.address, ip_version: 4 }] : [],
      publicips: eip ? [{ publicip_id: eip.id, publicip_address: eip.address, ip_version: 4 }] : [],
      created_at: now,
      updated_at: now,
      ...flavors,
      elb_virsubnet_ids: virsubnets,
    }) as StoredLoadBalancer;
    await ctx.write(lb.id, [ctx.put("loadbalancer", lb)], "PENDING_CREATE");
    return reply(201, lb);
  };

  const update = async (req: ApiRequest) => {
    const lb = find(req);
    const body = ctx.unwrap(req.body, "loadbalancer");
    const merged = ctx.merge(spec, lb, body);
    ctx.validate(spec, body, "update", merged);
    if (body.ipv6_vip_virsubnet_id !== undefined && body.ipv6_vip_virsubnet_id !== null) ipv6Subnet("ipv6_vip_virsubnet_id", body.ipv6_vip_virsubnet_id);
    if (Array.isArray(body.elb_virsubnet_ids)) backendSubnets(body.elb_virsubnet_ids, String(lb.vpc_id));
    // F1: a layer a listener uses stays.
    for (const [field, layer7] of [["l4_flavor_id", false], ["l7_flavor_id", true]] as const) {
      if (body[field] !== null || lb[field] === null) continue;
      const user = m.children("listener.lb", lb.id).find((l) => isLayer7Listener(String(l.protocol)) === layer7);
      if (user) {
        throw errors.invalid({ field, value: null, reason: `null is not allowed while ${String(user.protocol)} listener ${user.id} needs the ${layer7 ? "L7" : "L4"} flavor, allowed a flavor id.` });
      }
    }
    ctx.assertWritable(lb.id);
    // L3: IP as a backend, once on, stays on.
    if (lb.ip_target_enable === true && body.ip_target_enable === false) {
      throw errors.invalid({ field: "ip_target_enable", value: false, reason: "false is not allowed: IP as a backend cannot be turned off once enabled." });
    }
    // L4: enabling it needs a load balancer without UDP, QUIC or TLS listeners.
    if (body.ip_target_enable === true && lb.ip_target_enable !== true) {
      const blocking = m.children("listener.lb", lb.id).find((l) => !(IP_TARGET_LISTENER_PROTOCOLS as readonly string[]).includes(String(l.protocol)));
      if (blocking) {
        throw errors.invalid({ field: "ip_target_enable", value: true, reason: `true is not allowed while ${String(blocking.protocol)} listener ${blocking.id} exists; IP as a backend allows only TCP, HTTP and HTTPS listeners.` });
      }
    }
    // L2: moving the VIP keeps it in the load balancer's VPC.
    if (body.vip_subnet_cidr_id !== undefined || body.vip_address !== undefined) {
      const subnetId = merged.vip_subnet_cidr_id;
      if (subnetId === null || subnetId === undefined) {
        if (body.vip_address !== undefined && body.vip_address !== null) {
          throw errors.invalid({ field: "vip_address", value: body.vip_address, reason: `${JSON.stringify(body.vip_address)} needs vip_subnet_cidr_id to say which subnet it is in.` });
        }
        merged.vip_address = null;
        merged.vip_port_id = null;
      } else {
        const subnet = ctx.subnetByNeutronId(String(subnetId));
        if (subnet.vpc_id !== lb.vpc_id) {
          throw errors.invalid({ field: "vip_subnet_cidr_id", value: subnetId, reason: `"${String(subnetId)}" is not in the load balancer's VPC ${String(lb.vpc_id)}.` });
        }
        const keep = body.vip_address === undefined && subnetId === lb.vip_subnet_cidr_id ? lb.vip_address : body.vip_address;
        merged.vip_address = vipFor(String(lb.vpc_id), subnet, keep ?? undefined, lb.id);
        merged.vip_port_id = lb.vip_port_id ?? ctx.newId();
      }
    }
    merged.updated_at = ctx.now();
    await ctx.write(lb.id, [ctx.put("loadbalancer", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest, force: boolean) => {
    const lb = find(req);
    // L5: deletion protection refuses every delete, forced or not.
    if (lb.deletion_protection_enable === true) {
      throw errors.conflict("L5", { loadbalancer: lb.id });
    }
    ctx.assertWritable(lb.id);
    const listeners = m.children("listener.lb", lb.id);
    const pools = m.children("pool.lb", lb.id);
    const mutations: Change[] = [];
    if (!force) {
      // L6: children first, unless forced.
      if (listeners.length) throw errors.conflict("L6", { loadbalancer: lb.id, child: "listener", id: listeners[0].id });
      if (pools.length) throw errors.conflict("L6", { loadbalancer: lb.id, child: "pool", id: pools[0].id });
    } else {
      // P7: member deletion protection holds under the cascade too.
      for (const p of pools) assertMembersRemovable(ctx, p);
      // Pools first: their cascade detaches them from listeners (a put), which the listener
      // deletes after it must override, or the listeners would be written back.
      for (const p of pools) mutations.push(...cascadePool(ctx, p));
      for (const l of listeners) mutations.push(...cascadeListener(ctx, l, false));
    }
    mutations.push(ctx.del("loadbalancer", lb.id));
    await ctx.commit(mutations);
    ctx.forget(lb.id);
    return { status: 204 };
  };

  /** L1: AZs change only through these endpoints; the list never becomes empty. */
  const changeAzs = (add: boolean) => async (req: ApiRequest) => {
    const lb = find(req);
    const raw = req.body;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw errors.badBody("expected a JSON object with the key 'availability_zone_list'");
    const extra = Object.keys(raw).find((k) => k !== "availability_zone_list");
    if (extra) throw errors.invalid({ field: extra, value: (raw as Record<string, unknown>)[extra], reason: "is not a known field; the body is {\"availability_zone_list\": [...]}." });
    const list = (raw as Record<string, unknown>).availability_zone_list;
    EngineContext.check("availability_zone_list", list, spec.fields.availability_zone_list.kind);
    knownAz("availability_zone_list", list as unknown[]);
    ctx.assertWritable(lb.id);
    const current = (lb.availability_zone_list as string[]) ?? [];
    let next: string[];
    if (add) {
      next = [...current, ...(list as string[]).filter((c, i, all) => !current.includes(c) && all.indexOf(c) === i)];
    } else {
      const missing = (list as string[]).find((c) => !current.includes(c));
      if (missing) throw errors.invalid({ field: "availability_zone_list", value: missing, reason: `"${missing}" is not an availability zone of load balancer ${lb.id}.` });
      next = current.filter((c) => !(list as string[]).includes(c));
      if (next.length === 0) throw errors.invalid({ field: "availability_zone_list", value: list, reason: "would remove the last availability zone; a load balancer keeps at least one." });
    }
    const updated = { ...lb, availability_zone_list: next, updated_at: ctx.now() };
    await ctx.write(lb.id, [ctx.put("loadbalancer", updated)]);
    return reply(200, updated);
  };

  /** L9: the status tree. */
  const statuses = (req: ApiRequest) => {
    const lb = find(req);
    const monitorOf = (poolId: string) => {
      const id = m.first("monitor.pool", poolId);
      const hm = id ? m.get("healthmonitor", id) : undefined;
      return hm ? { id: hm.id, type: hm.type, name: hm.name, provisioning_status: "ACTIVE" } : undefined;
    };
    // A pool without a monitor has no `healthmonitor` key (the SDK's status pool holds it as optional), not an empty object.
    const poolTree = (p: StoredPool) => ({
      id: p.id,
      name: p.name,
      provisioning_status: "ACTIVE",
      operating_status: "ONLINE",
      healthmonitor: monitorOf(p.id),
      members: m.children("member.pool", p.id).map((mem) => ({
        id: mem.id,
        name: mem.name,
        address: mem.address,
        protocol_port: mem.protocol_port,
        provisioning_status: "ACTIVE",
        operating_status: memberStatus(ctx, mem),
      })),
    });
    const listeners = m.children("listener.lb", lb.id).map((l) => ({
      id: l.id,
      name: l.name,
      provisioning_status: "ACTIVE",
      operating_status: l.admin_state_up === false ? "DISABLED" : "ONLINE",
      // Engine extension: whether this listener carries real traffic here, and why not (D1).
      traffic: ctx.listenerTraffic(l.id),
      // The engine has no forwarding policies; Huawei's tree lists them per listener.
      l7policies: [],
      pools: l.default_pool_id ? [m.get("pool", l.default_pool_id)].filter((p): p is StoredPool => !!p).map(poolTree) : [],
    }));
    return {
      status: 200,
      body: {
        statuses: {
          loadbalancer: {
            id: lb.id,
            name: lb.name,
            provisioning_status: ctx.provisioningStatus(lb.id),
            operating_status: "ONLINE",
            listeners,
            pools: m.children("pool.lb", lb.id).map(poolTree),
          },
        },
      },
    };
  };

  const list = (req: ApiRequest) => {
    const items = [...m.ids("lb.project", req.projectId)].map((id) => render(ctx, "loadbalancer", m.get("loadbalancer", id)!));
    // G6: "which load balancers is this backend server in".
    const hasMember = (lbId: string, test: (mem: StoredMember) => boolean) =>
      [...m.ids("pool.lb", lbId)].some((poolId) => m.children("member.pool", poolId).some(test));
    return listResponse("loadbalancers", items, req.query, {
      member_address: (item, wanted) => hasMember(String(item.id), (mem) => wanted.includes(String(mem.address))),
      // A member without a device (instance_id "") is found by its own id, never by an empty device id.
      member_device_id: (item, wanted) => hasMember(String(item.id), (mem) => (mem.instance_id ? wanted.includes(String(mem.instance_id)) : false) || wanted.includes(mem.id)),
    });
  };

  return [
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: (req) => remove(req, false) },
    { method: "DELETE", path: `${base}/:id/force-elb`, handler: (req) => remove(req, true) },
    { method: "POST", path: `${base}/:id/availability-zone/batch-add`, handler: changeAzs(true) },
    { method: "POST", path: `${base}/:id/availability-zone/batch-remove`, handler: changeAzs(false) },
    { method: "GET", path: `${base}/:id/statuses`, handler: statuses },
  ];
}
