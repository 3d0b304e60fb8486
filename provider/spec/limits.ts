// Engine limits: quotas (L7, S6, P9, M3, M6, C7, I2, I3), the batch size (M8) and the body size (G2).
export const LIMITS = {
  loadbalancersPerProject: 50,
  listenersPerLoadBalancer: 50,
  poolsPerProject: 500,
  membersPerPool: 500,
  ipMembersPerLoadBalancer: 492,
  certificatesPerProject: 120,
  ipGroupsPerProject: 50,
  listenersPerIpGroup: 50,
  batchItems: 200,
  bodyBytes: 1024 * 1024,
} as const;
