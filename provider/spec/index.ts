// The declarative description of every ELB resource, shared by the engine and the provider.
export * from "./kinds";
export * from "./keys";
export * from "./resource";
export * from "./protocols";
export * from "./rules";
export * from "./errors";
export * from "./limits";
export * from "./rule-ids";
export * from "./tag-action";
export type * from "./types";
export { loadBalancerSpec } from "./loadbalancer";
export { listenerSpec, INSERT_HEADERS } from "./listener";
export { poolSpec, LB_ALGORITHMS, PERSISTENCE_TYPES } from "./pool";
export { memberSpec } from "./member";
export { healthMonitorSpec } from "./healthmonitor";
export { certificateSpec, CERTIFICATE_TYPES } from "./certificate";
export { ipGroupSpec, IPGROUP_MAX_ENTRIES, isAddressOrCidr, ipEntryKey, ipGroupIdsOf } from "./ipgroup";
export { securityPolicySpec, SYSTEM_SECURITY_POLICIES, SYSTEM_POLICY_NAMES, TLS_PROTOCOLS, CIPHERS, DEFAULT_TLS_POLICY } from "./security-policy";

import { certificateSpec } from "./certificate";
import { ipGroupSpec } from "./ipgroup";
import { securityPolicySpec } from "./security-policy";
import { healthMonitorSpec } from "./healthmonitor";
import { listenerSpec } from "./listener";
import { loadBalancerSpec } from "./loadbalancer";
import { memberSpec } from "./member";
import { poolSpec } from "./pool";
import type { ResourceKind, ResourceSpec } from "./resource";

export const specs: Record<ResourceKind, ResourceSpec> = {
  loadbalancer: loadBalancerSpec,
  listener: listenerSpec,
  pool: poolSpec,
  member: memberSpec,
  healthmonitor: healthMonitorSpec,
  certificate: certificateSpec,
  security_policy: securityPolicySpec,
  ipgroup: ipGroupSpec,
};
