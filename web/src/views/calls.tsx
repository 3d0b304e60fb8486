// API log: the last few hundred API calls, newest first, filtered by status and resource (the
// engine filters, so the same filters work with curl). Read every 2 s.
import { useState } from "preact/hooks";
import { usePoll } from "../api";
import { clock } from "../format";
import { RESOURCES } from "../../../provider/engine/console/resources";
import type { CallsView } from "../../../provider/engine/console/types";
import { Problem } from "./common";

const STATUSES = ["", "error", "2xx", "4xx", "5xx"];

export function CallsPage() {
  const [status, setStatus] = useState("");
  const [resource, setResource] = useState("");
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (resource) query.set("resource", resource);
  const calls = usePoll<CallsView>(`/console/api/calls${query.size ? `?${query}` : ""}`, 2000);
  return (
    <div class="calls">
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{" "}
          <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === "" ? "all" : s === "error" ? "errors (4xx, 5xx, reset)" : s}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          Resource{" "}
          <select name="resource" value={resource} onChange={(e) => setResource(e.currentTarget.value)}>
            {["", ...RESOURCES].map((r) => (
              <option key={r} value={r}>
                {r === "" ? "all" : r}
              </option>
            ))}
          </select>
        </label>{" "}
        {calls.data && (
          <span class="muted">
            {calls.data.calls.length} shown; the engine keeps the last {calls.data.capacity} calls
          </span>
        )}
      </form>
      <Problem error={calls.error} />
      <table class="log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Method</th>
            <th>Path</th>
            <th>Status</th>
            <th>Error code</th>
            <th>Latency</th>
            <th>Caller</th>
            <th>Request id</th>
          </tr>
        </thead>
        <tbody>
          {(calls.data?.calls ?? []).map((c) => (
            <tr key={c.request_id} class={c.status === null || c.status >= 400 ? "failed" : ""} data-status={c.status ?? "reset"} data-error-code={c.error_code ?? ""}>
              <td class="time">{clock(c.at)}</td>
              <td>{c.method}</td>
              <td class="path">{c.path}</td>
              <td>{c.status ?? "reset"}</td>
              <td>{c.error_code ?? ""}</td>
              <td>{c.latency_ms.toFixed(1)} ms</td>
              <td>{c.principal ?? <span class="muted">unknown</span>}</td>
              <td>
                <code>{c.request_id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
