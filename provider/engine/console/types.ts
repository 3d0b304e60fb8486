// The JSON the console's routes (/console/api/...) answer with: one contract for the engine that
// builds it and the page that draws it (the page imports these types; nothing here runs).
// Objects are rendered exactly as the ELB API shows them, so "its JSON" is the API's JSON.

/** An object as the API renders it (`GET /v3/{project}/elb/<kind>s/{id}`'s inner object). */
export type ApiObject = { id: string } & Record<string, unknown>;

export type ObjectKindName = "loadbalancer" | "listener" | "pool" | "member" | "healthmonitor";

export interface SessionView {
  /** lenient: open on loopback, every project; strict: signed in, the key's projects only. */
  mode: "lenient" | "strict";
  /** `ak:<access key id>` or `token:<name>`, when signed in. */
  principal: string | null;
  projects: string[];
  data_plane: boolean;
}

export interface TopologyView {
  projects: { id: string; loadbalancers: LoadBalancerView[] }[];
}

export interface LoadBalancerView {
  loadbalancer: ApiObject;
  listeners: { listener: ApiObject; traffic: { carrying: boolean; reason?: string } }[];
  pools: PoolView[];
}

export interface PoolView {
  pool: ApiObject;
  healthmonitor: ApiObject | null;
  members: ApiObject[];
}

export interface TrafficView {
  /** Seconds the counts cover: the last minute, or less just after the engine started. */
  window_seconds: number;
  data_plane: boolean;
  pools: PoolTrafficView[];
}

export interface PoolTrafficView {
  pool_id: string;
  project_id: string;
  loadbalancer_id: string | null;
  requests: number;
  connections: number;
  members: MemberTrafficView[];
}

export interface MemberTrafficView {
  member_id: string;
  operating_status: string;
  weight: number;
  admin_state_up: boolean;
  /** The weight the member competes with now: 0 when weight 0, down or not ONLINE, less while slow start ramps it. */
  effective_weight: number;
  /** Share of the pool's new traffic that the effective weights promise now. */
  promised_share: number;
  ramp: { phase: "none" | "waiting" | "ramping"; factor: number; started_at: number | null };
  /** In flight now. */
  active: number;
  requests: number;
  connections: number;
  /** Share of the pool's requests (L7) or client connections (L4) over the window. */
  request_share: number;
  connection_share: number;
  /** Requests per second over the window, oldest first. */
  per_second: number[];
}

export interface ProbeView {
  at: number;
  ok: boolean;
  failure: "timeout" | "refused" | "status" | "error" | null;
  detail: string;
  ms: number;
}

export interface TransitionView {
  at: number;
  from: string;
  to: string;
  cause: string;
}

export interface HealthView {
  pools: {
    pool_id: string;
    /** The pool's name ("" when it has none). */
    name: string;
    project_id: string;
    loadbalancer_id: string | null;
    healthmonitor: ApiObject | null;
    members: {
      member_id: string;
      address: string;
      protocol_port: number;
      operating_status: string;
      probes: ProbeView[];
      transitions: TransitionView[];
    }[];
  }[];
}

export interface ApiCallView {
  at: number;
  method: string;
  path: string;
  status: number | null;
  error_code: string | null;
  latency_ms: number;
  principal: string | null;
  project_id: string | null;
  request_id: string;
  resource: string | null;
}

export interface CallsView {
  capacity: number;
  calls: ApiCallView[];
}

export interface FindView {
  query: string;
  matches: {
    project_id: string;
    member: ApiObject;
    pool: ApiObject;
    loadbalancer: ApiObject | null;
    listeners: ApiObject[];
  }[];
}

/** Every error the console's routes answer: what went wrong, in words. */
export interface ConsoleError {
  error: string;
}
