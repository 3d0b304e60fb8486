#!/usr/bin/env node
// `npx elb-engine`: runs the reference ELB engine with durable state, ready for `pulumi up`.
import * as fs from "node:fs";
import { isIPv4 } from "node:net";
import { parseArgs } from "node:util";
import { loadCredentials, type Credentials } from "./auth";
import { startEngine } from "./engine";
import { parseFaultSpec, type FaultOptions } from "./faults";
import { DEFAULT_NETWORK, loadNetworkFile, type Network } from "./network";
import { DEFAULT_ENGINE_PORT, DEFAULT_PROJECT_ID } from "../defaults";

const USAGE = `Usage: elb-engine [options]

  --port <n>                 TCP port (default ${DEFAULT_ENGINE_PORT}; 0 picks a free one)
  --host <addr>              address to bind (default 127.0.0.1; others need --credentials)
  --data <dir>               durable state directory (default ./.elb-engine)
  --memory                   keep state in memory only
  --network <file>           replace the seeded network (JSON: vpcs, subnets, availability_zones)
  --provisioning-delay <ms>  keep load balancers PENDING_* this long after each write (G9 test mode)
  --credentials <file>       strict mode: verify AK/SK signatures and tokens (JSON: accessKeys, tokens)
  --no-data-plane            store configuration only; do not carry traffic on loopback
  --faults <spec>            inject faults for testing clients, deterministic from a seed, e.g.
                             seed=7,error=0.1,reset-before=0.02,reset-after=0.05,latency=20,jitter=30,pending=0.1,pending-ms=1500
  -h, --help                 show this help`;

function fail(message: string): never {
  process.stderr.write(`elb-engine: ${message}\n`);
  process.exit(2);
}

function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) fail(`--${name} must be an integer ${min}-${max}, got "${value}"`);
  return Number(value);
}

// Only a literal 127.x address counts: a host *name* such as 127.example.com may resolve anywhere.
const isLoopback = (host: string) => host === "localhost" || host === "::1" || (isIPv4(host) && host.startsWith("127."));

/**
 * Parses the credentials file. V8's JSON errors quote the text around the fault (`Unexpected
 * token ..."sk":"abc12...`), and in this file that text is a secret key or token, so the message
 * keeps only where the fault is.
 */
function parseCredentialsJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = /at position (\d+)/.exec((e as Error).message);
    let where = "";
    if (at) {
      const before = text.slice(0, Number(at[1])).split("\n");
      where = ` at line ${before.length} column ${before[before.length - 1]!.length + 1}`;
    }
    throw new Error(`not valid JSON${where} (the parser's message is not shown because it quotes the file's secrets)`);
  }
}

function describeNetwork(network: Network): string {
  const lines = ["Seeded network (use these ids in your stack):"];
  for (const vpc of network.vpcs) {
    lines.push(`  VPC ${vpc.name}  vpc_id=${vpc.id}`);
    for (const s of network.subnets.filter((x) => x.vpc_id === vpc.id)) {
      lines.push(`    subnet ${s.name}  ${s.cidr}  neutron_subnet_id=${s.neutron_subnet_id}`);
    }
  }
  lines.push(`  availability zones: ${network.availability_zones.map((a) => a.code).join(", ")}`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        memory: { type: "boolean" },
        network: { type: "string" },
        "provisioning-delay": { type: "string" },
        credentials: { type: "string" },
        faults: { type: "string" },
        "no-data-plane": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.memory && args.data) fail("--memory and --data cannot be combined");
  const host = args.host ?? "127.0.0.1";
  let credentials: Credentials | undefined;
  if (args.credentials) {
    try {
      credentials = loadCredentials(parseCredentialsJson(fs.readFileSync(args.credentials, "utf8")));
    } catch (e) {
      fail(`cannot use --credentials ${args.credentials}: ${(e as Error).message}`);
    }
  }
  // An engine reachable from other machines must not accept any token: strict mode or loopback only.
  if (!isLoopback(host) && !credentials) fail(`refusing to bind ${host} without --credentials: lenient mode accepts any token, so it binds loopback only`);
  let network: Network = DEFAULT_NETWORK;
  if (args.network) {
    try {
      network = loadNetworkFile(args.network);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  let faults: FaultOptions | undefined;
  if (args.faults) {
    try {
      faults = parseFaultSpec(args.faults);
    } catch (e) {
      fail(`--faults: ${(e as Error).message}`);
    }
  }
  const engine = await startEngine({
    faults,
    dataPlane: !args["no-data-plane"],
    port: intOption("port", args.port, 0, 65535) ?? DEFAULT_ENGINE_PORT,
    host,
    memory: args.memory ?? false,
    dataDir: args.data,
    network,
    provisioningDelayMs: intOption("provisioning-delay", args["provisioning-delay"], 0, 3_600_000) ?? 0,
    credentials,
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "EADDRINUSE") fail(`port ${args.port ?? DEFAULT_ENGINE_PORT} on ${host} is already in use; pick another with --port`);
    fail(e.message);
  });
  const state = args.memory ? "in memory (lost on exit)" : `durable in ${args.data ?? ".elb-engine"}`;
  process.stdout.write(
    [
      `ELB engine listening on ${engine.url}`,
      `  state: ${state}; mode: ${credentials ? "strict (signatures verified)" : "lenient (any X-Auth-Token)"}${faults ? `; FAULT INJECTION ON (${args.faults})` : ""}`,
      `  data plane: ${args["no-data-plane"] ? "off" : "on (listeners of load balancers with a 127.x VIP carry traffic)"}`,
      `  default project id: ${DEFAULT_PROJECT_ID}`,
      `  API base: ${engine.url}/v3/${DEFAULT_PROJECT_ID}/elb`,
      `  console: ${engine.url}/console${credentials ? " (sign in with a token or access key from the credentials file)" : ""}`,
      describeNetwork(network),
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    engine.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`elb-engine: error while shutting down: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main();
