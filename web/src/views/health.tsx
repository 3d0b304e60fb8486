// Health: each member's recent checks (one square per check, newest last) and every change of
// status with its cause. Read every second.
import { usePoll } from "../api";
import { clock, str } from "../format";
import type { HealthView, ProbeView } from "../../../provider/engine/console/types";
import { JsonLink, Problem, Status } from "./common";

export function HealthPage() {
  const health = usePoll<HealthView>("/console/api/health", 1000);
  if (!health.data) return <Problem error={health.error} />;
  const pools = health.data.pools;
  return (
    <div class="health">
      <Problem error={health.error} />
      {pools.length === 0 && <p class="empty">No pools.</p>}
      {pools.map((pool) => {
        const hm = pool.healthmonitor;
        return (
          <section class="pool" key={pool.pool_id} data-pool={pool.pool_id}>
            <div class="line">
              <span class="kind">Pool</span> <strong>{pool.name || pool.pool_id.slice(0, 8)}</strong> <JsonLink kind="pool" id={pool.pool_id} />{" "}
              <span class="muted">project {pool.project_id.slice(0, 8)}…</span>{" "}
              {hm ? (
                <span>
                  {str(hm, "type")} check every {str(hm, "delay")} s, timeout {str(hm, "timeout")} s <JsonLink kind="healthmonitor" id={hm.id} />
                </span>
              ) : (
                <span class="muted">no health monitor: members are not checked</span>
              )}
            </div>
            <table class="checks">
              <thead>
                <tr>
                  <th>Member</th>
                  <th>Status</th>
                  <th>Recent checks (oldest → newest)</th>
                  <th>Status changes (newest first)</th>
                </tr>
              </thead>
              <tbody>
                {pool.members.map((m) => (
                  <tr key={m.member_id} data-member={m.member_id} data-status={m.operating_status}>
                    <td class="addr">
                      {m.address}:{m.protocol_port} <JsonLink kind="member" id={m.member_id} />
                    </td>
                    <td>
                      <Status status={m.operating_status} />
                    </td>
                    <td>
                      <Probes probes={m.probes} />
                    </td>
                    <td>
                      {m.transitions.length === 0 ? (
                        <span class="muted">none yet</span>
                      ) : (
                        <ul class="transitions">
                          {[...m.transitions].reverse().map((t) => (
                            <li key={t.at} data-to={t.to}>
                              <span class="time">{clock(t.at)}</span> {t.from} → <Status status={t.to} /> <span class="cause">{t.cause}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

function Probes({ probes }: { probes: ProbeView[] }) {
  if (probes.length === 0) return <span class="muted">no checks</span>;
  const last = probes[probes.length - 1];
  return (
    <div class="probes">
      {probes.map((p) => (
        <span
          key={p.at}
          class={`probe ${p.ok ? "pass" : `fail fail-${p.failure}`}`}
          title={`${clock(p.at)} ${p.ok ? "passed" : `failed (${p.failure})`}: ${p.detail}, ${p.ms} ms`}
        />
      ))}
      <span class="last" data-last-probe={last.ok ? "pass" : last.failure ?? "fail"}>
        last: {last.ok ? "passed" : `${last.failure}`} — {last.detail}
      </span>
    </div>
  );
}
