// Where things are: the repository root is also the directory the provider host runs in, so
// `require("pulumi-elb/...")` in a serialized provider resolves through node_modules/pulumi-elb.
import { createRequire } from "node:module";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Node's own require, rooted at the repository: loads the built package exactly as a program would. */
export const requireFromRoot = createRequire(path.join(REPO_ROOT, "package.json"));
