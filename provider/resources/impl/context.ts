// Per-process provider state: the settings `configure` delivered and the client built from them.
// It lives here, inside the provider process, and never in the serialized provider, so
// credentials stay out of state.
import { ElbClient } from "../../client/http";
import { resolveSettings, type ConfigLookup, type ProviderSettings } from "../../client/settings";

let settings: ProviderSettings | undefined;
let client: ElbClient | undefined;

/** Called by the provider host (once per distinct provider text) with the stack config. */
export function configure(config: ConfigLookup): void {
  settings = resolveSettings(config);
  client = undefined;
}

/** The client for this process; settings fall back to the environment when never configured. */
export function elb(): ElbClient {
  if (!client) {
    settings ??= resolveSettings(() => undefined);
    client = new ElbClient(settings);
  }
  return client;
}

