// Engine extension: what the data plane carried, per member, for one load balancer — so a user
// (and a test) can see that weights, health and stickiness did what the configuration says.
import { errors } from "../../spec/errors";
import type { DataPlane } from "../dataplane";
import type { EngineContext, Route } from "../context";
import { memberStatus } from "../render";

export function trafficRoutes(ctx: EngineContext, dataPlane: DataPlane | undefined): Route[] {
  const m = ctx.model;
  return [
    {
      method: "GET",
      path: "/v3/:project_id/elb/loadbalancers/:id/traffic",
      handler: (req) => {
        const lb = m.find("loadbalancer", req.params.id, req.projectId);
        if (!lb) throw errors.notFound("loadbalancer", req.params.id);
        const counters = dataPlane?.counters().members ?? {};
        const listeners = m.children("listener.lb", lb.id).map((l) => ({
          id: l.id,
          protocol: l.protocol,
          protocol_port: l.protocol_port,
          address: lb.vip_address,
          ...ctx.listenerTraffic(l.id),
        }));
        const members = [...m.ids("pool.lb", lb.id)].flatMap((poolId) =>
          m.children("member.pool", poolId).map((mem) => ({
            id: mem.id,
            pool_id: poolId,
            address: mem.address,
            protocol_port: mem.protocol_port,
            weight: mem.weight,
            operating_status: memberStatus(ctx, mem),
            requests: counters[mem.id]?.requests ?? 0,
            connections: counters[mem.id]?.connections ?? 0,
            active: counters[mem.id]?.active ?? 0,
          })),
        );
        return { status: 200, body: { traffic: { loadbalancer_id: lb.id, data_plane: dataPlane ? "on" : "off", listeners, members } } };
      },
    },
  ];
}
