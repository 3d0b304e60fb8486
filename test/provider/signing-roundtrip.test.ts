// The provider, configured with an access key pair, managing resources on an engine in strict
// mode through the real dynamic provider host: every request it makes during create, refresh,
// update (AZ batch endpoints, member batches), import and delete is signed and verified. Also the
// same with a token, with the HW_* environment fallbacks, and what a wrong key looks like to a user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElbClient } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";
import { startEngine, type RunningEngine } from "../../provider/engine";
import { NET } from "./harness/engine";
import { HostError, ProviderHost } from "./harness/host";
import { Resources, type State } from "./harness/lifecycle";

const PROJECT = "7e2b9c4d1a0f48e6b3c5d7e9f1a2b4c6";
const OTHER_PROJECT = "6c4b2a1f9e7d5c3b0f8e4a6d1c9b2e7f";
const AK = "STRICTPROVIDERAK0001";
const SK = "strict-provider-secret-key-0123456789ab";
const TOKEN = "strict-provider-token-abcdefghijklmnopqrstuvwxyz";
const UNICODE_NAME = "负载均衡-ü ✓";

let engine: RunningEngine;
const logged: string[] = [];
let hosts: ProviderHost[] = [];
/** Direct, signed access for looking at the engine's state. */
let api: ElbClient;

async function host(config: Record<string, string>): Promise<{ host: ProviderHost; r: Resources }> {
  const h = await ProviderHost.start({ "elb:endpoint": engine.url, "elb:projectId": PROJECT, ...config });
  hosts.push(h);
  return { host: h, r: await Resources.on(h) };
}

beforeAll(async () => {
  engine = await startEngine({
    port: 0,
    memory: true,
    log: (l) => logged.push(l),
    credentials: { accessKeys: [{ ak: AK, sk: SK, projects: [PROJECT] }], tokens: [{ token: TOKEN, projects: [PROJECT] }] },
  });
  const settings = resolveSettings((k) => ({ "elb:endpoint": engine.url, "elb:projectId": PROJECT, "elb:accessKey": AK, "elb:secretKey": SK })[k], {});
  api = new ElbClient(settings);
});
afterAll(async () => {
  for (const h of hosts) await h.close();
  hosts = [];
  await engine?.close();
  expect(logged).toEqual([]);
});

const live = async <T = Record<string, unknown>>(path: string) => api.find<Record<string, T>>(path, { deadline: api.deadline(30_000) });

describe("the provider host configured with elb:accessKey/elb:secretKey against a strict engine", () => {
  let r: Resources;
  let lb: State;
  let listener: State;
  let pool: State;
  let members: State;

  beforeAll(async () => {
    ({ r } = await host({ "elb:accessKey": AK, "elb:secretKey": SK }));
  });

  it("creates a load balancer with a non-ASCII name (the create first lists load balancers by that name, in the query) and a listener", async () => {
    lb = await r.create("loadbalancer", { name: UNICODE_NAME, availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA });
    expect(lb.outputs).toMatchObject({ name: UNICODE_NAME, provisioningStatus: "ACTIVE" });
    expect((await live(`/loadbalancers/${lb.id}`))?.loadbalancer.name).toBe(UNICODE_NAME);
    listener = await r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 80, name: UNICODE_NAME });
    expect(listener.outputs).toMatchObject({ name: UNICODE_NAME, protocolPort: 80, loadbalancerId: lb.id });
  });

  it("refreshes and imports both", async () => {
    expect((await r.refresh("loadbalancer", lb))?.outputs.name).toBe(UNICODE_NAME);
    expect((await r.refresh("listener", listener))?.outputs.name).toBe(UNICODE_NAME);
    expect((await r.get("loadbalancer", lb.id)).inputs).toMatchObject({ name: UNICODE_NAME, availabilityZoneList: ["local-1a"] });
    expect((await r.get("listener", listener.id)).inputs).toMatchObject({ name: UNICODE_NAME, protocolPort: 80 });
  });

  it("updates in place: names, and the AZ list through batch-add then batch-remove", async () => {
    const renamed = await r.apply("loadbalancer", lb, { name: `${UNICODE_NAME} 2`, availabilityZoneList: ["local-1b", "local-1c"], vipSubnetCidrId: NET.privateSubnetA });
    expect(renamed).toMatchObject({ replaced: false, diff: { changes: "some", replaces: [] } });
    expect(renamed.state.outputs.name).toBe(`${UNICODE_NAME} 2`);
    expect([...(renamed.state.outputs.availabilityZoneList as string[])].sort()).toEqual(["local-1b", "local-1c"]);
    lb = renamed.state;
    const relabelled = await r.apply("listener", listener, { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 80, name: "a b+c&d=e" });
    expect(relabelled).toMatchObject({ replaced: false, state: { id: listener.id, outputs: { name: "a b+c&d=e" } } });
    listener = relabelled.state;
  });

  it("manages a pool and its members through the batch endpoints", async () => {
    pool = await r.create("pool", { listenerId: listener.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN", name: UNICODE_NAME });
    const entry = (n: number, weight = 1) => ({ address: `192.168.0.${n}`, protocolPort: 80, subnetCidrId: NET.privateSubnetA, weight, name: UNICODE_NAME });
    members = await r.create("memberset", { poolId: pool.id, members: [entry(10), entry(11)] });
    expect((members.outputs.members as unknown[]).length).toBe(2);
    members = (await r.apply("memberset", members, { poolId: pool.id, members: [entry(11, 5), entry(12)] })).state;
    const addresses = (await api.list<{ id: string; address: string; weight: number }>(`/pools/${pool.id}/members`, "members", {}, api.deadline())).map((m) => `${m.address}/${m.weight}`);
    expect(addresses.sort()).toEqual(["192.168.0.11/5", "192.168.0.12/1"]);
    await r.delete("memberset", members);
    await r.delete("pool", pool);
    expect(await live(`/pools/${pool.id}`)).toBeUndefined();
  });

  it("deletes the listener and the load balancer; a refresh then reads them as gone", async () => {
    await r.delete("listener", listener);
    await r.delete("loadbalancer", lb);
    expect(await live(`/loadbalancers/${lb.id}`)).toBeUndefined();
    expect(await r.refresh("listener", listener)).toBeUndefined();
    expect(await r.refresh("loadbalancer", lb)).toBeUndefined();
  });
});

