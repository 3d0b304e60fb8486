// Waiting on conditions with a deadline, instead of sleeping a fixed time.

const POLL_MS = 10;

/**
 * Resolves once `condition` holds, polling every few milliseconds; fails naming `what` after
 * `ms`. Returns how long it waited.
 */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Resolves with the first value `probe` gives other than undefined; fails naming `what` after `ms`. */
export async function waitForValue<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  let value: T | undefined;
  await waitFor(what, async () => (value = await probe()) !== undefined, ms);
  return value as T;
}
