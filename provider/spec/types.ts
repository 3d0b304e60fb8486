// TypeScript types derived from the spec tables, so code that reads stored objects or builds
// requests is checked against the same tables the engine validates with.
import type { certificateSpec } from "./certificate";
import type { ipGroupSpec } from "./ipgroup";
import type { securityPolicySpec } from "./security-policy";
import type { healthMonitorSpec } from "./healthmonitor";
import type { InputFields, Kind, Simplify, StoredFields } from "./kinds";
import type { listenerSpec } from "./listener";
import type { loadBalancerSpec } from "./loadbalancer";
import type { memberSpec } from "./member";
import type { poolSpec } from "./pool";
import type { ResourceKind, ResourceSpec } from "./resource";

type StoredOutputs<O> = {
  -readonly [K in keyof O as string extends K ? never : O[K] extends { stored: true } ? K : never]: O[K] extends { kind: Kind<infer T, infer _In> } ? T : never;
};

/** An object as the engine stores it: every field with its default filled in, plus what the server sets. */
export type Stored<S extends ResourceSpec> = Simplify<StoredFields<S["fields"]> & StoredOutputs<S["outputs"]>>;

/** The body of a create request (API names): required fields, the rest optional. */
export type Inputs<S extends ResourceSpec> = InputFields<S["fields"]>;

/** `vip_subnet_cidr_id` → `vipSubnetCidrId`, as `camel` spells it at run time. */
export type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

type CamelKeys<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T as K extends string ? Camel<K> : K]: CamelKeys<T[K]> } : T;

/** What a Pulumi program gives a resource: the create body under Pulumi (camelCase) names. */
export type ProgramInputs<S extends ResourceSpec> = CamelKeys<Inputs<S>>;

export type StoredLoadBalancer = Stored<typeof loadBalancerSpec>;
export type StoredListener = Stored<typeof listenerSpec>;
export type StoredPool = Stored<typeof poolSpec>;
export type StoredMember = Stored<typeof memberSpec>;
export type StoredHealthMonitor = Stored<typeof healthMonitorSpec>;
export type StoredCertificate = Stored<typeof certificateSpec>;
export type StoredIpGroup = Stored<typeof ipGroupSpec>;
export type StoredSecurityPolicy = Stored<typeof securityPolicySpec>;

/** A project's certificate settings (C5), kept as one stored object per project. */
export type StoredCertificateSettings = {
  /** `<project_id>:certificate-settings`. */
  id: string;
  project_id: string;
  private_key_echo: boolean;
};

/** The stored object of each resource kind. */
export interface StoredObjects {
  loadbalancer: StoredLoadBalancer;
  listener: StoredListener;
  pool: StoredPool;
  member: StoredMember;
  healthmonitor: StoredHealthMonitor;
  certificate: StoredCertificate;
  security_policy: StoredSecurityPolicy;
  ipgroup: StoredIpGroup;
  settings: StoredCertificateSettings;
}

export type StoredOf<K extends keyof StoredObjects> = StoredObjects[K];
