// A Pulumi project as a user has one, driven by the real `pulumi` CLI: a directory with
// Pulumi.yaml, a TypeScript program and node_modules holding the installed package; state in a
// local file backend inside it, PULUMI_HOME of its own, nothing fetched from the network.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, type CliTier } from "./package";

/** The stand-in `nodejs` language plugin (see bin/pulumi-language-nodejs). */
const LANGUAGE_PLUGIN_DIR = path.join(__dirname, "bin");

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Resolve with the result instead of throwing when the command fails. */
  allowFailure?: boolean;
  /** Text for the command's stdin. */
  input?: string;
}

export interface ProjectOptions {
  /** The project name in Pulumi.yaml (config keys of the program are `<name>:<key>`). */
  name: string;
  /** The program's index.ts: source text, or the name of a folder of examples/. */
  program: string | { example: string };
  /** Stack to create and select. Default "dev". */
  stack?: string;
  /** node_modules to use instead of the tier's installation (another version of the package). */
  nodeModules?: string;
}

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");

export class Project {
  readonly dir: string;
  readonly stateDir: string;
  readonly homeDir: string;

  private constructor(
    readonly tier: CliTier,
    readonly name: string,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `elb-cli-${name}-`));
    this.stateDir = path.join(this.dir, ".state");
    this.homeDir = path.join(this.dir, ".pulumi-home");
    fs.mkdirSync(this.stateDir);
    fs.mkdirSync(this.homeDir);
  }

  /** Makes the project and its stack. */
  static async create(tier: CliTier, options: ProjectOptions): Promise<Project> {
    const p = new Project(tier, options.name);
    fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), `name: ${options.name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    fs.writeFileSync(path.join(p.dir, "package.json"), JSON.stringify({ name: options.name, private: true }, null, 2));
    p.useModules(options.nodeModules ?? path.join(tier.installDir, "node_modules"));
    p.writeProgram(typeof options.program === "string" ? options.program : fs.readFileSync(path.join(REPO_ROOT, "examples", options.program.example, "index.ts"), "utf8"));
    await p.run(["stack", "init", options.stack ?? "dev"]);
    return p;
  }

  /** Points node_modules at an installation (an upgrade swaps it). */
  useModules(nodeModules: string): void {
    const link = path.join(this.dir, "node_modules");
    fs.rmSync(link, { force: true });
    fs.symlinkSync(nodeModules, link, "dir");
  }

  writeProgram(source: string): void {
    fs.writeFileSync(path.join(this.dir, "index.ts"), source);
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: [this.tier.binDir, LANGUAGE_PLUGIN_DIR, process.env.PATH].join(path.delimiter),
      PULUMI_HOME: this.homeDir,
      PULUMI_BACKEND_URL: `file://${this.stateDir}`,
      PULUMI_CONFIG_PASSPHRASE: "cli-tier-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // The provider's settings come from stack config in these tests, never from the environment.
      ELB_ENDPOINT: "",
      HW_ACCESS_KEY: "",
      HW_SECRET_KEY: "",
      HW_PROJECT_ID: "",
      ...extra,
    };
  }

  /** Starts `pulumi <args>` in the project; the caller decides when to wait or signal. */
  start(args: string[], options: RunOptions = {}): { child: ChildProcess; done: Promise<RunResult> } {
    const child = spawn(this.tier.binDir + path.sep + "pulumi", [...args, "--color=never"], { cwd: this.dir, env: this.env(options.env), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
    child.stdin!.end(options.input ?? "");
    const done = new Promise<RunResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal, stdout: text(out), stderr: text(err) }));
    });
    return { child, done };
  }

  /** Runs `pulumi <args>` to completion; a failure throws with everything the CLI printed. */
  async run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const r = await this.start(args, options).done;
    if (r.code !== 0 && !options.allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} exited ${r.code ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
    }
    return r;
  }

  setConfig(key: string, value: string, options: { secret?: boolean } = {}): Promise<RunResult> {
    return this.run(["config", "set", ...(options.secret ? ["--secret"] : []), key, value]);
  }

  preview(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["preview", "--non-interactive", ...args], options);
  }

  /** `pulumi preview --json`: the steps the engine would take. */
  async previewJson(args: string[] = []): Promise<PreviewJson> {
    const r = await this.run(["preview", "--non-interactive", "--json", ...args]);
    return JSON.parse(r.stdout) as PreviewJson;
  }

  up(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["up", "--yes", "--non-interactive", "--skip-preview", ...args], options);
  }

  refresh(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["refresh", "--yes", "--non-interactive", "--skip-preview", ...args], options);
  }

  destroy(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["destroy", "--yes", "--non-interactive", "--skip-preview", ...args], options);
  }

  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.run(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  }

  /** `pulumi stack export`: the state as the CLI would hand it to anyone who asks. */
  async exported(): Promise<StackExport> {
    return JSON.parse((await this.run(["stack", "export"])).stdout) as StackExport;
  }

  /** The custom resources in state, by name. */
  async resources(): Promise<Map<string, ExportedResource>> {
    const state = await this.exported();
    const out = new Map<string, ExportedResource>();
    for (const r of state.deployment.resources ?? []) if (r.custom && !r.type.startsWith("pulumi:providers:")) out.set(r.urn.split("::").pop()!, r);
    return out;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ExportedResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  protect?: boolean;
}

export interface StackExport {
  deployment: { resources?: ExportedResource[]; pending_operations?: { resource: ExportedResource; type: string }[] };
}

export interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  replaceReasons?: string[];
  deleteBeforeReplace?: boolean;
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }> | null;
}

export interface PreviewJson {
  steps?: PreviewStep[];
  changeSummary?: Record<string, number>;
  diagnostics?: { message: string; severity: string; urn?: string }[];
}

/** The preview's steps for one resource name (replacements take several). */
export const stepsFor = (preview: PreviewJson, name: string): PreviewStep[] => (preview.steps ?? []).filter((s) => s.urn.endsWith(`::${name}`));
