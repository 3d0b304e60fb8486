// N1: the seeded network, served read-only in Huawei's shapes.
import type { EngineContext, Route } from "../context";
import { errors } from "../../spec/errors";
import { FLAVORS } from "../../spec/flavors";
import { listResponse } from "./list";

/** F1: a flavor as Huawei answers it, with the requesting project. */
const flavorReply = (f: (typeof FLAVORS)[number], projectId: string) => ({ ...f, info: { ...f.info }, project_id: projectId });

export function networkRoutes(ctx: EngineContext): Route[] {
  const n = ctx.network;
  return [
    { method: "GET", path: "/v1/:project_id/vpcs", handler: () => ({ status: 200, body: { vpcs: n.vpcs.map((v) => ({ ...v, status: "OK" })) } }) },
    {
      method: "GET",
      path: "/v1/:project_id/subnets",
      handler: (req) => {
        const vpc = req.query.get("vpc_id");
        const subnets = n.subnets.filter((s) => !vpc || s.vpc_id === vpc).map((s) => ({ ...s, status: "ACTIVE", ipv6_enable: false }));
        return { status: 200, body: { subnets } };
      },
    },
    {
      method: "GET",
      path: "/v3/:project_id/elb/availability-zones",
      // Huawei answers a list of AZ sets; a load balancer takes its AZs from one set.
      handler: () => ({
        status: 200,
        body: {
          availability_zones: [n.availability_zones.map((a) => ({ code: a.code, state: a.state, protocol: ["L4", "L7"], public_border_group: "center", category: 0, spec_code: "elb.dedicated" }))],
        },
      }),
    },
    {
      method: "GET",
      path: "/v3/:project_id/elb/flavors",
      handler: (req) => {
        // list_all asks for sold-out flavors too; the engine has none.
        const query = new URLSearchParams([...req.query].filter(([k]) => k !== "list_all"));
        return listResponse("flavors", FLAVORS.map((f) => flavorReply(f, req.projectId)), query);
      },
    },
    {
      method: "GET",
      path: "/v3/:project_id/elb/flavors/:id",
      handler: (req) => {
        const f = FLAVORS.find((x) => x.id === req.params.id);
        if (!f) throw errors.notFound("flavor", req.params.id);
        return { status: 200, body: { flavor: flavorReply(f, req.projectId) } };
      },
    },
  ];
}
