// Which addresses the data plane may touch. Only loopback: the engine models a cloud network
// (N1) but runs on one machine, so listeners bind VIPs in 127.0.0.0/8 (D1) and traffic and
// health checks go only to loopback members — never to a private address that happens to be
// routable from the host.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True for a dotted IPv4 address in 127.0.0.0/8. */
export function isLoopbackV4(address: string | null | undefined): address is string {
  if (!address) return false;
  const m = IPV4.exec(address);
  if (!m) return false;
  const octets = m.slice(1).map(Number);
  return octets[0] === 127 && octets.every((o) => o <= 255);
}

/** True for 127.0.0.0/8 and ::1 (and its IPv4-mapped forms). */
export function isLoopback(address: string | null | undefined): boolean {
  if (!address) return false;
  if (address === "::1" || address === "0:0:0:0:0:0:0:1") return true;
  return isLoopbackV4(clientAddress(address));
}

/** The client address as a plain string: IPv4-mapped IPv6 (`::ffff:127.0.0.2`) becomes IPv4. */
export function clientAddress(remote: string | undefined): string {
  if (!remote) return "";
  return remote.startsWith("::ffff:") && remote.includes(".") ? remote.slice(7) : remote;
}
