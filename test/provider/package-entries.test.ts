// The package's entries, as a program or the Pulumi provider host loads them by name: the
// resources from `pulumi-elb` (without the engine), the engine from `pulumi-elb/engine`, and the
// implementation serialized providers require by its dist path.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./harness/paths";

/** Runs `script` in a fresh Node process at the repository root, where `pulumi-elb` resolves to this package. */
const inNode = (script: string): unknown => JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" }));

const loadedEngineFiles = `Object.keys(require.cache).filter((f) => f.includes("/dist/provider/engine/"))`;

describe("package entries", () => {
  it("pulumi-elb exports the resources and loads nothing of the engine", () => {
    const got = inNode(`const elb = require("pulumi-elb"); console.log(JSON.stringify({ member: typeof elb.Member, engine: typeof elb.startEngine, loaded: ${loadedEngineFiles} }))`);
    expect(got).toEqual({ member: "function", engine: "undefined", loaded: [] });
  });

  it("pulumi-elb/engine starts the engine", () => {
    const got = inNode(`const { startEngine, loadCredentials } = require("pulumi-elb/engine"); console.log(JSON.stringify([typeof startEngine, typeof loadCredentials]))`);
    expect(got).toEqual(["function", "function"]);
  });

  it("serialized providers still find the implementation by its dist path", () => {
    const got = inNode(`console.log(JSON.stringify(typeof require("pulumi-elb/dist/provider/resources/impl").run))`);
    expect(got).toBe("function");
  });
});
