// Topology and traffic: projects → load balancers → listeners → pools → members, each linked to
// its JSON, with each member's share of the last minute's traffic beside the share its weight
// promises. Topology is read every 3 s, traffic every second.
import { usePoll } from "../api";
import { label, percent, str } from "../format";
import type { ApiObject, LoadBalancerView, MemberTrafficView, PoolTrafficView, PoolView, TopologyView, TrafficView } from "../../../provider/engine/console/types";
import { JsonLink, Problem, Status } from "./common";

export function TopologyPage() {
  const topology = usePoll<TopologyView>("/console/api/topology", 3000);
  const traffic = usePoll<TrafficView>("/console/api/traffic", 1000);
  const byPool = new Map((traffic.data?.pools ?? []).map((p) => [p.pool_id, p]));
  if (!topology.data) return <Problem error={topology.error} />;
  return (
    <div class="topology">
      <Problem error={topology.error ?? traffic.error} />
      {traffic.data && !traffic.data.data_plane && <p class="note">The data plane is off: the engine stores configuration only and carries no traffic.</p>}
      {traffic.data?.data_plane && <p class="note">Shares over the last {traffic.data.window_seconds} s. The tick on each bar is the share the member's weight promises now.</p>}
      {topology.data.projects.map((project) => (
        <section class="project" key={project.id} data-project={project.id}>
          <h2>
            Project <code>{project.id}</code>
          </h2>
          {project.loadbalancers.length === 0 && <p class="empty">No load balancers.</p>}
          {project.loadbalancers.map((lb) => (
            <LoadBalancer key={lb.loadbalancer.id} view={lb} traffic={byPool} />
          ))}
        </section>
      ))}
    </div>
  );
}

function LoadBalancer({ view, traffic }: { view: LoadBalancerView; traffic: Map<string, PoolTrafficView> }) {
  const lb = view.loadbalancer;
  const pools = new Map(view.pools.map((p) => [p.pool.id, p]));
  const attached = new Set(view.listeners.map((l) => str(l.listener, "default_pool_id")).filter(Boolean));
  const loose = view.pools.filter((p) => !attached.has(p.pool.id));
  return (
    <article class="lb" data-lb={lb.id}>
      <header>
        <span class="kind">Load balancer</span> <strong>{label(lb)}</strong> <span class="addr">{str(lb, "vip_address")}</span>{" "}
        <span class="muted">{str(lb, "provisioning_status")}</span> <JsonLink kind="loadbalancer" id={lb.id} />
      </header>
      {view.listeners.length === 0 && <p class="empty">No listeners.</p>}
      {view.listeners.map(({ listener, traffic: carried }) => {
        const pool = pools.get(str(listener, "default_pool_id"));
        return (
          <div class="listener" key={listener.id} data-listener={listener.id}>
            <div class="line">
              <span class="kind">Listener</span> <strong>{label(listener)}</strong>{" "}
              <span class="proto">
                {str(listener, "protocol")}:{str(listener, "protocol_port")}
              </span>{" "}
              {carried.carrying ? <span class="carrying">carries traffic</span> : <span class="not-carried">not carried</span>}
              {carried.reason && <span class="reason"> — {carried.reason}</span>} <JsonLink kind="listener" id={listener.id} />
            </div>
            {pool ? <Pool view={pool} traffic={traffic.get(pool.pool.id)} /> : <p class="empty">No default pool.</p>}
          </div>
        );
      })}
      {loose.map((pool) => (
        <div class="listener" key={pool.pool.id}>
          <div class="line muted">Not the default pool of any listener:</div>
          <Pool view={pool} traffic={traffic.get(pool.pool.id)} />
        </div>
      ))}
    </article>
  );
}

function stickiness(pool: ApiObject): string {
  const sp = pool.session_persistence as { type: string; cookie_name?: string | null; persistence_timeout?: number | null } | null;
  if (!sp) return "none";
  const cookie = sp.cookie_name ? ` ${sp.cookie_name}` : "";
  const timeout = sp.persistence_timeout ? `, ${sp.persistence_timeout} min` : "";
  return `${sp.type}${cookie}${timeout}`;
}

function slowStart(pool: ApiObject): string {
  const ss = pool.slow_start as { enable: boolean; duration: number } | null;
  return ss?.enable ? `on, ${ss.duration} s` : "off";
}

function connectionDrain(pool: ApiObject): string {
  const cd = pool.connection_drain as { enable: boolean; timeout: number } | null | undefined;
  return cd?.enable ? `on, ${cd.timeout} s` : "off";
}

function Monitor({ monitor }: { monitor: ApiObject | null }) {
  if (!monitor) return <div class="monitor muted">No health monitor: members are not checked (NO_MONITOR).</div>;
  const http = str(monitor, "url_path") ? ` ${str(monitor, "http_method") || "GET"} ${str(monitor, "url_path")} → ${str(monitor, "expected_codes") || "200"}` : "";
  return (
    <div class="monitor">
      <span class="kind">Health monitor</span> {str(monitor, "type")}
      {http}, every {str(monitor, "delay")} s, timeout {str(monitor, "timeout")} s, ONLINE after {str(monitor, "max_retries")}, OFFLINE after{" "}
      {str(monitor, "max_retries_down")} {monitor.admin_state_up === false && <strong>(disabled)</strong>} <JsonLink kind="healthmonitor" id={monitor.id} />
    </div>
  );
}

function Pool({ view, traffic }: { view: PoolView; traffic: PoolTrafficView | undefined }) {
  const pool = view.pool;
  const byMember = new Map((traffic?.members ?? []).map((m) => [m.member_id, m]));
  const draining = view.members.filter((m) => m.weight === 0 || m.admin_state_up === false).length;
  return (
    <div class="pool" data-pool={pool.id}>
      <div class="line">
        <span class="kind">Pool</span> <strong>{label(pool)}</strong> <span class="proto">{str(pool, "protocol")}</span> <span class="chip">{str(pool, "lb_algorithm")}</span>{" "}
        <span class="chip">sticky: {stickiness(pool)}</span> <span class="chip">slow start: {slowStart(pool)}</span>{" "}
        <span class="chip" title="how long a removed member, or one set to weight 0, keeps its open connections">
          connection drain: {connectionDrain(pool)}
        </span>{" "}
        <span class="chip" title="members with weight 0 or administratively down take no new traffic; what they carry finishes">
          draining: {draining}
        </span>{" "}
        {traffic && (
          <span class="muted">
            {traffic.requests} requests, {traffic.connections} connections in the window
          </span>
        )}{" "}
        <JsonLink kind="pool" id={pool.id} />
      </div>
      <Monitor monitor={view.healthmonitor} />
      {view.members.length === 0 ? (
        <p class="empty">No members.</p>
      ) : (
        <table class="members">
          <thead>
            <tr>
              <th>Member</th>
              <th>Address</th>
              <th>Weight</th>
              <th>Admin</th>
              <th>Status</th>
              <th>Requests: share vs promised</th>
              <th>Connections</th>
              <th>Requests / s</th>
              <th>In flight</th>
            </tr>
          </thead>
          <tbody>
            {view.members.map((m) => (
              <Member key={m.id} member={m} traffic={byMember.get(m.id)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Member({ member, traffic }: { member: ApiObject; traffic: MemberTrafficView | undefined }) {
  const status = traffic?.operating_status ?? str(member, "operating_status");
  const weight = Number(member.weight);
  const classes = ["member", `row-${status.toLowerCase()}`];
  if (weight === 0) classes.push("weight-zero");
  if (member.admin_state_up === false) classes.push("admin-down");
  return (
    <tr
      class={classes.join(" ")}
      data-member={member.id}
      data-status={status}
      data-weight={weight}
      data-requests={traffic?.requests ?? 0}
      data-request-share={traffic?.request_share ?? 0}
      data-promised-share={traffic?.promised_share ?? 0}
    >
      <td>
        {label(member)} <JsonLink kind="member" id={member.id} />
      </td>
      <td class="addr">
        {str(member, "address")}:{str(member, "protocol_port")}
      </td>
      <td>
        {weight}
        {weight === 0 && <span class="flag"> no new traffic</span>}
      </td>
      <td>{member.admin_state_up === false ? <span class="flag">down</span> : "up"}</td>
      <td>
        <Status status={status} />
        {traffic?.ramp.phase === "ramping" && traffic.ramp.factor < 1 && <span class="ramp"> slow start {percent(traffic.ramp.factor)}</span>}
        {traffic?.ramp.phase === "waiting" && <span class="ramp"> slow start waits for a healthy check</span>}
      </td>
      <td>{traffic ? <ShareBar share={traffic.request_share} promised={traffic.promised_share} count={traffic.requests} /> : "—"}</td>
      <td>{traffic ? `${traffic.connections} (${percent(traffic.connection_share)})` : "—"}</td>
      <td>{traffic ? <Sparkline values={traffic.per_second} /> : "—"}</td>
      <td>{traffic?.active ?? 0}</td>
    </tr>
  );
}

function ShareBar({ share, promised, count }: { share: number; promised: number; count: number }) {
  return (
    <div class="share" title={`${count} requests: ${percent(share)} of the pool's; the weights promise ${percent(promised)}`}>
      <div class="bar">
        <div class="fill" style={{ width: `${share * 100}%` }} />
        <div class="promise" style={{ left: `${promised * 100}%` }} />
      </div>
      <span class="share-text">
        {percent(share)} <span class="muted">/ {percent(promised)}</span>
      </span>
    </div>
  );
}

function Sparkline({ values }: { values: number[] }) {
  if (values.length < 2) return <span class="muted">—</span>;
  const width = 90;
  const height = 22;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`).join(" ");
  return (
    <svg class="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-label={`peak ${max} requests per second`}>
      <polyline points={points} />
    </svg>
  );
}
