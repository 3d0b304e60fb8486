// G4: every object belongs to the project in its path; other projects see it as absent.
import { describe, expect, it } from "vitest";
import type { Api, Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { createLb, createListener, createPool, createTree, NET, notFound, ok } from "../helpers/factories";

const t = useEngine();

/** Every path of project A's tree, as seen from any project. */
function pathsOf(tree: { lb: Json; listener: Json; pool: Json; member: Json; monitor: Json }) {
  const { lb, listener, pool, member, monitor } = tree;
  return {
    show: [
      [`loadbalancers/${lb.id}`, lb.id],
      [`loadbalancers/${lb.id}/statuses`, lb.id],
      [`listeners/${listener.id}`, listener.id],
      [`pools/${pool.id}`, pool.id],
      [`pools/${pool.id}/members`, pool.id],
      [`pools/${pool.id}/members/${member.id}`, pool.id],
      [`healthmonitors/${monitor.id}`, monitor.id],
    ],
    update: [
      [`loadbalancers/${lb.id}`, "loadbalancer", lb.id],
      [`listeners/${listener.id}`, "listener", listener.id],
      [`pools/${pool.id}`, "pool", pool.id],
      [`pools/${pool.id}/members/${member.id}`, "member", pool.id],
      [`healthmonitors/${monitor.id}`, "healthmonitor", monitor.id],
    ],
    remove: [
      [`healthmonitors/${monitor.id}`, monitor.id],
      [`pools/${pool.id}/members/${member.id}`, pool.id],
      [`pools/${pool.id}/delete-cascade`, pool.id],
      [`pools/${pool.id}`, pool.id],
      [`listeners/${listener.id}/force`, listener.id],
      [`listeners/${listener.id}`, listener.id],
      [`loadbalancers/${lb.id}/force-elb`, lb.id],
      [`loadbalancers/${lb.id}`, lb.id],
    ],
  };
}

describe("G4 project isolation", () => {
  it("G4: another project gets 404 for show, update and delete of every resource, and the owner's objects are untouched", async () => {
    const a = t.project();
    const b = t.project();
    const tree = await createTree(a);
    const p = pathsOf(tree);
    for (const [path, id] of p.show) notFound(await b.get(path), id);
    for (const [path, key, id] of p.update) notFound(await b.put(path, { [key]: { name: "stolen" } }), id);
    for (const [path, id] of p.remove) notFound(await b.del(path), id);
    notFound(await b.post(`loadbalancers/${tree.lb.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1b"] }), tree.lb.id);
    for (const op of ["batch-add", "batch-update", "batch-delete"]) {
      notFound(await b.post(`pools/${tree.pool.id}/members/${op}`, { members: [{ id: tree.member.id }] }), tree.pool.id);
    }
    // The owner still sees everything, unrenamed.
    for (const [path] of p.show) expect((await a.get(path)).status).toBe(200);
    expect(ok(await a.get(`loadbalancers/${tree.lb.id}`), 200, "loadbalancer").name).toBe("");
    expect(ok(await a.get(`loadbalancers/${tree.lb.id}`), 200, "loadbalancer").availability_zone_list).toEqual(["local-1a"]);
  });

  it("G4: lists show only the project's own objects, with or without filters", async () => {
    const a = t.project();
    const b = t.project();
    const tree = await createTree(a);
    const mine = await createLb(b);
    const lists: [string, string][] = [
      ["loadbalancers", "loadbalancers"],
      ["listeners", "listeners"],
      ["pools", "pools"],
      ["healthmonitors", "healthmonitors"],
    ];
    for (const [path, plural] of lists) {
      const seen = ok(await b.get(path), 200, plural).map((x: Json) => x.id);
      expect(seen).not.toContain(tree.lb.id);
      expect(seen).not.toContain(tree.listener.id);
      expect(seen).not.toContain(tree.pool.id);
      expect(seen).not.toContain(tree.monitor.id);
    }
    expect(ok(await b.get("loadbalancers"), 200, "loadbalancers").map((x: Json) => x.id)).toEqual([mine.id]);
    expect(ok(await b.get("loadbalancers", { id: tree.lb.id }), 200, "loadbalancers")).toEqual([]);
    expect(ok(await b.get("loadbalancers", { member_address: tree.member.address }), 200, "loadbalancers")).toEqual([]);
    expect(ok(await b.get("listeners", { loadbalancer_id: tree.lb.id }), 200, "listeners")).toEqual([]);
    // A marker from another project names nothing here (G6: unknown marker → 400).
    const res = await b.get("loadbalancers", { limit: 1, marker: tree.lb.id });
    expect(res.status).toBe(400);
    expect(ok(await a.get("loadbalancers"), 200, "loadbalancers").map((x: Json) => x.id)).toEqual([tree.lb.id]);
  });

  it("G4: another project cannot reference the owner's load balancer, listener or pool → 404", async () => {
    const a = t.project();
    const b = t.project();
    const tree = await createTree(a);
    const freePool = await createPool(a, { loadbalancer_id: tree.lb.id });
    notFound(await b.post("listeners", { listener: { loadbalancer_id: tree.lb.id, protocol: "TCP", protocol_port: 4444 } }), tree.lb.id);
    notFound(await b.post("pools", { pool: { loadbalancer_id: tree.lb.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } }), tree.lb.id);
    const bLb = await createLb(b);
    const bListener = await createListener(b, bLb.id);
    notFound(await b.post("pools", { pool: { listener_id: tree.listener.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } }), tree.listener.id);
    notFound(await b.post(`pools/${freePool.id}/members`, { member: { address: "192.168.0.20", protocol_port: 80, subnet_cidr_id: NET.privateA } }), freePool.id);
    notFound(await b.post("healthmonitors", { healthmonitor: { pool_id: freePool.id, type: "TCP", delay: 5, timeout: 3, max_retries: 3 } }), freePool.id);
    notFound(await b.put(`listeners/${bListener.id}`, { listener: { default_pool_id: freePool.id } }), freePool.id);
    notFound(await b.post("listeners", { listener: { loadbalancer_id: bLb.id, protocol: "TCP", protocol_port: 4445, default_pool_id: freePool.id } }), freePool.id);
    // Nothing of B's attached to A's objects.
    const lbA = ok(await a.get(`loadbalancers/${tree.lb.id}`), 200, "loadbalancer");
    expect(lbA.listeners).toEqual([{ id: tree.listener.id }]);
    expect(ok(await a.get(`pools/${freePool.id}`), 200, "pool")).toMatchObject({ members: [], healthmonitor_id: "", listeners: [] });
  });

  it("G4: the same ids in the owner's paths keep working after the other project's attempts; a path cannot be spelled into another project", async () => {
    const a = t.project();
    const b: Api = t.project();
    const lb = await createLb(a);
    for (const path of [`/v3/${b.project}/elb/../../v3/${a.project}/elb/loadbalancers/${lb.id}`, `/v3/${b.project}/elb/loadbalancers/..%2F..%2F..%2F${a.project}%2Felb%2Floadbalancers%2F${lb.id}`]) {
      const res = await b.raw("GET", path);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(`"vpc_id"`);
    }
    ok(await a.get(`loadbalancers/${lb.id}`), 200, "loadbalancer");
  });
});
