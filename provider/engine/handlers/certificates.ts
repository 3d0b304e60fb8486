// Certificates: rules C1-C7. The certificate is read with node:crypto (spec/pem.ts); what the
// API reports of it (domain, common name, names, fingerprint, expiry) is derived on every write
// that changes it. A private key never appears in a message, and reads mask it while the
// project's private-key echo is off (C5).
import { errors } from "../../spec/errors";
import { certificateSpec as spec, LIMITS } from "../../spec";
import { certificateFacts, readCertificates } from "../../spec/pem";
import type { StoredCertificate, StoredCertificateSettings, StoredListener } from "../../spec/types";
import { privateKeyEcho, settingsId } from "../render";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse } from "./list";

const base = "/v3/:project_id/elb/certificates";

/** The listener fields that name certificates (S3), each with the certificate type it takes. */
export const CERTIFICATE_REFS = [
  { field: "default_tls_container_ref", type: "server" },
  { field: "sni_container_refs", type: "server" },
  { field: "client_ca_tls_container_ref", type: "client" },
] as const;

/** The certificate ids a listener names. */
export function certificateIdsOf(l: Pick<StoredListener, "default_tls_container_ref" | "sni_container_refs" | "client_ca_tls_container_ref">): string[] {
  return [l.default_tls_container_ref, ...(l.sni_container_refs ?? []), l.client_ca_tls_container_ref].filter((id): id is string => typeof id === "string");
}

export function certificateRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;
  const { find, reply, listed, count } = objectAccess(ctx, "certificate");

  /** C4: what the API derives from the certificate; `domain` only when the request leaves it to the engine. */
  const derived = (certificate: string, domain: unknown) => {
    const read = readCertificates(certificate);
    // ownRules has refused anything unreadable already (C1).
    if (!("certs" in read)) throw errors.invalid({ field: "certificate", value: "", reason: `${read.problem}.` });
    const facts = certificateFacts(read.certs[0]);
    return {
      domain: typeof domain === "string" ? domain : facts.domain,
      common_name: facts.common_name,
      subject_alternative_names: facts.subject_alternative_names,
      fingerprint: facts.fingerprint,
      expire_time: facts.expire_time,
    };
  };

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "certificate");
    const filled = ctx.build(spec, body, {});
    ctx.validate(spec, body, "create", filled);
    // C7: quota per project.
    if (count(req.projectId) >= LIMITS.certificatesPerProject) throw errors.quota("certificate", LIMITS.certificatesPerProject);
    const now = ctx.now();
    const cert = {
      ...filled,
      ...derived(String(filled.certificate), body.domain),
      id: ctx.newId(),
      project_id: req.projectId,
      created_at: now,
      updated_at: now,
    } as StoredCertificate;
    await ctx.commit([ctx.put("certificate", cert)]);
    return reply(201, cert);
  };

  const update = async (req: ApiRequest) => {
    const cert = find(req);
    const body = ctx.unwrap(req.body, "certificate");
    const merged = ctx.merge(spec, cert, body);
    // C3: the key and the certificate are checked as a pair, whichever of them the request changes.
    ctx.validate(spec, body, "update", merged);
    if (body.certificate !== undefined) {
      // C4: a domain the engine took from the old certificate follows the new one.
      const domainWasDerived = cert.domain === derived(cert.certificate, undefined).domain;
      Object.assign(merged, derived(String(merged.certificate), body.domain !== undefined || !domainWasDerived ? merged.domain : undefined));
    }
    merged.updated_at = ctx.now();
    await ctx.commit([ctx.put("certificate", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest) => {
    const cert = find(req);
    // C6: a certificate a listener names stays until the listener lets go of it.
    for (const l of m.all("listener")) {
      if (l.project_id === req.projectId && certificateIdsOf(l).includes(cert.id)) throw errors.conflict("C6", { certificate: cert.id, listener: l.id });
    }
    await ctx.commit([ctx.del("certificate", cert.id)]);
    return { status: 204 };
  };

  const list = (req: ApiRequest) => {
    const items = listed(req);
    return listResponse("certificates", items, req.query);
  };

  /** C5: the project's private-key echo switch. */
  const echoReply = (projectId: string) => ({ status: 200, body: { private_key_echo: privateKeyEcho(ctx, projectId) } });
  const setEcho = async (req: ApiRequest) => {
    const body = req.body;
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw errors.badBody("expected a JSON object with the key 'private_key_echo'");
    const fields = body as Record<string, unknown>;
    const extra = Object.keys(fields).find((k) => k !== "private_key_echo");
    if (extra !== undefined) throw errors.invalid({ field: extra, value: fields[extra], reason: "is not a known field; the body holds private_key_echo only." });
    const echo = fields.private_key_echo;
    if (typeof echo !== "boolean") throw errors.invalid({ field: "private_key_echo", value: echo, reason: `${JSON.stringify(echo) ?? "nothing"} is not allowed, allowed true or false.` });
    const settings: StoredCertificateSettings = { id: settingsId(req.projectId), project_id: req.projectId, private_key_echo: echo };
    await ctx.commit([ctx.put("settings", settings)]);
    return echoReply(req.projectId);
  };

  return [
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/settings/private-key-echo`, handler: (req) => echoReply(req.projectId) },
    { method: "POST", path: `${base}/settings/private-key-echo`, handler: setEcho },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: remove },
  ];
}
