// The IP address group (`{"ipgroup": {...}}`): addresses and CIDR blocks a listener admits
// (`type: white`) or refuses (`type: black`) by the client's source address (rules I1-I6).
import { isIPv4, isIPv6, list, object, refs, str, timestamp, uuid, type Kind } from "./kinds";
import { z } from "zod";
import { defineSpec } from "./resource";

/** An IPv4 or IPv6 address, or a CIDR block of either (`10.0.0.0/8`, `2001:db8::/32`). */
export function isAddressOrCidr(s: string): boolean {
  const [address, prefix, ...rest] = s.split("/");
  if (rest.length > 0) return false;
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

/**
 * I1: the entry of a group an address or block stands for. Huawei counts every spelling of one
 * address as one entry: `0.0.0.0` is `0.0.0.0/32`, and `0:0:0:0:0:0:0:1`, `::1` and `::1/128`
 * are one ("Updating IP Addresses in an IP Address Group"). Anything else is its own entry.
 */
export function ipEntryKey(ip: string): string {
  if (!isAddressOrCidr(ip)) return ip;
  const [address, prefix] = ip.split("/");
  const v4 = isIPv4(address);
  // Node's socket address prints an IPv6 address in its one canonical form (RFC 5952); as in
  // kinds.isIPv6, node:net is required where it is used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SocketAddress } = require("node:net") as typeof import("node:net");
  const canonical = v4 ? address : new SocketAddress({ address, family: "ipv6" }).address;
  const bits = prefix === undefined ? undefined : Number(prefix);
  return bits === undefined || bits === (v4 ? 32 : 128) ? canonical : `${canonical}/${bits}`;
}

const addressOrCidr = (): Kind<string> => ({
  type: "string",
  schema: z.string().max(64).refine(isAddressOrCidr),
  allowed: "an IPv4 or IPv6 address, or a CIDR block (10.0.0.0/8)",
  problem: "is not a valid address or CIDR block",
});

/** I3: the IP group ids a listener's `ipgroup` names (`ipgroup_id` may list several, comma-separated). */
export function ipGroupIdsOf(ipgroup: unknown): string[] {
  if (!ipgroup || typeof ipgroup !== "object") return [];
  const ids = (ipgroup as { ipgroup_id?: unknown }).ipgroup_id;
  return typeof ids === "string" ? ids.split(",").map((s) => s.trim()).filter((s) => s.length > 0) : [];
}

/** I1: at most this many entries in one group (Huawei's default quota). */
export const IPGROUP_MAX_ENTRIES = 300;

/** An entry's address or block: the same row in a group's `ip_list` and in an IP-list removal (I6). */
const entryIp = { kind: addressOrCidr(), create: true, update: true, required: true, change: "update", doc: "An address or CIDR block." } as const;

/**
 * I6: the `ip_list` of `iplist/batch-delete` (Huawei's BatchDeleteIpListOption): the entries to
 * remove, each named by its address or block only.
 */
export const ipListRemoval = list(object({ ip: entryIp }), { max: IPGROUP_MAX_ENTRIES });

export const ipGroupSpec = defineSpec({
  kind: "ipgroup",
  plural: "ipgroups",
  className: "IpGroup",
  noun: "IP group",
  fields: {
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description." },
    ip_list: {
      kind: list(
        object({
          ip: entryIp,
          description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "What the entry is." },
        }),
        { max: IPGROUP_MAX_ENTRIES },
      ),
      create: true,
      update: true,
      required: true,
      change: "update",
      doc: "The addresses and CIDR blocks of the group, each at most once; an update replaces the whole list.",
    },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "IP group id: what a listener names in `ipgroup.ipgroupId`." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    listeners: { kind: refs(), doc: "The listeners that use the group." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [],
});
