// The README's CI recipe ("CI: post the preview on every pull request"), run from the README's own
// YAML: the job's `env:` and every `run:` step as written, in a user's stack repository that
// depends on the installed package, so a README change that no longer works fails here.
//
// The steps that are GitHub actions are replaced by their effect: actions/checkout is the user's
// repository, cloned with the base and the head commit of a pull request and the head checked
// out; actions/setup-node is this Node; pulumi/actions is the CLI on PATH; actions/github-script
// posts preview.txt, which is checked instead. `${{ }}` expressions get the values GitHub gives
// them, and the engine's port 9449 becomes a free one, so runs side by side do not collide.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { Api, NET } from "../provider/harness/engine";
import { codeBlocks, readmeSection } from "./support/readme";

const cli = inject("pulumiCli");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, { "runs-on": string; env?: Record<string, string>; steps: Step[] }>;
}

const WORKFLOW = parse(codeBlocks(readmeSection("CI: post the preview on every pull request"), "yaml")[0]) as Workflow;

/** The stack repository's program; the pull request changes one member's weight. */
const program = (weight: number) => `
import * as elb from "pulumi-elb";
const SUBNET = "${NET.privateSubnetA}";
const lb = new elb.LoadBalancer("web", { name: "web", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET });
const listener = new elb.Listener("http", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80 });
const pool = new elb.Pool("pool", { listenerId: listener.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
new elb.Member("web-1", { poolId: pool.id, address: "192.168.0.11", protocolPort: 8080, subnetCidrId: SUBNET, weight: ${weight} });
new elb.Member("web-2", { poolId: pool.id, address: "192.168.0.12", protocolPort: 8080, subnetCidrId: SUBNET });
`;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve, reject) => s.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Runs one `run:` script as GitHub's default shell does (`bash --noprofile --norc -eo pipefail {0}`), in a process group of its own. */
function runStep(script: string, cwd: string, env: NodeJS.ProcessEnv, scriptFile: string): Promise<{ code: number | null; output: string; pgid: number }> {
  fs.writeFileSync(scriptFile, script);
  const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  // The script's own end, not its pipes': a job it started in the background (the engine) keeps them open.
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output, pgid: child.pid! }));
  });
}

describe.skipIf(!cli)("the README's CI recipe, run as written", () => {
  it("starts the engine from the user's project, deploys the base branch to it, and leaves the pull request's preview in preview.txt", async () => {
    const [jobName, job] = Object.entries(WORKFLOW.jobs)[0];
    expect(WORKFLOW.on).toBe("pull_request");
    const port = await freePort();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "elb-ci-recipe-"));
    const workspace = path.join(tmp, "repo");
    const groups: number[] = [];
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=dev", "-c", "user.email=dev@example.com", "-c", "init.defaultBranch=main", ...args], { cwd: workspace, encoding: "utf8" }).trim();
    try {
      // The user's stack repository: Pulumi.yaml, the program, and a package.json and lock file
      // depending on the package (the tier's installation's, naming its tarball by a relative path).
      fs.mkdirSync(workspace);
      fs.writeFileSync(path.join(workspace, "Pulumi.yaml"), "name: my-stack\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
      fs.writeFileSync(path.join(workspace, ".gitignore"), "node_modules/\n");
      for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(cli!.installDir, file), path.join(workspace, file));
      const dependency = (JSON.parse(fs.readFileSync(path.join(workspace, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["pulumi-elb"];
      expect(dependency).toMatch(/^file:\.\.\//);
      fs.copyFileSync(cli!.tarball, path.resolve(workspace, dependency.slice("file:".length)));
      // actions/checkout: the pull request's head checked out, its base commit in the history.
      fs.writeFileSync(path.join(workspace, "index.ts"), program(5));
      git("init", "--quiet");
      git("add", ".");
      git("commit", "--quiet", "-m", "base");
      const baseSha = git("rev-parse", "HEAD");
      fs.writeFileSync(path.join(workspace, "index.ts"), program(0));
      git("checkout", "--quiet", "-b", "change");
      git("commit", "--quiet", "-am", "drain web-1");

      const expressions: Record<string, string> = { "github.workspace": workspace, "github.event.pull_request.base.sha": baseSha };
      const resolve = (text: string) =>
        text
          .replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
            if (!(expr in expressions)) throw new Error(`the recipe uses \${{ ${expr} }}, which this test does not give a value`);
            return expressions[expr];
          })
          .replaceAll("9449", String(port));
      const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, resolve(String(v))]));
      expect(JSON.stringify(job.env)).toContain("9449");
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        // pulumi/actions and setup-node: the CLI (with the tier's language plugin) and this Node.
        PATH: [cli!.binDir, path.join(__dirname, "support", "bin"), process.env.PATH].join(path.delimiter),
        PULUMI_HOME: path.join(tmp, "pulumi-home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // npm's cache holds everything the tier's installation fetched, as setup-node's cache would.
        npm_config_prefer_offline: "true",
        ELB_ENDPOINT: "",
        HW_ACCESS_KEY: "",
        HW_SECRET_KEY: "",
        HW_PROJECT_ID: "",
        ...jobEnv,
      };

      const ran: string[] = [];
      for (const [i, step] of job.steps.entries()) {
        if (step.uses) {
          const action = step.uses.replace(/@.*$/, "");
          if (action === "actions/checkout") expect(step.with?.["fetch-depth"]).toBe(0);
          else if (action === "actions/github-script") expect(String(step.with?.script)).toContain('readFileSync("preview.txt"');
          else if (action !== "actions/setup-node" && action !== "pulumi/actions") throw new Error(`step ${i} uses ${step.uses}, which this test does not stand in for`);
          continue;
        }
        const script = resolve(String(step.run));
        const result = await runStep(script, workspace, { ...env, ...(step.env ?? {}) }, path.join(tmp, `step-${i}.sh`));
        groups.push(result.pgid);
        ran.push(step.name ?? script.split("\n")[0]);
        expect(result.code, `step "${step.name ?? script}" of job ${jobName} failed:\n${result.output}`).toBe(0);
      }
      expect(ran).toEqual(["npm ci", "Start the ELB engine", "Deploy the base branch to the engine", "Preview"]);

      // The base branch is deployed to the engine the recipe started, on its port.
      const api = new Api(`http://127.0.0.1:${port}`);
      expect((await api.list("/loadbalancers", "loadbalancers")).map((lb) => lb.name)).toEqual(["web"]);
      const [pool] = await api.list("/pools", "pools");
      expect((await api.list(`/pools/${pool.id}/members`, "members")).map((m) => [m.address, m.weight]).sort()).toEqual([
        ["192.168.0.11", 5],
        ["192.168.0.12", 1],
      ]);

      // preview.txt is what the comment posts: the pull request's change and nothing else.
      const preview = fs.readFileSync(path.join(workspace, "preview.txt"), "utf8");
      expect(preview).toMatch(/Previewing update \(ci\)/);
      expect(preview).toMatch(/~ pulumi-nodejs:dynamic\/elb:Member: \(update\)[\s\S]*\[urn=\S+::web-1\][\s\S]*~ weight\s*: 5 => 0/);
      expect(preview).toMatch(/~ 1 to update\s+5 unchanged/);
      expect(preview).not.toMatch(/error/i);
    } finally {
      // The engine the recipe left running in the background, and anything else the steps started.
      for (const pgid of groups) {
        try {
          process.kill(-pgid, "SIGTERM");
        } catch {
          // That step left nothing running.
        }
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
