// Per-process provider state: the settings `configure` delivered and the client built from them.
// It lives here, inside the provider process, and never in the serialized provider, so
// credentials stay out of state.
import { ElbClient } from "../../client/http";
import { resolveSettings, type ConfigLookup, type ProviderSettings } from "../../client/settings";

let settings: ProviderSettings | undefined;
let settingsError: Error | undefined;
let client: ElbClient | undefined;

/** Called by the provider host (once per distinct provider text) with the stack config. */
export function configure(config: ConfigLookup): void {
  client = undefined;
  try {
    settings = resolveSettings(config);
    settingsError = undefined;
  } catch (e) {
    // The host keeps using a provider whose configure failed; remembering the error makes every
    // later operation report it instead of quietly falling back to the default endpoint.
    settingsError = e as Error;
    throw e;
  }
}

/** The client for this process; settings fall back to the environment when never configured. */
export function elb(): ElbClient {
  if (settingsError) throw settingsError;
  if (!client) {
    settings ??= resolveSettings(() => undefined);
    client = new ElbClient(settings);
  }
  return client;
}
