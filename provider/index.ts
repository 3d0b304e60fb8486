// pulumi-elb: Pulumi resources for dedicated Elastic Load Balancers (Huawei Cloud ELB v3 API).
// The reference engine that serves the same API locally is a separate entry, `pulumi-elb/engine`,
// so a program that only declares resources never loads it.
export * from "./resources";
export * from "./functions";
export { DEFAULT_ENDPOINT, DEFAULT_PROJECT_ID } from "./defaults";
