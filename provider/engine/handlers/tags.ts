// Tags of load balancers and listeners (rule F2): their PUT takes no tags, so tags change in
// place through Huawei's tag action, `POST /v3/{project_id}/{loadbalancers|listeners}/{id}/tags/action`,
// and read through `GET .../tags`. These paths sit under the project, not under `/elb` as the
// objects' own paths do: that is where Huawei's API (and its SDK) puts them.
import { errors } from "../../spec/errors";
import { applyTagAction, validateTagAction, type Tag, type TagAction } from "../../spec";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";

const KINDS = [
  ["loadbalancer", "loadbalancers"],
  ["listener", "listeners"],
] as const;

export function tagRoutes(ctx: EngineContext): Route[] {
  return KINDS.flatMap(([kind, plural]) => {
    // The object of the request's project, or 404 (G4): another project's objects do not exist here.
    const { find } = objectAccess(ctx, kind);
    const base = `/v3/:project_id/${plural}/:id/tags`;

    const change = async (req: ApiRequest) => {
      const obj = find(req);
      const body = req.body;
      if (body === undefined) throw errors.badBody("a JSON object with the keys 'action' and 'tags' is required");
      if (body === null || typeof body !== "object" || Array.isArray(body)) throw errors.badBody("expected a JSON object with the keys 'action' and 'tags'");
      const sent = body as Record<string, unknown>;
      const problem = validateTagAction(sent)[0];
      if (problem) throw errors.invalid(problem);
      const result = applyTagAction((obj.tags ?? []) as Tag[], sent.action as TagAction, sent.tags as Tag[]);
      if (result.violation) throw errors.invalid(result.violation);
      // Durable like every write; no provisioning window (G9): a label changes no load balancing.
      await ctx.commit([ctx.put(kind, { ...obj, tags: result.tags })]);
      return { status: 204 };
    };

    return [
      { method: "POST", path: `${base}/action`, handler: change },
      { method: "GET", path: base, handler: (req: ApiRequest) => ({ status: 200, body: { tags: find(req).tags ?? [] } }) },
    ] satisfies Route[];
  });
}
