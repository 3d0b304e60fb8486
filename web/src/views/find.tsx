// Find a backend: an IP address (optionally with its port) or a member id, and every load
// balancer, listener and pool it is a member of.
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError } from "../api";
import { label, str } from "../format";
import type { FindView } from "../../../provider/engine/console/types";
import { JsonLink, Problem, Status } from "./common";

export function FindPage({ query, onQuery }: { query: string; onQuery: (q: string) => void }) {
  const [text, setText] = useState(query);
  const [result, setResult] = useState<FindView | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText(query);
    if (!query) return setResult(undefined);
    getJson<FindView>(`/console/api/find?q=${encodeURIComponent(query)}`).then(
      (r) => (setResult(r), setError(undefined)),
      (e: HttpError) => setError(e.message),
    );
  }, [query]);
  return (
    <div class="find">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onQuery(text.trim());
        }}
      >
        <input name="q" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="IP address, address:port or member id" size={44} autoFocus />{" "}
        <button type="submit">Find</button>
      </form>
      <Problem error={error} />
      {result && result.matches.length === 0 && <p class="empty">No member is {result.query}.</p>}
      {result && result.matches.length > 0 && (
        <table class="found">
          <thead>
            <tr>
              <th>Member</th>
              <th>Status</th>
              <th>Pool</th>
              <th>Listeners</th>
              <th>Load balancer</th>
              <th>Project</th>
            </tr>
          </thead>
          <tbody>
            {result.matches.map((m) => (
              <tr key={m.member.id} data-member={m.member.id} data-pool={m.pool.id} data-lb={m.loadbalancer?.id ?? ""}>
                <td class="addr">
                  {str(m.member, "address")}:{str(m.member, "protocol_port")} weight {str(m.member, "weight")} <JsonLink kind="member" id={m.member.id} />
                </td>
                <td>
                  <Status status={str(m.member, "operating_status")} />
                </td>
                <td>
                  {label(m.pool)} {str(m.pool, "protocol")} <JsonLink kind="pool" id={m.pool.id} />
                </td>
                <td>
                  {m.listeners.length === 0 && <span class="muted">none</span>}
                  {m.listeners.map((l) => (
                    <div key={l.id} data-listener={l.id}>
                      {label(l)} {str(l, "protocol")}:{str(l, "protocol_port")} <JsonLink kind="listener" id={l.id} />
                    </div>
                  ))}
                </td>
                <td>
                  {m.loadbalancer ? (
                    <span>
                      {label(m.loadbalancer)} {str(m.loadbalancer, "vip_address")} <JsonLink kind="loadbalancer" id={m.loadbalancer.id} />
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  <code>{m.project_id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
