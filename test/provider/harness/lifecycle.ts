// What the Pulumi engine does with one resource, step by step, through the real provider host:
// check, then create, or diff followed by update or replace (delete-before-replace when the
// provider asks for it). Tests use it to walk a resource through its life.
import { HostError, type DiffOutcome, type ProviderHost } from "./host";
import { providerTexts, type ProviderKind } from "./serialize";

export type Obj = Record<string, unknown>;

/** A resource as state records it. */
export interface State {
  id: string;
  inputs: Obj;
  outputs: Obj;
}

export const TYPE: Record<ProviderKind, string> = {
  loadbalancer: "LoadBalancer",
  listener: "Listener",
  pool: "Pool",
  member: "Member",
  memberset: "MemberSet",
  healthmonitor: "HealthMonitor",
  certificate: "Certificate",
  security_policy: "SecurityPolicy",
  ipgroup: "IpGroup",
};

export class Resources {
  private constructor(
    readonly host: ProviderHost,
    readonly texts: Record<ProviderKind, string>,
  ) {}

  static async on(host: ProviderHost): Promise<Resources> {
    return new Resources(host, await providerTexts());
  }

  /** Program inputs as the engine sends them: with the serialized provider. */
  inputs(kind: ProviderKind, args: Obj): Obj {
    return { ...args, __provider: this.texts[kind] };
  }

  async check(kind: ProviderKind, args: Obj, olds: Obj = {}) {
    return this.host.check(TYPE[kind], olds, this.inputs(kind, args));
  }

  /** check + create; check failures throw. */
  async create(kind: ProviderKind, args: Obj): Promise<State> {
    const checked = await this.checked(kind, args, {});
    const made = await this.host.create(TYPE[kind], checked);
    return { id: made.id, inputs: checked, outputs: made.properties };
  }

  async diff(kind: ProviderKind, prior: State, args: Obj): Promise<DiffOutcome> {
    const checked = await this.checked(kind, args, prior.inputs);
    return this.host.diff(TYPE[kind], prior.id, prior.outputs, checked);
  }

  /** A `pulumi up` of one resource whose program now says `args`. */
  async apply(kind: ProviderKind, prior: State, args: Obj): Promise<{ state: State; diff: DiffOutcome; replaced: boolean }> {
    const checked = await this.checked(kind, args, prior.inputs);
    const diff = await this.host.diff(TYPE[kind], prior.id, prior.outputs, checked);
    if (diff.changes === "none") return { state: prior, diff, replaced: false };
    if (diff.replaces.length === 0) {
      const outputs = await this.host.update(TYPE[kind], prior.id, prior.outputs, checked);
      return { state: { id: prior.id, inputs: checked, outputs }, diff, replaced: false };
    }
    if (diff.deleteBeforeReplace) await this.delete(kind, prior);
    const made = await this.host.create(TYPE[kind], checked);
    if (!diff.deleteBeforeReplace) await this.delete(kind, prior);
    return { state: { id: made.id, inputs: checked, outputs: made.properties }, diff, replaced: true };
  }

  /** A refresh: reads the live object with the prior outputs; an empty id means it is gone. */
  async refresh(kind: ProviderKind, prior: State): Promise<State | undefined> {
    const read = await this.host.read(TYPE[kind], prior.id, prior.outputs);
    if (!read.id) return undefined;
    return { id: read.id, inputs: read.inputs ?? prior.inputs, outputs: read.properties };
  }

  /**
   * A read of an existing object by id (a class's static `get`): the engine sends the
   * resource's properties, which hold nothing but the provider. (Pulumi's import step sends
   * nothing at all, which no dynamic provider can serve; see test/cli/adoption.test.ts.)
   */
  async get(kind: ProviderKind, id: string) {
    return this.host.read(TYPE[kind], id, {}, { __provider: this.texts[kind] });
  }

  async delete(kind: ProviderKind, prior: State): Promise<void> {
    await this.host.delete(TYPE[kind], prior.id, prior.outputs);
  }

  private async checked(kind: ProviderKind, args: Obj, olds: Obj): Promise<Obj> {
    const { inputs, failures } = await this.host.check(TYPE[kind], olds, this.inputs(kind, args));
    if (failures.length) throw new HostError(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return inputs;
  }
}
