// Looking up one object of the request's project and answering with it, shared by every handler.
import { errors } from "../../spec/errors";
import type { StoredOf } from "../../spec/types";
import type { ApiRequest, ApiResponse, EngineContext } from "../context";
import { render } from "../render";
import type { ObjectKind } from "../store/types";

export function objectAccess<K extends ObjectKind>(ctx: EngineContext, kind: K) {
  return {
    /** The object named in the path, or 404: another project's objects do not exist here (G4). */
    find(req: ApiRequest, id = req.params.id): StoredOf<K> {
      const o = ctx.model.find(kind, id, req.projectId);
      if (!o) throw errors.notFound(kind, id);
      return o;
    },
    /** The request's project's objects of this kind, as the API shows them, for a list (G4, G6). */
    listed(req: ApiRequest): Record<string, unknown>[] {
      const items: Record<string, unknown>[] = [];
      for (const o of ctx.model.all(kind)) if (o.project_id === req.projectId) items.push(render(ctx, kind, o));
      return items;
    },
    /** How many objects of this kind the project holds (quotas). */
    count(projectId: string): number {
      let n = 0;
      for (const o of ctx.model.all(kind)) if (o.project_id === projectId) n++;
      return n;
    },
    /** The object in its wrapper key (G1). */
    reply(status: number, o: StoredOf<K>): ApiResponse {
      return { status, body: { [kind]: render(ctx, kind, o) } };
    },
  };
}
