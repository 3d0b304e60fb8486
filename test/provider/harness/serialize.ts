// The provider texts exactly as the SDK makes them: `dynamic.Resource` calls
// `serializeFunction(() => provider, { allowSecrets: true })` on the provider object, which here
// is the built package's, loaded by Node as a user's program would load it.
import type { ProviderKind } from "../../../provider/resources/providers";
import { requireFromRoot } from "./paths";

export type { ProviderKind };

type Serialize = (f: () => unknown, args: { allowSecrets: boolean }) => Promise<{ text: string; containsSecrets: boolean }>;

let cached: Promise<Record<ProviderKind, string>> | undefined;

export function providerTexts(): Promise<Record<ProviderKind, string>> {
  cached ??= (async () => {
    const { providers } = requireFromRoot("pulumi-elb/dist/provider/resources/providers") as { providers: Record<ProviderKind, object> };
    const { serializeFunction } = requireFromRoot("@pulumi/pulumi/runtime/closure/serializeClosure") as { serializeFunction: Serialize };
    const out = {} as Record<ProviderKind, string>;
    for (const [kind, provider] of Object.entries(providers) as [ProviderKind, object][]) {
      out[kind] = (await serializeFunction(() => provider, { allowSecrets: true })).text;
    }
    return out;
  })();
  return cached;
}
