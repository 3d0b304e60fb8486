// What the console shows, built from the model and the data plane for one viewer. Every view
// starts from the viewer's projects and reaches objects only through them (G4): a load balancer,
// member or API call of another project is never read into an answer.
import { isIP } from "node:net";
import { DEFAULT_PROJECT_ID } from "../../defaults";
import type { StoredOf } from "../../spec/types";
import type { EngineContext } from "../context";
import type { DataPlane } from "../dataplane";
import { memberRenderer, memberStatus, render } from "../render";
import type { ObjectKind } from "../store/types";
import type { TrafficWindow } from "./traffic-window";
import type {
  ApiObject,
  FindView,
  HealthView,
  LoadBalancerView,
  MemberTrafficView,
  ObjectKindName,
  PoolTrafficView,
  TopologyView,
  TrafficView,
} from "./types";

/** Whose eyes a view is for: every project (lenient mode) or the projects a key is granted. */
export interface Viewer {
  principal: string | null;
  /** null: every project. */
  projects: ReadonlySet<string> | null;
}

export interface ViewSources {
  ctx: EngineContext;
  dataPlane?: DataPlane;
  window?: TrafficWindow;
}

export const OBJECT_KINDS: readonly ObjectKindName[] = ["loadbalancer", "listener", "pool", "member", "healthmonitor"];

export function sees(viewer: Viewer, projectId: string | null | undefined): boolean {
  return typeof projectId === "string" && (viewer.projects === null || viewer.projects.has(projectId));
}

/** The viewer's projects, sorted: granted ones, or (lenient) every project that has a load balancer, and the default. */
export function projectsOf(ctx: EngineContext, viewer: Viewer): string[] {
  if (viewer.projects !== null) return [...viewer.projects].sort();
  const ids = new Set<string>([DEFAULT_PROJECT_ID]);
  for (const lb of ctx.model.all("loadbalancer")) ids.add(lb.project_id);
  return [...ids].sort();
}

