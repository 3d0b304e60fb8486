// Talking to the engine's console routes (/console/api/...): JSON in, errors as HttpError, and a
// hook that polls a route while the tab is visible.
import { useEffect, useState } from "preact/hooks";
import type { ConsoleError } from "../../provider/engine/console/types";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }))) as T & Partial<ConsoleError>;
  if (!res.ok) throw new HttpError(res.status, body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

export async function getJson<T>(url: string): Promise<T> {
  return parse<T>(await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" }));
}

export async function sendJson<T>(method: "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  return parse<T>(
    await fetch(url, {
      method,
      headers: { accept: "application/json", "content-type": "application/json" },
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Listeners told when any request finds the session gone (401), so the page can ask to sign in. */
const signedOut = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOut.add(listener);
  return () => signedOut.delete(listener);
}

export interface Polled<T> {
  data: T | undefined;
  error: string | undefined;
  /** When the data last arrived. */
  at: number | undefined;
}

/** Fetches `url` now and every `everyMs` while the page is visible; null fetches nothing. */
export function usePoll<T>(url: string | null, everyMs: number): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: undefined, error: undefined, at: undefined });
  useEffect(() => {
    if (url === null) return;
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        try {
          const data = await getJson<T>(url);
          if (!stopped) setState({ data, error: undefined, at: Date.now() });
        } catch (e) {
          if (e instanceof HttpError && e.status === 401) signedOut.forEach((f) => f());
          if (!stopped) setState((s) => ({ ...s, error: (e as Error).message }));
        }
      }
      if (!stopped) timer = window.setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [url, everyMs]);
  return state;
}
