// The ELB resources.
export * from "./loadbalancer";
export * from "./listener";
export * from "./pool";
export * from "./member";
export * from "./memberset";
export * from "./healthmonitor";
export * from "./certificate";
export * from "./security_policy";
export * from "./ipgroup";
export type { Ref } from "./slots";
