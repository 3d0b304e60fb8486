// I5: a listener's IP group filter. With `ipgroup.enable_ipgroup`, a `white` group admits only
// clients whose source address is in one of the groups, a `black` group refuses exactly those;
// a refused connection is reset before anything is read from it (before TLS, on HTTPS).
import * as net from "node:net";
import { ipGroupIdsOf } from "../../spec/ipgroup";
import { clientAddress } from "./addresses";
import type { IpGroupConfig, ListenerConfig } from "./types";

/** Finds a stored IP group by id. */
export type IpGroupLookup = (id: string) => IpGroupConfig | undefined;

/** Each group's addresses as a BlockList, made once per stored version of the group. */
const lists = new WeakMap<IpGroupConfig, net.BlockList>();

function blockList(group: IpGroupConfig): net.BlockList {
  let list = lists.get(group);
  if (list) return list;
  list = new net.BlockList();
  for (const { ip } of group.ip_list) {
    const [address, prefix] = ip.split("/");
    const family = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  lists.set(group, list);
  return list;
}

/** Whether the listener lets a client connecting from `remote` in. */
export function admits(listener: ListenerConfig, groups: IpGroupLookup, remote: string | undefined): boolean {
  const setting = listener.ipgroup;
  if (!setting || setting.enable_ipgroup === false) return true;
  const address = clientAddress(remote);
  const family = net.isIPv6(address) ? "ipv6" : "ipv4";
  const listed = ipGroupIdsOf(setting).some((id) => {
    const group = groups(id);
    return group !== undefined && blockList(group).check(address, family);
  });
  return setting.type === "black" ? !listed : listed;
}
