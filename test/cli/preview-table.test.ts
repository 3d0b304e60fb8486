// The README's "Reading a preview" table, row by row, through the real CLI on a stack applied
// from examples/basic. Each row's change is previewed as a user reads it (`pulumi preview --diff`
// text and `--json`, both with the replacement steps listed, the only place the CLI shows whether
// the old object goes first), then applied with `pulumi up`, after which the engine must hold
// exactly the objects state records: no duplicate, no orphan. The rows share one stack; each
// starts from the program it needs, and the next row puts its own back.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testEngine, type TestEngine } from "../provider/harness/engine";
import { engineHoldings, stateHoldings, type Holdings } from "./support/holdings";
import { edit, exampleSource } from "./support/program";
import { Project, stepsFor, type ExportedResource, type PreviewJson } from "./support/project";
import { appliedSteps, previewBlocks, type AppliedStep, type PreviewBlock } from "./support/steps";

const cli = inject("pulumiCli");

const BASIC = exampleSource("basic");


/** examples/basic with IP as a backend switched on (in place, false → true). */
const IP_TARGET = edit(BASIC, ["  vipSubnetCidrId: LOOPBACK_SUBNET,\n", "  vipSubnetCidrId: LOOPBACK_SUBNET,\n  ipTargetEnable: true,\n"]);
const TCP_AS_HTTP: [string, string][] = [
  ['protocol: "TCP", protocolPort: tcpPort', 'protocol: "HTTP", protocolPort: tcpPort'],
  ['listenerId: tcp.id, protocol: "TCP"', 'listenerId: tcp.id, protocol: "HTTP"'],
];
/** What examples/basic makes. */
const BASIC_COUNTS = { loadbalancers: 1, listeners: 2, pools: 2, healthmonitors: 1, members: 5 };

type Order = "create first" | "delete first";
const orderOf = (ops: string[]): Order | undefined => {
  const created = ops.indexOf("create-replacement");
  const deleted = ops.indexOf("delete-replaced");
  if (created < 0 || deleted < 0) return undefined;
  return created < deleted ? "create first" : "delete first";
};

/** What both previews say about one resource. */
interface Seen {
  /** `--json` steps, in order. */
  ops: string[];
  /** `--diff` step blocks, in order. */
  textOps: string[];
  order: Order | undefined;
  textOrder: Order | undefined;
  /** `replaceReasons` over the resource's steps. */
  replaceReasons: string[];
  /** The inputs that differ between the logical step's old and new state (`--json`). */
  changedInputs: string[];
  /** The property lines of the logical step (`--diff`). */
  lines: string[];
}

interface Preview {
  text: string;
  blocks: PreviewBlock[];
  json: PreviewJson;
}

function seen(preview: Preview, name: string): Seen {
  const steps = stepsFor(preview.json, name);
  const blocks = preview.blocks.filter((b) => b.name === name);
  const logical = steps.find((s) => s.op === "update" || s.op === "replace") as
    | { oldState?: { inputs?: Record<string, unknown> }; newState?: { inputs?: Record<string, unknown> } }
    | undefined;
  const olds = logical?.oldState?.inputs ?? {};
  const news = logical?.newState?.inputs ?? {};
  const changedInputs = [...new Set([...Object.keys(olds), ...Object.keys(news)])]
    .filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]))
    .sort();
  return {
    ops: steps.map((s) => s.op),
    textOps: blocks.map((b) => b.op),
    order: orderOf(steps.map((s) => s.op)),
    textOrder: orderOf(blocks.map((b) => b.op)),
    replaceReasons: [...new Set(steps.flatMap((s) => s.replaceReasons ?? []))].sort(),
    changedInputs,
    lines: blocks.find((b) => b.op === "update" || b.op === "replace")?.lines ?? [],
  };
}

const STEP_OF_DONE: Record<string, string> = { "created replacement": "create-replacement", "deleted original": "delete-replaced" };

/** The order `pulumi up` really took for one resource's replacement. */
const appliedOrder = (done: AppliedStep[], name: string): Order | undefined =>
  orderOf(done.filter((s) => s.name === name).map((s) => STEP_OF_DONE[s.done] ?? s.done));

const counts = (h: Holdings) => Object.fromEntries(Object.entries(h).map(([kind, ids]) => [kind, ids.length]));