/** API order (G6): created_at, then id. */
function inApiOrder<T extends { created_at: string; id: string }>(objects: T[]): T[] {
  return objects.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const rendered = (ctx: EngineContext, kind: ObjectKind, o: { id: string }) => render(ctx, kind, o as never) as ApiObject;

type StoredPool = StoredOf<"pool">;

function loadBalancersOf(ctx: EngineContext, projectId: string): StoredOf<"loadbalancer">[] {
  return inApiOrder(ctx.model.children("lb.project", projectId));
}

function poolsOf(ctx: EngineContext, lbId: string): StoredPool[] {
  return inApiOrder(ctx.model.children("pool.lb", lbId));
}

function membersOf(ctx: EngineContext, poolId: string): StoredOf<"member">[] {
  return inApiOrder(ctx.model.children("member.pool", poolId));
}

function monitorOf(ctx: EngineContext, poolId: string): StoredOf<"healthmonitor"> | undefined {
  const id = ctx.model.first("monitor.pool", poolId);
  return id === undefined ? undefined : ctx.model.get("healthmonitor", id);
}

/** Every visible pool with its project and load balancer, in topology order. */
function visiblePools(ctx: EngineContext, viewer: Viewer): { projectId: string; pool: StoredPool }[] {
  const out: { projectId: string; pool: StoredPool }[] = [];
  for (const projectId of projectsOf(ctx, viewer)) {
    for (const lb of loadBalancersOf(ctx, projectId)) for (const pool of poolsOf(ctx, lb.id)) out.push({ projectId, pool });
  }
  return out;
}

export function topologyView({ ctx }: ViewSources, viewer: Viewer): TopologyView {
  return {
    projects: projectsOf(ctx, viewer).map((id) => ({
      id,
      loadbalancers: loadBalancersOf(ctx, id).map((lb): LoadBalancerView => ({
        loadbalancer: rendered(ctx, "loadbalancer", lb),
        listeners: inApiOrder(ctx.model.children("listener.lb", lb.id)).map((l) => ({ listener: rendered(ctx, "listener", l), traffic: ctx.listenerTraffic(l.id) })),
        pools: poolsOf(ctx, lb.id).map((pool) => {
          const monitor = monitorOf(ctx, pool.id);
          const member = memberRenderer(ctx, pool.id);
          return {
            pool: rendered(ctx, "pool", pool),
            healthmonitor: monitor ? rendered(ctx, "healthmonitor", monitor) : null,
            members: membersOf(ctx, pool.id).map((m) => member(m) as ApiObject),
          };
        }),
      })),
    })),
  };
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export function trafficView({ ctx, dataPlane, window }: ViewSources, viewer: Viewer): TrafficView {
  const counters = dataPlane?.counters().members ?? {};
  const pools = visiblePools(ctx, viewer).map(({ projectId, pool }): PoolTrafficView => {
    const members = membersOf(ctx, pool.id).map((m) => {
      const view = dataPlane?.memberView(m.id);
      const now = counters[m.id] ?? { requests: 0, connections: 0, active: 0 };
      const seen = window ? window.read(m.id, now) : { requests: now.requests, connections: now.connections, perSecond: [] };
      return {
        member_id: m.id,
        operating_status: memberStatus(ctx, m),
        weight: m.weight,
        admin_state_up: m.admin_state_up,
        // With the data plane off nothing is carried, so nothing is promised either.
        effective_weight: view?.effectiveWeight ?? 0,
        promised_share: 0,
        ramp: { phase: view?.ramp.phase ?? "none", factor: view?.ramp.factor ?? 1, started_at: view?.ramp.startedAt ?? null },
        active: now.active,
        requests: seen.requests,
        connections: seen.connections,
        request_share: 0,
        connection_share: 0,
        per_second: seen.perSecond,
      } satisfies MemberTrafficView;
    });
    const weights = members.reduce((sum, m) => sum + m.effective_weight, 0);
    const requests = members.reduce((sum, m) => sum + m.requests, 0);
    const connections = members.reduce((sum, m) => sum + m.connections, 0);
    for (const m of members) {
      m.promised_share = share(m.effective_weight, weights);
      m.request_share = share(m.requests, requests);
      m.connection_share = share(m.connections, connections);
    }
    return { pool_id: pool.id, project_id: projectId, loadbalancer_id: pool.loadbalancer_id ?? null, requests, connections, members };
  });
  return { window_seconds: window ? Math.round(window.spanSeconds()) : 0, data_plane: !!dataPlane, pools };
}

export function healthView({ ctx, dataPlane }: ViewSources, viewer: Viewer): HealthView {
  return {
    pools: visiblePools(ctx, viewer).map(({ projectId, pool }) => {
      const monitor = monitorOf(ctx, pool.id);
      return {
        pool_id: pool.id,
        name: pool.name,
        project_id: projectId,
        loadbalancer_id: pool.loadbalancer_id ?? null,
        healthmonitor: monitor ? rendered(ctx, "healthmonitor", monitor) : null,
        members: membersOf(ctx, pool.id).map((m) => {
          const view = dataPlane?.memberView(m.id);
          return {
            member_id: m.id,
            address: m.address,
            protocol_port: m.protocol_port,
            operating_status: memberStatus(ctx, m),
            probes: view?.probes ?? [],
            transitions: view?.transitions ?? [],
          };
        }),
      };
    }),
  };
}

/** `address`, `address:port`, `[v6]:port`, or a member id. */
function parseBackend(query: string): { address: string; port?: number } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(query);
  if (bracketed && isIP(bracketed[1])) return { address: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : undefined };
  if (isIP(query)) return { address: query };
  const withPort = /^([^:]+):(\d{1,5})$/.exec(query);
  if (withPort && isIP(withPort[1])) return { address: withPort[1], port: Number(withPort[2]) };
  return undefined;
}

/** Every member that is this backend (by address, address and port, or id), with where it is. */
export function findView({ ctx }: ViewSources, viewer: Viewer, query: string): FindView {
  const q = query.trim();
  const backend = parseBackend(q);
  const found: StoredOf<"member">[] = [];
  if (backend) {
    for (const m of ctx.model.all("member")) {
      if (sees(viewer, m.project_id) && m.address === backend.address && (backend.port === undefined || m.protocol_port === backend.port)) found.push(m);
    }
  } else if (q !== "") {
    const m = ctx.model.get("member", q);
    if (m && sees(viewer, m.project_id)) found.push(m);
  }
  return {
    query: q,
    matches: inApiOrder(found).flatMap((m) => {
      const pool = ctx.model.get("pool", m.pool_id);
      if (!pool) return [];
      const lb = pool.loadbalancer_id ? ctx.model.get("loadbalancer", pool.loadbalancer_id) : undefined;
      return [
        {
          project_id: m.project_id,
          member: rendered(ctx, "member", m),
          pool: rendered(ctx, "pool", pool),
          loadbalancer: lb ? rendered(ctx, "loadbalancer", lb) : null,
          listeners: inApiOrder(ctx.model.children("listener.defaultPool", pool.id)).map((l) => rendered(ctx, "listener", l)),
        },
      ];
    }),
  };
}

/** One object as the API shows it, or undefined when it does not exist for this viewer (G4). */
export function objectView({ ctx }: ViewSources, viewer: Viewer, kind: ObjectKindName, id: string): ApiObject | undefined {
  const o = ctx.model.get(kind, id);
  return o && sees(viewer, o.project_id) ? rendered(ctx, kind, o) : undefined;
}
