// The seeded, read-only network model (rules N1, N2): VPCs, subnets and availability zones.
// IDs are fixed so stacks, examples and docs can name them; a JSON file can replace the model.
import * as fs from "node:fs";
import { z } from "zod";

export interface Subnet {
  id: string;
  name: string;
  cidr: string;
  vpc_id: string;
  /** What ELB fields (`vip_subnet_cidr_id`, member `subnet_cidr_id`) name, as in Huawei Cloud. */
  neutron_subnet_id: string;
  gateway_ip: string;
}
export interface Vpc {
  id: string;
  name: string;
  cidr: string;
}
export interface AvailabilityZone {
  code: string;
  state: "ACTIVE";
}
export interface Network {
  vpcs: Vpc[];
  subnets: Subnet[];
  availability_zones: AvailabilityZone[];
}

export const DEFAULT_NETWORK: Network = {
  vpcs: [
    { id: "3c5ae0b5-7a6b-4c1e-9f0e-000000000001", name: "vpc-default", cidr: "127.0.0.0/8,192.168.0.0/16" },
    { id: "3c5ae0b5-7a6b-4c1e-9f0e-000000000002", name: "vpc-other", cidr: "10.1.0.0/16" },
  ],
  subnets: [
    {
      id: "5b7c1d2e-3f40-4a51-8b62-000000000001",
      name: "subnet-loopback",
      cidr: "127.0.0.0/8",
      vpc_id: "3c5ae0b5-7a6b-4c1e-9f0e-000000000001",
      neutron_subnet_id: "9d2e4f60-1a2b-4c3d-8e4f-000000000001",
      gateway_ip: "127.0.0.1",
    },
    {
      id: "5b7c1d2e-3f40-4a51-8b62-000000000002",
      name: "subnet-private-a",
      cidr: "192.168.0.0/24",
      vpc_id: "3c5ae0b5-7a6b-4c1e-9f0e-000000000001",
      neutron_subnet_id: "9d2e4f60-1a2b-4c3d-8e4f-000000000002",
      gateway_ip: "192.168.0.1",
    },
    {
      id: "5b7c1d2e-3f40-4a51-8b62-000000000003",
      name: "subnet-private-b",
      cidr: "192.168.1.0/24",
      vpc_id: "3c5ae0b5-7a6b-4c1e-9f0e-000000000001",
      neutron_subnet_id: "9d2e4f60-1a2b-4c3d-8e4f-000000000003",
      gateway_ip: "192.168.1.1",
    },
    {
      id: "5b7c1d2e-3f40-4a51-8b62-000000000004",
      name: "subnet-other",
      cidr: "10.1.0.0/24",
      vpc_id: "3c5ae0b5-7a6b-4c1e-9f0e-000000000002",
      neutron_subnet_id: "9d2e4f60-1a2b-4c3d-8e4f-000000000004",
      gateway_ip: "10.1.0.1",
    },
  ],
  availability_zones: [
    { code: "local-1a", state: "ACTIVE" },
    { code: "local-1b", state: "ACTIVE" },
    { code: "local-1c", state: "ACTIVE" },
  ],
};

const cidrSchema = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/);
const networkSchema = z.strictObject({
  vpcs: z.array(z.strictObject({ id: z.string().min(1), name: z.string(), cidr: z.string() })).min(1),
  subnets: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        name: z.string(),
        cidr: cidrSchema,
        vpc_id: z.string().min(1),
        neutron_subnet_id: z.string().min(1),
        gateway_ip: z.string(),
      }),
    )
    .min(1),
  availability_zones: z.array(z.strictObject({ code: z.string().min(1), state: z.literal("ACTIVE") })).min(1),
});

/** Loads a network model file (same shape as DEFAULT_NETWORK), with errors that name the bad entry. */
export function loadNetworkFile(file: string): Network {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`Cannot read network file ${file}: ${(e as Error).message}`);
  }
  const r = networkSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`Invalid network file ${file}: at ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  for (const s of r.data.subnets) {
    if (!r.data.vpcs.some((v) => v.id === s.vpc_id)) throw new Error(`Invalid network file ${file}: subnet ${s.id} names unknown vpc_id ${s.vpc_id}`);
  }
  return r.data;
}

const ipToInt = (ip: string): number => {
  let n = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* "." */) {
      n = n * 256 + octet;
      octet = 0;
    } else octet = octet * 10 + (c - 48);
  }
  return n * 256 + octet;
};

/** CIDR blocks as network and mask, parsed once each (a batch checks hundreds of addresses against one). */
const blocks = new Map<string, { network: number; mask: number }>();
const DOTTED = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Whether an IPv4 address lies in a CIDR block. */
export function inCidr(address: string, cidr: string): boolean {
  let block = blocks.get(cidr);
  if (!block) {
    const [base, bitsText] = cidr.split("/");
    const bits = Number(bitsText);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    block = { network: (ipToInt(base) & mask) >>> 0, mask };
    if (blocks.size < 1024) blocks.set(cidr, block);
  }
  if (!DOTTED.test(address)) return false;
  return ((ipToInt(address) & block.mask) >>> 0) === block.network;
}

/** The usable host addresses of a CIDR block in order, skipping the network, gateway and broadcast. */
export function* hostAddresses(cidr: string, gateway: string): Generator<string> {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = ipToInt(base) & (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0);
  for (let i = 1; i < size - 1; i++) {
    const n = (start + i) >>> 0;
    const ip = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
    if (ip !== gateway) yield ip;
  }
}
