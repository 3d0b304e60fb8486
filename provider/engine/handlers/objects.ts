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
    /** The object in its wrapper key (G1). */
    reply(status: number, o: StoredOf<K>): ApiResponse {
      return { status, body: { [kind]: render(ctx, kind, o) } };
    },
  };
}