describe("other ways to authenticate, and what failures look like", () => {
  it("elb:token: a listed token manages resources on its project", async () => {
    const { r } = await host({ "elb:token": TOKEN });
    const lb = await r.create("loadbalancer", { name: "by-token", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA });
    expect((await live(`/loadbalancers/${lb.id}`))?.loadbalancer.name).toBe("by-token");
    await r.delete("loadbalancer", lb);
    expect(await live(`/loadbalancers/${lb.id}`)).toBeUndefined();
  });

  it("the HW_ACCESS_KEY / HW_SECRET_KEY / HW_PROJECT_ID / ELB_ENDPOINT environment fallbacks sign as well", async () => {
    const saved = { ...process.env };
    // The provider host inherits the environment when it starts; the config sent to it is empty.
    Object.assign(process.env, { HW_ACCESS_KEY: AK, HW_SECRET_KEY: SK, HW_PROJECT_ID: PROJECT, ELB_ENDPOINT: engine.url });
    let h: ProviderHost;
    try {
      h = await ProviderHost.start({});
      hosts.push(h);
    } finally {
      for (const k of ["HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_PROJECT_ID", "ELB_ENDPOINT"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    const r = await Resources.on(h);
    const lb = await r.create("loadbalancer", { name: "by-env", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA });
    expect((await live(`/loadbalancers/${lb.id}`))?.loadbalancer.name).toBe("by-env");
    await r.delete("loadbalancer", lb);
  });

  it("a wrong secret key, an unlisted token, and a project the key is not granted fail with the API's code, naming the operation", async () => {
    const args = { name: "never", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA };
    const failure = async (config: Record<string, string>) => {
      const { r } = await host(config);
      try {
        await r.create("loadbalancer", args);
      } catch (e) {
        expect(e).toBeInstanceOf(HostError);
        return (e as Error).message;
      }
      throw new Error("expected the create to fail");
    };
    expect(await failure({ "elb:accessKey": AK, "elb:secretKey": `${SK}-wrong` })).toMatch(/^creating load balancer: Incorrect IAM authentication information: verify aksk signature fail \(APIGW\.0301, HTTP 401/);
    expect(await failure({ "elb:token": `${TOKEN}-unlisted` })).toMatch(/^creating load balancer: Incorrect IAM authentication information: the X-Auth-Token is not valid \(APIGW\.0301, HTTP 401/);
    expect(await failure({ "elb:accessKey": AK, "elb:secretKey": SK, "elb:projectId": OTHER_PROJECT })).toMatch(/\(APIGW\.0302, HTTP 403/);
    expect(await api.list("/loadbalancers", "loadbalancers", { name: "never" }, api.deadline())).toEqual([]);
  });
});
