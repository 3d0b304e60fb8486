// Defaults that let `pulumi up` work against a fresh local engine with no configuration at all.

/** Where `npx elb-engine` listens unless told otherwise. */
export const DEFAULT_ENGINE_PORT = 9449;
export const DEFAULT_ENDPOINT = `http://127.0.0.1:${DEFAULT_ENGINE_PORT}`;
/** The project id the provider uses when none is configured (32 lowercase hex characters, as in Huawei Cloud). */
export const DEFAULT_PROJECT_ID = "0f1e2d3c4b5a49687766554433221100";
/** The token the provider sends to a local engine when no credentials are configured (lenient mode accepts any). */
export const DEFAULT_LOCAL_TOKEN = "local-engine";
