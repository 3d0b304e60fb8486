// Runs a real Pulumi program under `pulumi.runtime.setMocks`, handing every dynamic resource to
// its real provider exactly as the provider host would: the serialized `__provider` text is
// loaded with require-from-string (resolving `pulumi-elb` from the working directory), configured
// once with the stack config, then `check` and `create` run against a live engine.
import type * as pulumi from "@pulumi/pulumi";
import { requireFromRoot } from "./paths";
import { UNKNOWN } from "./values";

type Obj = Record<string, unknown>;
type Provider = Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "create">> & pulumi.dynamic.ResourceProvider;

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const UNKNOWN_FLAG = "__pulumiUnknown";

/** Plain values as the engine hands them to a provider: secrets unwrapped, unknowns as the sentinel. */
function engineValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(engineValue);
  if (v && typeof v === "object") {
    const o = v as Obj;
    if (o[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270") return engineValue(o.value);
    if (o[UNKNOWN_FLAG] === true) return UNKNOWN;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, engineValue(x)]));
  }
  return v;
}

export interface Registered {
  type: string;
  name: string;
  id: string;
  inputs: Obj;
  outputs: Obj;
}

export class RealProviderMocks implements pulumi.runtime.Mocks {
  /** Every dynamic resource created, in order. */
  readonly created: Registered[] = [];
  /** Each distinct provider text seen (what the SDK serialized). */
  readonly texts = new Set<string>();
  private readonly providers = new Map<string, Promise<Provider>>();

  constructor(private readonly config: Record<string, string>) {}

  private provider(text: string): Promise<Provider> {
    let p = this.providers.get(text);
    if (!p) {
      p = (async () => {
        const load = requireFromRoot("require-from-string") as (code: string) => { handler(): Provider };
        const provider = load(text).handler();
        const config = { get: (k: string) => this.config[k], require: (k: string) => this.config[k] };
        await provider.configure?.({ config } as unknown as pulumi.dynamic.ConfigureRequest);
        return provider;
      })();
      this.providers.set(text, p);
    }
    return p;
  }

  async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
    if (!args.type.startsWith("pulumi-nodejs:dynamic")) return { id: `${args.name}-id`, state: args.inputs };
    const inputs = engineValue(args.inputs) as Obj;
    const text = inputs.__provider as string;
    this.texts.add(text);
    const provider = await this.provider(text);
    const checked = await provider.check({}, inputs);
    if (checked.failures?.length) {
      throw new Error(`${args.type} ${args.name}: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const made = await provider.create(checked.inputs ?? inputs);
    const outputs = { ...(made.outs as Obj), __provider: text };
    this.created.push({ type: args.type, name: args.name, id: made.id, inputs, outputs });
    return { id: made.id, state: outputs };
  }

  call(_args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    return {};
  }
}

/** Resolves an Output's value (the mock runtime resolves every one once its resources exist). */
export const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply((v) => resolve(v)));

