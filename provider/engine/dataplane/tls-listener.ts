// TLS listener (D1, C8): TLS terminated as on an HTTPS listener — the stored certificate or the
// SNI certificate, the policy's versions and suites (T5; a TLS listener takes neither
// `sni_match_algo` nor a policy, T1, so `wildcard` and the default apply), client
// certificates verified against `client_ca_tls_container_ref` — then the decrypted byte stream
// forwarded as a TCP listener forwards it (balancing, PROXY protocol, `connection`, IP groups
// before the handshake, idle timeout, draining), to TCP pools as it is and to TLS pools
// re-encrypted (P2).
import type * as net from "node:net";
import * as tls from "node:tls";
import { TcpListener } from "./tcp-listener";
import { listenerTls, pickSni, tlsKey, type ListenerTls } from "./tls";
import type { ListenerConfig } from "./types";

export class TlsListener extends TcpListener {
  /** The certificates the server presents now (C8). */
  private tls: Extract<ListenerTls, { ok: true }> | undefined;

  override get config(): ListenerConfig {
    return this.current;
  }
  override set config(config: ListenerConfig) {
    super.config = config;
    // A new certificate (or a changed SNI list or policy) applies to the next handshake.
    if (this.server instanceof tls.Server && this.tls && tlsKey(config, this.deps) !== this.tls.key) {
      const next = listenerTls(config, this.deps);
      if (next.ok) {
        this.server.setSecureContext(next.defaults);
        this.tls = next;
      }
    }
  }

  protected override createServer(): net.Server {
    const made = listenerTls(this.current, this.deps);
    if (!made.ok) throw new Error(made.reason);
    this.tls = made;
    const verify = made.clientCa !== undefined;
    const server = tls.createServer(
      {
        ...made.defaults,
        allowHalfOpen: true,
        requestCert: verify,
        rejectUnauthorized: verify,
        SNICallback: (name, done) => done(null, this.tls ? pickSni(this.tls.sni, name, this.current.sni_match_algo) : undefined),
      },
      (socket) => this.forward(socket),
    );
    // I5: a client the IP group keeps out is reset before the handshake.
    server.on("connection", (socket: net.Socket) => this.admit(socket));
    server.on("tlsClientError", (_err, socket) => socket.destroy());
    return server;
  }
}
