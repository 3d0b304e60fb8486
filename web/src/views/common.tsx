// Pieces every view uses: a link to an object's JSON, a status badge, an error line.
import { jsonHref } from "../format";

export function JsonLink({ kind, id }: { kind: string; id: string }) {
  return (
    <a class="json" href={jsonHref(kind, id)} target="_blank" rel="noreferrer" title={`${kind} ${id} as the API shows it`}>
      JSON
    </a>
  );
}

export function Status({ status }: { status: string }) {
  return <span class={`status status-${status.toLowerCase()}`}>{status}</span>;
}

export function Problem({ error }: { error: string | undefined }) {
  return error ? <p class="problem">{error}</p> : null;
}
