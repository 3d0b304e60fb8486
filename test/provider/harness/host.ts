// Drives the real Pulumi dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over
// gRPC, as the Pulumi engine does: every request carries the serialized provider as
// `__provider`, Configure comes first, and errors come back as gRPC statuses (with
// ErrorResourceInitFailed details for partial initialization).
import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { REPO_ROOT, requireFromRoot } from "./paths";

type Obj = Record<string, unknown>;

export interface InitFailure {
  id: string;
  properties: Obj;
  reasons: string[];
}

/** A failed RPC: the provider's message, plus the partial-initialization details when there are any. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly initFailed?: InitFailure,
  ) {
    super(message);
  }
}

export interface DiffOutcome {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const URN = (type: string) => `urn:pulumi:test::pulumi-elb::pulumi-nodejs:dynamic/elb:${type}::r`;

function decodeError(e: grpc.ServiceError): HostError {
  const raw = e.metadata?.get("grpc-status-details-bin")?.[0];
  if (raw) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      return new HostError(e.details, {
        id: detail.getId(),
        properties: (detail.getProperties()?.toJavaScript() ?? {}) as Obj,
        reasons: detail.getReasonsList(),
      });
    }
  }
  return new HostError(e.details);
}

export class ProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: provrpc.ResourceProviderClient,
    /** What the host printed to stderr, for failure messages. */
    readonly stderr: string[],
  ) {}

  /** Spawns a host in the repository root (so `pulumi-elb` resolves by name) and configures it. */
  static async start(config: Record<string, string>): Promise<ProviderHost> {
    const entry = requireFromRoot.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    // The engine address is required but never dialled by the dynamic provider host.
    const child = spawn(process.execPath, [entry, "127.0.0.1:1"], {
      cwd: REPO_ROOT,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: "pulumi-elb-test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stderr: string[] = [];
    child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n")) resolve(line.trim());
      });
      child.once("exit", (code) => reject(new Error(`provider host exited (${code}): ${stderr.join("")}`)));
    });
    // Partial-initialization details travel in gRPC metadata; accept what the Pulumi engine accepts, not grpc-js's 8 KB default.
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_metadata_size": 16 * 1024 * 1024,
    });
    const host = new ProviderHost(child, client, stderr);
    await host.configure(config);
    return host;
  }

  private rpc<Req, Res>(method: string, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const fn = (this.client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[method];
      fn.call(this.client, req, (err, res) => (err ? reject(decodeError(err)) : resolve(res)));
    });
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(Struct.fromJavaScript(config as never));
    await this.rpc("configure", req);
  }

  async check(type: string, olds: Obj, news: Obj): Promise<{ inputs: Obj; failures: { property: string; reason: string }[] }> {
    const req = new provproto.CheckRequest();
    req.setUrn(URN(type));
    req.setOlds(Struct.fromJavaScript(olds as never));
    req.setNews(Struct.fromJavaScript(news as never));
    const res = await this.rpc<provproto.CheckRequest, provproto.CheckResponse>("check", req);
    return {
      inputs: (res.getInputs()?.toJavaScript() ?? {}) as Obj,
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(type: string, id: string, olds: Obj, news: Obj): Promise<DiffOutcome> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(URN(type));
    req.setOlds(Struct.fromJavaScript(olds as never));
    req.setNews(Struct.fromJavaScript(news as never));
    const res = await this.rpc<provproto.DiffRequest, provproto.DiffResponse>("diff", req);
    const C = provproto.DiffResponse.DiffChanges;
    return {
      changes: res.getChanges() === C.DIFF_SOME ? "some" : res.getChanges() === C.DIFF_NONE ? "none" : "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(type: string, properties: Obj): Promise<{ id: string; properties: Obj }> {
    const req = new provproto.CreateRequest();
    req.setUrn(URN(type));
    req.setProperties(Struct.fromJavaScript(properties as never));
    const res = await this.rpc<provproto.CreateRequest, provproto.CreateResponse>("create", req);
    return { id: res.getId(), properties: (res.getProperties()?.toJavaScript() ?? {}) as Obj };
  }

  /** Refresh passes prior outputs; import (a `get`) passes only inputs. */
  async read(type: string, id: string, properties: Obj, inputs?: Obj): Promise<{ id: string; properties: Obj; inputs?: Obj }> {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(URN(type));
    req.setProperties(Struct.fromJavaScript(properties as never));
    if (inputs) req.setInputs(Struct.fromJavaScript(inputs as never));
    const res = await this.rpc<provproto.ReadRequest, provproto.ReadResponse>("read", req);
    return {
      id: res.getId(),
      properties: (res.getProperties()?.toJavaScript() ?? {}) as Obj,
      inputs: res.getInputs()?.toJavaScript() as Obj | undefined,
    };
  }

  async update(type: string, id: string, olds: Obj, news: Obj): Promise<Obj> {
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(URN(type));
    req.setOlds(Struct.fromJavaScript(olds as never));
    req.setNews(Struct.fromJavaScript(news as never));
    const res = await this.rpc<provproto.UpdateRequest, provproto.UpdateResponse>("update", req);
    return (res.getProperties()?.toJavaScript() ?? {}) as Obj;
  }

  async delete(type: string, id: string, properties: Obj): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(URN(type));
    req.setProperties(Struct.fromJavaScript(properties as never));
    await this.rpc("delete", req);
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill();
    await exited;
  }
}
