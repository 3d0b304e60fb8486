// S1-S7: listeners.
import { describe, expect, it } from "vitest";
import { parallel, type Api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import {
  conflict,
  createLb,
  createListener,
  createMember,
  createMonitor,
  createPool,
  invalid,
  MISSING_ID,
  notFound,
  ok,
  quota,
  tlsFields,
  createCertificate,
} from "../helpers/factories";

const t = useEngine();
const post = (c: Api, fields: Json) => c.post("listeners", { listener: fields });

describe("S listeners", () => {
  it("S1: loadbalancer_id must exist (404); protocol is one of TCP, UDP, HTTP, HTTPS, QUIC, TLS (400); TERMINATED_HTTPS is stored as HTTPS", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    notFound(await post(c, { loadbalancer_id: MISSING_ID, protocol: "TCP", protocol_port: 80 }), "loadbalancer", MISSING_ID);
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "SCTP", protocol_port: 80 }), "protocol", "SCTP");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "tcp", protocol_port: 80 }), "protocol", "tcp");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "IP", protocol_port: 80 }), "protocol", "IP");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol_port: 80 }), "protocol", "required");
    invalid(await post(c, { protocol: "TCP", protocol_port: 80 }), "loadbalancer_id", "required");
    const protocols: [string, Json][] = [["TCP", {}], ["UDP", {}], ["HTTP", {}], ["HTTPS", cert], ["QUIC", cert], ["TLS", cert]];
    let port = 100;
    for (const [protocol, extra] of protocols) {
      expect((await createListener(c, lb.id, { protocol, protocol_port: port++, ...extra })).protocol).toBe(protocol);
    }
    const terminated = await createListener(c, lb.id, { protocol: "TERMINATED_HTTPS", protocol_port: port++, ...cert });
    expect(terminated.protocol).toBe("HTTPS");
    expect(ok(await c.get(`listeners/${terminated.id}`), 200, "listener").protocol).toBe("HTTPS");
  });

  it("S1: protocol_port 1-65535 → 400 outside", async () => {
    const c = t.project();
    const lb = await createLb(c);
    for (const port of [0, 65536, -1]) invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: port }), "protocol_port", port, "1-65535");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP" }), "protocol_port", "required");
    await createListener(c, lb.id, { protocol_port: 1 });
    await createListener(c, lb.id, { protocol_port: 65535 });
  });

  it("S2: TCP:80 and UDP:80 coexist; TCP:80 then HTTP:80 → 409 ELB.8907", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const tcp = await createListener(c, lb.id, { protocol: "TCP", protocol_port: 80 });
    await createListener(c, lb.id, { protocol: "UDP", protocol_port: 80 });
    conflict(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 80 }), "80", tcp.id);
    conflict(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80 }), "80");
  });

  it("S2: {TCP, HTTP, HTTPS, TLS} share one port space, {UDP, QUIC} another; other load balancers and freed ports are independent", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    const stream: [string, Json][] = [["TCP", {}], ["HTTP", {}], ["HTTPS", cert], ["TLS", cert], ["TERMINATED_HTTPS", cert]];
    for (const [first, firstExtra] of stream) {
      const port = 2000 + stream.findIndex(([p]) => p === first);
      const l = await createListener(c, lb.id, { protocol: first, protocol_port: port, ...firstExtra });
      for (const [second, secondExtra] of stream) conflict(await post(c, { loadbalancer_id: lb.id, protocol: second, protocol_port: port, ...secondExtra }), String(port));
      // The datagram space is free on the same port.
      await createListener(c, lb.id, { protocol: "UDP", protocol_port: port });
      expect(l.protocol_port).toBe(port);
    }
    const udp = await createListener(c, lb.id, { protocol: "UDP", protocol_port: 443 });
    conflict(await post(c, { loadbalancer_id: lb.id, protocol: "QUIC", protocol_port: 443, ...cert }), "443");
    await createListener(c, lb.id, { protocol: "HTTPS", protocol_port: 443, ...cert });
    const quic = await createListener(c, lb.id, { protocol: "QUIC", protocol_port: 444, ...cert });
    conflict(await post(c, { loadbalancer_id: lb.id, protocol: "UDP", protocol_port: 444 }), "444");
    // Another load balancer has its own ports.
    const other = await createLb(c);
    await createListener(c, other.id, { protocol: "UDP", protocol_port: 443 });
    // A deleted listener frees its port.
    expect((await c.del(`listeners/${udp.id}`)).status).toBe(204);
    expect((await c.del(`listeners/${quic.id}`)).status).toBe(204);
    await createListener(c, lb.id, { protocol: "QUIC", protocol_port: 443, ...cert });
    await createListener(c, lb.id, { protocol: "UDP", protocol_port: 444 });
  });

  it("S3: HTTPS, TLS and QUIC listeners require default_tls_container_ref (a server certificate of the project) → 400", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const first = await createCertificate(c);
    const second = await createCertificate(c);
    let port = 3000;
    for (const protocol of ["HTTPS", "TERMINATED_HTTPS", "TLS", "QUIC"]) {
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: port }), "default_tls_container_ref", "required", protocol === "TERMINATED_HTTPS" ? "HTTPS" : protocol);
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: port, default_tls_container_ref: "" }), "default_tls_container_ref");
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: port, default_tls_container_ref: null }), "default_tls_container_ref");
      const l = await createListener(c, lb.id, { protocol, protocol_port: port++, default_tls_container_ref: first.id });
      expect(l.default_tls_container_ref).toBe(first.id);
      // Nor may an update take the certificate away.
      invalid(await c.put(`listeners/${l.id}`, { listener: { default_tls_container_ref: null } }), "default_tls_container_ref");
      ok(await c.put(`listeners/${l.id}`, { listener: { default_tls_container_ref: second.id } }), 200, "listener");
    }
    // Plain protocols do not need one.
    await createListener(c, lb.id, { protocol: "HTTP", protocol_port: port++ });
  });

  it("S4: default_pool_id must name a pool of the same load balancer (400), that exists (404), with a compatible protocol (400)", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const otherLb = await createLb(c);
    const foreign = await createPool(c, { loadbalancer_id: otherLb.id });
    const tcpPool = await createPool(c, { loadbalancer_id: lb.id });
    const httpPool = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80, default_pool_id: foreign.id }), "default_pool_id", foreign.id, otherLb.id);
    notFound(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80, default_pool_id: MISSING_ID }), MISSING_ID);
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80, default_pool_id: httpPool.id }), "default_pool_id", httpPool.id, "HTTP");
    const l = await createListener(c, lb.id, { protocol: "TCP", protocol_port: 80, default_pool_id: tcpPool.id });
    expect(l.default_pool_id).toBe(tcpPool.id);
    expect(ok(await c.get(`pools/${tcpPool.id}`), 200, "pool").listeners).toEqual([{ id: l.id }]);
    const l2 = await createListener(c, lb.id, { protocol: "TCP", protocol_port: 81 });
    invalid(await c.put(`listeners/${l2.id}`, { listener: { default_pool_id: foreign.id } }), "default_pool_id", foreign.id);
    invalid(await c.put(`listeners/${l2.id}`, { listener: { default_pool_id: httpPool.id } }), "default_pool_id", httpPool.id);
    notFound(await c.put(`listeners/${l2.id}`, { listener: { default_pool_id: MISSING_ID } }), MISSING_ID);
    invalid(await c.put(`listeners/${l2.id}`, { listener: { default_pool_id: "not-a-uuid" } }), "default_pool_id", "not-a-uuid");
    expect(ok(await c.get(`listeners/${l2.id}`), 200, "listener").default_pool_id).toBeNull();
  });

  it("S4: a PUT with default_pool_id: null detaches the pool; leaving the field out keeps it", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const l = await createListener(c, lb.id);
    const pool = await createPool(c, { listener_id: l.id });
    expect(ok(await c.put(`listeners/${l.id}`, { listener: { name: "keep" } }), 200, "listener").default_pool_id).toBe(pool.id);
    const detached = ok(await c.put(`listeners/${l.id}`, { listener: { default_pool_id: null } }), 200, "listener");
    expect(detached.default_pool_id).toBeNull();
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").listeners).toEqual([]);
    expect(ok(await c.put(`listeners/${l.id}`, { listener: { default_pool_id: pool.id } }), 200, "listener").default_pool_id).toBe(pool.id);
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").listeners).toEqual([{ id: l.id }]);
  });

  it("S4: a GRPC pool needs the HTTPS listener's http2_enable; turning HTTP/2 off under it → 400", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    const grpc = await createPool(c, { loadbalancer_id: lb.id, protocol: "GRPC" });
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTPS", protocol_port: 443, ...cert, default_pool_id: grpc.id }), "default_pool_id", "http2_enable");
    const l = await createListener(c, lb.id, { protocol: "HTTPS", protocol_port: 443, ...cert, http2_enable: true, default_pool_id: grpc.id });
    invalid(await c.put(`listeners/${l.id}`, { listener: { http2_enable: false } }), "default_pool_id", "http2_enable");
    ok(await c.put(`listeners/${l.id}`, { listener: { http2_enable: false, default_pool_id: null } }), 200, "listener");
  });

  it("S5: DELETE of a listener with a default pool → 409; after detaching it → 204", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const l = await createListener(c, lb.id);
    const pool = await createPool(c, { listener_id: l.id });
    conflict(await c.del(`listeners/${l.id}`), pool.id);
    ok(await c.put(`listeners/${l.id}`, { listener: { default_pool_id: null } }), 200, "listener");
    expect((await c.del(`listeners/${l.id}`)).status).toBe(204);
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").listeners).toEqual([]);
  });

  it("S5: DELETE .../force removes the listener with its default pool, members and health monitor; refused under P7", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const l = await createListener(c, lb.id, { protocol: "HTTP", protocol_port: 80 });
    const pool = await createPool(c, { listener_id: l.id, protocol: "HTTP" });
    const member = await createMember(c, pool.id);
    const hm = await createMonitor(c, pool.id, { type: "HTTP" });
    ok(await c.put(`pools/${pool.id}`, { pool: { member_deletion_protection_enable: true } }), 200, "pool");
    conflict(await c.del(`listeners/${l.id}/force`), "member_deletion_protection_enable");
    ok(await c.get(`listeners/${l.id}`), 200, "listener");
    ok(await c.put(`pools/${pool.id}`, { pool: { member_deletion_protection_enable: false } }), 200, "pool");
    expect((await c.del(`listeners/${l.id}/force`)).status).toBe(204);
    for (const path of [`listeners/${l.id}`, `pools/${pool.id}`, `pools/${pool.id}/members/${member.id}`, `healthmonitors/${hm.id}`]) notFound(await c.get(path));
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer")).toMatchObject({ listeners: [], pools: [] });
    // The port is free again.
    await createListener(c, lb.id, { protocol: "HTTP", protocol_port: 80 });
    // Force on a listener without a pool is a plain delete.
    const bare = await createListener(c, lb.id);
    expect((await c.del(`listeners/${bare.id}/force`)).status).toBe(204);
  });

  it("S5: force keeps a default pool that another listener of the load balancer still uses", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    const a = await createListener(c, lb.id, { default_pool_id: pool.id });
    const b = await createListener(c, lb.id, { default_pool_id: pool.id });
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").listeners.map((x: Json) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await c.del(`listeners/${a.id}/force`)).status).toBe(204);
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").listeners).toEqual([{ id: b.id }]);
    expect(ok(await c.get(`listeners/${b.id}`), 200, "listener").default_pool_id).toBe(pool.id);
  });

  it("S6: 50 listeners per load balancer, the 51st → 409 ELB.8905; another load balancer is unaffected", async () => {
    const c = t.project();
    const lb = await createLb(c);
    await parallel(50, (i) => createListener(c, lb.id, { protocol_port: 5000 + i }));
    quota(await post(c, { loadbalancer_id: lb.id, protocol: "UDP", protocol_port: 5000 }), "listeners_per_loadbalancer", "50");
    const other = await createLb(c);
    await createListener(c, other.id, { protocol_port: 5000 });
    const [first] = ok(await c.get("listeners", { loadbalancer_id: lb.id, limit: 1 }), 200, "listeners");
    expect((await c.del(`listeners/${first.id}`)).status).toBe(204);
    await createListener(c, lb.id, { protocol_port: 6000 });
  });

  it("S7: layer-7 fields on a TCP/UDP/TLS listener → 400 naming the field; on HTTP/HTTPS/QUIC they are stored", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    const l7Fields: [string, unknown][] = [
      ["client_timeout", 30],
      ["member_timeout", 30],
      ["insert_headers", { "X-Forwarded-ELB-IP": true }],
      ["enable_member_retry", false],
      ["http2_enable", true],
    ];
    for (const protocol of ["TCP", "UDP", "TLS"]) {
      const extra = protocol === "TLS" ? cert : {};
      for (const [field, value] of l7Fields) {
        invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: 7000, ...extra, [field]: value }), field, protocol);
      }
      const l = await createListener(c, lb.id, { protocol, protocol_port: 7000 + ["TCP", "UDP", "TLS"].indexOf(protocol) * 10, ...extra });
      expect([l.client_timeout, l.member_timeout, l.insert_headers, l.enable_member_retry]).toEqual([null, null, null, null]);
      for (const [field, value] of l7Fields) invalid(await c.put(`listeners/${l.id}`, { listener: { [field]: value } }), field, protocol);
    }
    let port = 7100;
    for (const protocol of ["HTTP", "HTTPS", "QUIC"]) {
      const extra = protocol === "HTTP" ? {} : cert;
      const l = await createListener(c, lb.id, {
        protocol,
        protocol_port: port++,
        ...extra,
        client_timeout: 30,
        member_timeout: 31,
        insert_headers: { "X-Forwarded-ELB-IP": true },
        enable_member_retry: false,
        ...(protocol === "HTTP" ? {} : { http2_enable: true }),
      });
      expect(l).toMatchObject({ client_timeout: 30, member_timeout: 31, enable_member_retry: false });
      expect(l.insert_headers["X-Forwarded-ELB-IP"]).toBe(true);
      expect(l.insert_headers["X-Real-IP"]).toBe(false);
    }
    // http2_enable "takes effect only for HTTPS" (Huawei): an HTTP listener accepts and stores it.
    expect((await createListener(c, lb.id, { protocol: "HTTP", protocol_port: port++, http2_enable: true })).http2_enable).toBe(true);
    // Layer-7 defaults are filled for layer-7 listeners only.
    const http = await createListener(c, lb.id, { protocol: "HTTP", protocol_port: port++ });
    expect(http).toMatchObject({ client_timeout: 60, member_timeout: 60, enable_member_retry: true, keepalive_timeout: 60 });
    invalid(await c.put(`listeners/${http.id}`, { listener: { client_timeout: 301 } }), "client_timeout", "301");
    invalid(await c.put(`listeners/${http.id}`, { listener: { insert_headers: { "X-Unknown": true } } }), "insert_headers.X-Unknown");
  });

  it("S7: keepalive_timeout is 10-4000 on TCP/UDP and 0-4000 on HTTP/HTTPS → 400 outside", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    let port = 8000;
    for (const protocol of ["TCP", "UDP"]) {
      for (const v of [0, 9, 4001]) invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: port, keepalive_timeout: v }), "keepalive_timeout", v);
      const low = await createListener(c, lb.id, { protocol, protocol_port: port++, keepalive_timeout: 10 });
      expect(low.keepalive_timeout).toBe(10);
      expect((await createListener(c, lb.id, { protocol, protocol_port: port++, keepalive_timeout: 4000 })).keepalive_timeout).toBe(4000);
      expect((await createListener(c, lb.id, { protocol, protocol_port: port++ })).keepalive_timeout).toBe(300);
      invalid(await c.put(`listeners/${low.id}`, { listener: { keepalive_timeout: 5 } }), "keepalive_timeout", "5", "10-4000");
    }
    for (const protocol of ["HTTP", "HTTPS"]) {
      const extra = protocol === "HTTPS" ? cert : {};
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: port, ...extra, keepalive_timeout: 4001 }), "keepalive_timeout", 4001);
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, protocol_port: port, ...extra, keepalive_timeout: -1 }), "keepalive_timeout");
      const zero = await createListener(c, lb.id, { protocol, protocol_port: port++, ...extra, keepalive_timeout: 0 });
      expect(zero.keepalive_timeout).toBe(0);
      ok(await c.put(`listeners/${zero.id}`, { listener: { keepalive_timeout: 4000 } }), 200, "listener");
    }
  });
  it("S8: proxy_protocol_enable on TCP/TLS, gzip_enable on HTTP/HTTPS/QUIC, transparent_client_ip_enable true but on TLS, connection 0-1000000 → 400 otherwise; stored and echoed, connection_limit answered as -1", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const cert = await tlsFields(c);
    const base = (protocol: string, port: number) => ({ loadbalancer_id: lb.id, protocol, protocol_port: port, ...(["HTTPS", "TLS", "QUIC"].includes(protocol) ? cert : {}) });
    // Defaults: what Huawei's dedicated listeners answer.
    const tcp = await createListener(c, lb.id, { protocol: "TCP", protocol_port: 9100 });
    expect(tcp).toMatchObject({ proxy_protocol_enable: false, transparent_client_ip_enable: true, gzip_enable: false, connection: 0, connection_limit: -1 });
    const tls = await createListener(c, lb.id, { ...base("TLS", 9101) });
    expect(tls.transparent_client_ip_enable).toBe(false);

    invalid(await post(c, { ...base("HTTP", 9102), proxy_protocol_enable: true }), "proxy_protocol_enable", "HTTP", "only on TCP and TLS listeners");
    invalid(await post(c, { ...base("UDP", 9103), proxy_protocol_enable: true }), "proxy_protocol_enable", "UDP");
    invalid(await post(c, { ...base("TCP", 9104), gzip_enable: true }), "gzip_enable", "TCP", "only on HTTP, HTTPS, QUIC listeners");
    invalid(await post(c, { ...base("TCP", 9105), transparent_client_ip_enable: false }), "transparent_client_ip_enable", "false", "only true");
    invalid(await post(c, { ...base("TLS", 9106), transparent_client_ip_enable: true }), "transparent_client_ip_enable", "TLS", "proxy_protocol_enable");
    for (const v of [-1, 1_000_001]) invalid(await post(c, { ...base("TCP", 9107), connection: v }), "connection", String(v));
    invalid(await post(c, { ...base("TCP", 9107), proxy_protocol_enable: "yes" }), "proxy_protocol_enable", '"yes"', "true or false");

    const pp = await createListener(c, lb.id, { ...base("TCP", 9108), proxy_protocol_enable: true, connection: 500 });
    expect([pp.proxy_protocol_enable, pp.connection, pp.connection_limit]).toEqual([true, 500, -1]);
    const web = await createListener(c, lb.id, { ...base("HTTP", 9109), gzip_enable: true });
    expect(web.gzip_enable).toBe(true);
    // Updates go through the same rules, and are echoed.
    invalid(await c.put(`listeners/${web.id}`, { listener: { proxy_protocol_enable: true } }), "proxy_protocol_enable", "HTTP");
    invalid(await c.put(`listeners/${tcp.id}`, { listener: { gzip_enable: true } }), "gzip_enable", "TCP");
    const updated = ok(await c.put(`listeners/${tcp.id}`, { listener: { proxy_protocol_enable: true, connection: 10 } }), 200, "listener");
    expect([updated.proxy_protocol_enable, updated.connection]).toEqual([true, 10]);
    expect(ok(await c.get(`listeners/${tcp.id}`), 200, "listener")).toMatchObject({ proxy_protocol_enable: true, connection: 10, connection_limit: -1 });
  });

  it("D7: insert_headers takes Huawei's whole object (switches, TLS and client-certificate headers with aliases, X-Forwarded-For-Processing-Mode) → 400 for anything else", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const l = await createListener(c, lb.id, { protocol: "HTTPS", protocol_port: 9200, ...(await tlsFields(c)) });
    expect(l.insert_headers).toMatchObject({
      "X-Forwarded-ELB-ID": false,
      "X-Forwarded-TLS-Certificate-ID": false,
      "X-Forwarded-TLS-Protocol-alias": null,
      "X-Forwarded-For-Processing-Mode": "append",
      "X-Forwarded-Clientcert-subjectdn-enable": false,
      "X-Forwarded-Tls-Sni-alias": null,
    });
    const headers = { "X-Forwarded-TLS-Protocol": true, "X-Forwarded-TLS-Protocol-alias": "tls-version", "X-Forwarded-Clientcert-fingerprint-enable": true, "X-Forwarded-For-Processing-Mode": "preserve" };
    const updated = ok(await c.put(`listeners/${l.id}`, { listener: { insert_headers: headers } }), 200, "listener");
    expect(updated.insert_headers).toMatchObject({ ...headers, "X-Real-IP": false });
    invalid(await c.put(`listeners/${l.id}`, { listener: { insert_headers: { "X-Forwarded-For-Processing-Mode": "drop" } } }), "insert_headers.X-Forwarded-For-Processing-Mode", '"drop"', "append, remove, preserve");
    invalid(await c.put(`listeners/${l.id}`, { listener: { insert_headers: { "X-Forwarded-TLS-Cipher-alias": "Bad Name" } } }), "insert_headers.X-Forwarded-TLS-Cipher-alias", '"Bad Name"');
  });
});