describe.skipIf(!cli)("README \"Reading a preview\": each row through the real CLI on examples/basic", () => {
  let eng: TestEngine;
  let p: Project;
  /** The program the stack was last applied from (undefined after a failed up). */
  let applied: string | undefined;

  beforeAll(async () => {
    eng = await testEngine();
    p = await Project.create(cli!, { name: "basic", program: BASIC });
    await p.setConfig("elb:endpoint", eng.url);
    await p.up();
    applied = BASIC;
  });
  afterAll(async () => {
    p?.cleanup();
    await eng?.close();
  });

  /** Makes `source` the applied program, with an up only when another one is applied. */
  async function startFrom(source: string): Promise<void> {
    if (applied === source) return;
    p.writeProgram(source);
    applied = undefined;
    await p.up();
    applied = source;
  }

  async function preview(source: string): Promise<Preview> {
    p.writeProgram(source);
    const text = (await p.preview(["--diff", "--show-replacement-steps"])).stdout;
    return { text, blocks: previewBlocks(text), json: await p.previewJson(["--show-replacement-steps"]) };
  }

  /** `pulumi up` of the previewed program; the finished steps, in order. */
  async function up(source: string): Promise<AppliedStep[]> {
    applied = undefined;
    const done = appliedSteps((await p.up()).stdout);
    applied = source;
    return done;
  }

  /** The engine holds exactly what state records; returns state's resources by name. */
  async function engineMatchesState(expected: Partial<Record<keyof Holdings, number>> = BASIC_COUNTS): Promise<Map<string, ExportedResource>> {
    const resources = await p.resources();
    const held = await engineHoldings(eng.api);
    expect(held).toEqual(stateHoldings(resources.values()));
    expect(counts(held)).toEqual({ ...BASIC_COUNTS, ...expected });
    return resources;
  }

  const live = async <T = Record<string, unknown>>(kind: string, path: string): Promise<T> => (await eng.api.get<Record<string, T>>(path))[kind];
  const idOf = (resources: Map<string, ExportedResource>, name: string) => resources.get(name)!.id!;
  const memberPath = (resources: Map<string, ExportedResource>, name: string) =>
    `/pools/${String(resources.get(name)!.outputs!.poolId)}/members/${idOf(resources, name)}`;

  it("a member's `weight: 5` → `0`: update in place, 0 sent as 0", async () => {
    await startFrom(BASIC);
    const program = edit(BASIC, ["const weights = [5, 3, 1];", "const weights = [0, 3, 1];"]);
    const pv = await preview(program);
    const s = seen(pv, "web-1");
    expect(s).toMatchObject({ ops: ["update"], textOps: ["update"], changedInputs: ["weight"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^~ weight\s*: 5 => 0$/));
    expect(pv.json.changeSummary).toEqual({ update: 1, same: 11 });

    expect((await up(program)).filter((d) => d.name === "web-1").map((d) => d.done)).toEqual(["updated"]);
    const resources = await engineMatchesState();
    expect(await live<{ weight: number }>("member", memberPath(resources, "web-1"))).toMatchObject({ weight: 0 });
  });

  it("a member's `protocolPort: 8081` → `8085`: update in place", async () => {
    await startFrom(BASIC);
    const program = edit(BASIC, ["      protocolPort: 8081 + i,", "      protocolPort: i === 0 ? 8085 : 8081 + i,"]);
    const pv = await preview(program);
    const s = seen(pv, "web-1");
    expect(s).toMatchObject({ ops: ["update"], textOps: ["update"], changedInputs: ["protocolPort"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^~ protocolPort\s*: 8081 => 8085$/));
    expect(pv.json.changeSummary).toEqual({ update: 1, same: 11 });

    expect((await up(program)).filter((d) => d.name === "web-1").map((d) => d.done)).toEqual(["updated"]);
    const resources = await engineMatchesState();
    expect(await live("member", memberPath(resources, "web-1"))).toMatchObject({ address: "127.0.0.11", protocol_port: 8085 });
  });

  it("`slowStart` removed from the pool: update in place, back to the API default (off)", async () => {
    await startFrom(BASIC);
    const program = edit(BASIC, ["  slowStart: { enable: true, duration: 60 },\n", ""]);
    const pv = await preview(program);
    const s = seen(pv, "web-pool");
    expect(s).toMatchObject({ ops: ["update"], textOps: ["update"], changedInputs: ["slowStart"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^- slowStart\s*: \{$/));
    expect(pv.json.changeSummary).toEqual({ update: 1, same: 11 });

    expect((await up(program)).filter((d) => d.name === "web-pool").map((d) => d.done)).toEqual(["updated"]);
    const resources = await engineMatchesState();
    expect(await live("pool", `/pools/${idOf(resources, "web-pool")}`)).toMatchObject({ slow_start: null });
  });

  it("the load balancer's `availabilityZoneList` gains `local-1b`: update in place", async () => {
    await startFrom(BASIC);
    const program = edit(BASIC, ['availabilityZoneList: ["local-1a"]', 'availabilityZoneList: ["local-1a", "local-1b"]']);
    const pv = await preview(program);
    const s = seen(pv, "web");
    expect(s).toMatchObject({ ops: ["update"], textOps: ["update"], changedInputs: ["availabilityZoneList"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^\+ \[1\]: "local-1b"$/));
    expect(pv.json.changeSummary).toEqual({ update: 1, same: 11 });

    expect((await up(program)).filter((d) => d.name === "web").map((d) => d.done)).toEqual(["updated"]);
    const resources = await engineMatchesState();
    expect(await live("loadbalancer", `/loadbalancers/${idOf(resources, "web")}`)).toMatchObject({ availability_zone_list: ["local-1a", "local-1b"] });
  });

  it("the TCP listener's `protocolPort: 9000` → `9001`: replace, creating first; its pool and members with it", async () => {
    await startFrom(BASIC);
    const before = await p.resources();
    const program = edit(BASIC, ['config.getNumber("tcpPort") ?? 9000', 'config.getNumber("tcpPort") ?? 9001']);
    const pv = await preview(program);
    const s = seen(pv, "tcp");
    expect(s).toMatchObject({ order: "create first", textOrder: "create first", replaceReasons: ["protocolPort"], changedInputs: ["protocolPort"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^~ protocolPort\s*: 9000 => 9001$/));
    expect(pv.json.changeSummary).toEqual({ replace: 4, same: 8 });
    // The pool's listener id is not known yet, so the preview deletes it first ("a collision that
    // might happen"); at apply the id is known and the pool is created first.
    expect(seen(pv, "tcp-pool")).toMatchObject({ order: "delete first", textOrder: "delete first" });

    const done = await up(program);
    expect(appliedOrder(done, "tcp")).toBe("create first");
    expect(appliedOrder(done, "tcp-pool")).toBe("create first");
    const resources = await engineMatchesState();
    expect(await live("listener", `/listeners/${idOf(resources, "tcp")}`)).toMatchObject({ protocol: "TCP", protocol_port: 9001 });
    expect(idOf(resources, "tcp")).not.toBe(idOf(before, "tcp"));
  });

  it("the TCP listener's `protocol: \"TCP\"` → `\"HTTP\"` on 9000, and its pool's with it: replace, deleting the old listener first", async () => {
    await startFrom(BASIC);
    const program = edit(BASIC, ...TCP_AS_HTTP);
    const pv = await preview(program);
    const s = seen(pv, "tcp");
    expect(s).toMatchObject({ order: "delete first", textOrder: "delete first", replaceReasons: ["protocol"], changedInputs: ["protocol"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^~ protocol\s*: "TCP" => "HTTP"$/));
    expect(pv.json.changeSummary).toEqual({ replace: 4, same: 8 });

    expect(appliedOrder(await up(program), "tcp")).toBe("delete first");
    const resources = await engineMatchesState();
    expect(await live("listener", `/listeners/${idOf(resources, "tcp")}`)).toMatchObject({ protocol: "HTTP", protocol_port: 9000 });
    expect(await live("pool", `/pools/${idOf(resources, "tcp-pool")}`)).toMatchObject({ protocol: "HTTP" });
  });

  it("the web pool's `ipVersion: \"v4\"` → `\"dualstack\"`, bound to the same listener: replace, deleting first", async () => {
    await startFrom(BASIC);
    const program = edit(BASIC, ['  lbAlgorithm: "ROUND_ROBIN",\n', '  lbAlgorithm: "ROUND_ROBIN",\n  ipVersion: "dualstack",\n']);
    const pv = await preview(program);
    const s = seen(pv, "web-pool");
    expect(s).toMatchObject({ order: "delete first", textOrder: "delete first", replaceReasons: ["ipVersion"], changedInputs: ["ipVersion"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^\+ ipVersion\s*: "dualstack"$/));

    expect(appliedOrder(await up(program), "web-pool")).toBe("delete first");
    const resources = await engineMatchesState();
    expect(await live("pool", `/pools/${idOf(resources, "web-pool")}`)).toMatchObject({ ip_version: "dualstack" });
    expect(await live("listener", `/listeners/${idOf(resources, "http")}`)).toMatchObject({ default_pool_id: idOf(resources, "web-pool") });
  });

  it("a member's `subnetCidrId` removed, same address and port (an IP backend, with `ipTargetEnable: true`): replace, deleting first", async () => {
    await startFrom(IP_TARGET);
    const program = edit(IP_TARGET, ["      subnetCidrId: LOOPBACK_SUBNET,\n      weight,", "      subnetCidrId: i === 0 ? undefined : LOOPBACK_SUBNET,\n      weight,"]);
    const pv = await preview(program);
    const s = seen(pv, "web-1");
    expect(s).toMatchObject({ order: "delete first", textOrder: "delete first", replaceReasons: ["subnetCidrId"], changedInputs: ["subnetCidrId"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^- subnetCidrId\s*: "9d2e4f60-1a2b-4c3d-8e4f-000000000001"$/));
    expect(pv.json.changeSummary).toEqual({ replace: 1, same: 11 });

    expect(appliedOrder(await up(program), "web-1")).toBe("delete first");
    const resources = await engineMatchesState();
    expect(await live("member", memberPath(resources, "web-1"))).toMatchObject({ address: "127.0.0.11", protocol_port: 8081, member_type: "ip", subnet_cidr_id: null });
  });

  it("the load balancer's `ipTargetEnable: true` → `false`: replace, creating first, with everything on it", async () => {
    await startFrom(IP_TARGET);
    const before = await p.resources();
    const program = edit(IP_TARGET, ["  ipTargetEnable: true,\n", "  ipTargetEnable: false,\n"]);
    const pv = await preview(program);
    const s = seen(pv, "web");
    expect(s).toMatchObject({ order: "create first", textOrder: "create first", replaceReasons: ["ipTargetEnable"], changedInputs: ["ipTargetEnable"] });
    expect(s.lines).toContainEqual(expect.stringMatching(/^~ ipTargetEnable\s*: true => false$/));
    expect(pv.json.changeSummary).toEqual({ replace: 11, same: 1 });

    expect(appliedOrder(await up(program), "web")).toBe("create first");
    const resources = await engineMatchesState();
    expect(await live("loadbalancer", `/loadbalancers/${idOf(resources, "web")}`)).toMatchObject({ ip_target_enable: false });
    for (const [name, r] of resources) expect({ name, replaced: r.id !== idOf(before, name) }).toEqual({ name, replaced: true });
  });

  it("an omitted server-decided field (`vipAddress`, `vpcId`): no change, even after a refresh", async () => {
    await startFrom(BASIC);
    await p.refresh();
    // The refresh wrote the live values into the inputs; the program still leaves them out.
    const lb = (await p.resources()).get("web")!;
    expect(lb.inputs).toMatchObject({ vipAddress: lb.outputs!.vipAddress, vpcId: lb.outputs!.vpcId });
    expect(BASIC).not.toMatch(/vipAddress:|vpcId:/);

    const pv = await preview(BASIC);
    expect(pv.blocks.filter((b) => b.op !== "same")).toEqual([]);
    expect((pv.json.steps ?? []).filter((s) => s.op !== "same")).toEqual([]);
    expect(pv.json.changeSummary).toEqual({ same: 12 });
    expect(await p.up(["--expect-no-changes"])).toMatchObject({ code: 0 });
  });

  it("the example under the table: `web-1` an update, the `tcp` listener a replacement whose old listener goes first", async () => {
    await startFrom(BASIC);
    const pv = await preview(edit(BASIC, ["const weights = [5, 3, 1];", "const weights = [0, 3, 1];"], ...TCP_AS_HTTP));
    const web1 = seen(pv, "web-1");
    expect(web1.textOps).toEqual(["update"]);
    expect(pv.blocks.find((b) => b.name === "web-1")!.symbol).toBe("~ ");
    expect(web1.lines).toContainEqual(expect.stringMatching(/^~ weight\s*: 5 => 0$/));
    const tcp = pv.blocks.filter((b) => b.name === "tcp");
    expect(tcp.find((b) => b.op === "replace")!.symbol).toBe("+-");
    expect(seen(pv, "tcp").textOrder).toBe("delete first");
    expect(tcp.map((b) => b.symbol).filter((sym) => sym !== "+-")).toEqual(["--", "++"]);
    // Its pool and members are replaced with it, and nothing else changes.
    const changed = [...new Set(pv.blocks.filter((b) => b.op !== "same").map((b) => b.name))].sort();
    expect(changed).toEqual(["tcp", "tcp-1", "tcp-2", "tcp-pool", "web-1"]);
  });
});
