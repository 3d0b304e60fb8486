// What the Pulumi engine sends in place of a value not known until apply, taken from the SDK
// itself so the tests prove the provider's own copy of the sentinel matches it.
import { requireFromRoot } from "./paths";

export const UNKNOWN = (requireFromRoot("@pulumi/pulumi/runtime/rpc") as { unknownValue: string }).unknownValue;
