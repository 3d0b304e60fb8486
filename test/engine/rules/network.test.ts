// N1-N2: the seeded, read-only network and how ELB fields name its subnets.
import { describe, expect, it } from "vitest";
import { startEngine, type Network } from "../../../provider/engine";
import { api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { createLb, createPool, fails, NET, notFound, ok } from "../helpers/factories";

const t = useEngine();

describe("N network model", () => {
  it("N1: the documented network is served read-only in Huawei shapes: VPCs, subnets (CIDR, id, neutron_subnet_id), AZs", async () => {
    const c = t.project();
    const vpcs = ok(await c.get(`/v1/${c.project}/vpcs`), 200, "vpcs");
    expect(vpcs.map((v: Json) => v.id)).toEqual([NET.vpc, NET.otherVpc]);
    const subnets = ok(await c.get(`/v1/${c.project}/subnets`), 200, "subnets");
    expect(subnets.map((s: Json) => [s.cidr, s.vpc_id, s.neutron_subnet_id])).toEqual([
      ["127.0.0.0/8", NET.vpc, NET.loopback],
      ["192.168.0.0/24", NET.vpc, NET.privateA],
      ["192.168.1.0/24", NET.vpc, NET.privateB],
      ["10.1.0.0/24", NET.otherVpc, NET.otherSubnet],
    ]);
    for (const s of subnets) {
      expect(s.id).not.toBe(s.neutron_subnet_id);
      expect(typeof s.gateway_ip).toBe("string");
    }
    const onlyOther = ok(await c.get(`/v1/${c.project}/subnets`, { vpc_id: NET.otherVpc }), 200, "subnets");
    expect(onlyOther.map((s: Json) => s.cidr)).toEqual(["10.1.0.0/24"]);
    const azs = ok(await c.get("availability-zones"), 200, "availability_zones");
    expect(azs[0].map((a: Json) => a.code)).toEqual(NET.azs);
    // Read-only: no write routes exist.
    fails(await c.post(`/v1/${c.project}/vpcs`, { vpc: { name: "x" } }), 404, "APIGW.0101");
    fails(await c.del(`/v1/${c.project}/subnets/${NET.privateAObjectId}`), 404, "APIGW.0101");
    fails(await c.post("availability-zones", {}), 404, "APIGW.0101");
  });

  it("N1: a network file replaces the model; the engine then knows only its VPCs, subnets and AZs", async () => {
    const network: Network = {
      vpcs: [{ id: "aaaaaaaa-0000-4000-8000-000000000001", name: "lab", cidr: "172.20.0.0/16" }],
      subnets: [
        { id: "bbbbbbbb-0000-4000-8000-000000000001", name: "lab-a", cidr: "172.20.1.0/24", vpc_id: "aaaaaaaa-0000-4000-8000-000000000001", neutron_subnet_id: "cccccccc-0000-4000-8000-000000000001", gateway_ip: "172.20.1.1" },
      ],
      availability_zones: [{ code: "lab-az", state: "ACTIVE" }],
    };
    const engine = await startEngine({ port: 0, memory: true, network });
    try {
      const c = api(engine.url);
      const lb = await createLb(c, { vpc_id: undefined, vip_subnet_cidr_id: "cccccccc-0000-4000-8000-000000000001", availability_zone_list: ["lab-az"] });
      expect(lb.vip_address).toBe("172.20.1.2");
      expect(lb.vpc_id).toBe("aaaaaaaa-0000-4000-8000-000000000001");
      notFound(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["lab-az"], vip_subnet_cidr_id: NET.privateA } }), "subnet", NET.privateA);
      fails(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: "aaaaaaaa-0000-4000-8000-000000000001" } }), 400, "ELB.8902", "local-1a");
    } finally {
      await engine.close();
    }
  });

  it("N2: subnet fields take the neutron_subnet_id; a subnet's own id, or an unknown one, is 'subnet <id> could not be found.' (404)", async () => {
    const c = t.project();
    const lb = await createLb(c, { vip_subnet_cidr_id: NET.privateA });
    expect(lb.vip_subnet_cidr_id).toBe(NET.privateA);
    const byObjectId = await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateAObjectId } });
    notFound(byObjectId, `subnet ${NET.privateAObjectId} could not be found.`);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    const m = await c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.9", protocol_port: 80, subnet_cidr_id: NET.privateAObjectId } });
    notFound(m, `subnet ${NET.privateAObjectId} could not be found.`);
    ok(await c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.9", protocol_port: 80, subnet_cidr_id: NET.privateA } }), 201, "member");
    notFound(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { vip_subnet_cidr_id: NET.privateAObjectId } }), `subnet ${NET.privateAObjectId}`);
  });

  it("N2: an unknown VPC → 404 naming it", async () => {
    const c = t.project();
    const vpc = "3c5ae0b5-7a6b-4c1e-9f0e-00000000ffff";
    notFound(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: vpc } }), "vpc", vpc);
    const lb = await createLb(c);
    notFound(await c.post("pools", { pool: { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN", vpc_id: vpc } }), vpc);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    notFound(await c.put(`pools/${pool.id}`, { pool: { vpc_id: vpc } }), vpc);
  });
});
