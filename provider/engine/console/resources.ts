// The collections an API call can be about, in the API's path words: what the console's API log
// files each call under, and the choices its filter offers (the engine and the page share this list).
export const RESOURCES = [
  "loadbalancers",
  "listeners",
  "pools",
  "members",
  "healthmonitors",
  "certificates",
  "security-policies",
  "system-security-policies",
  "ipgroups",
  "flavors",
  "availability-zones",
  "vpcs",
  "subnets",
] as const;
export type ResourceName = (typeof RESOURCES)[number];
