// pulumi-elb: Pulumi resources for dedicated Elastic Load Balancers (Huawei Cloud ELB v3 API),
// and the reference engine that serves the same API locally.
export * from "./resources";
export { startEngine } from "./engine";
export { DEFAULT_ENDPOINT, DEFAULT_PROJECT_ID } from "./defaults";
