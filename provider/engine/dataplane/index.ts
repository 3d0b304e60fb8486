// The data plane's public surface: the DataPlane the control plane constructs, and the
// contract types it is constructed with.
export { DataPlane } from "./dataplane";
export { STICKY_COOKIE } from "./http-listener";
export type * from "./types";
