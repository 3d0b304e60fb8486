// The code under measurement is the built package (dist/), loaded by name exactly as a program
// or the Pulumi provider host loads it; the types come from the sources.
import { createRequire } from "node:module";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../../..");
export const requireFromRoot = createRequire(path.join(REPO_ROOT, "package.json"));

export const engineModule = (): typeof import("../../../provider/engine") => requireFromRoot("pulumi-elb/engine");
export const defaults = (): typeof import("../../../provider/defaults") => requireFromRoot("pulumi-elb/dist/provider/defaults");
export const implModule = (): typeof import("../../../provider/resources/impl") => requireFromRoot("pulumi-elb/dist/provider/resources/impl");
export const providersModule = (): typeof import("../../../provider/resources/providers") =>
  requireFromRoot("pulumi-elb/dist/provider/resources/providers");

/** The seeded network ids (provider/engine/network.ts). */
export const NET = {
  /** subnet-loopback, 127.0.0.0/8: VIPs here carry real traffic when the data plane is on. */
  loopbackSubnet: "9d2e4f60-1a2b-4c3d-8e4f-000000000001",
  /** subnet-private-a, 192.168.0.0/24. */
  privateSubnet: "9d2e4f60-1a2b-4c3d-8e4f-000000000002",
  zone: "local-1a",
};
