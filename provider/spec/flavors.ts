// Load balancer flavors (rule F1): the fixed set the engine offers at
// `GET /v3/{project_id}/elb/flavors`, in the shape of Huawei's Flavor object. A load balancer's
// `l4_flavor_id` and `l7_flavor_id` name one of these, of the matching type; the layers it has
// decide which listener protocols it takes (Huawei, "Adding a Listener",
// support.huaweicloud.com/api-elb/CreateListener.html: TCP, UDP or TLS listeners for load
// balancing at layer 4, HTTP, HTTPS or QUIC at layer 7).
export type FlavorType = "L4" | "L7";

export interface Flavor {
  id: string;
  name: string;
  type: FlavorType;
  shared: boolean;
  /** What the flavor carries: connections, new connections per second, requests per second, Mbit/s, capacity units. */
  info: { connection: number; cps: number; qps: number; bandwidth: number; lcu: number; https_cps: number };
  flavor_sold_out: boolean;
  public_border_group: string;
  category: number;
}

const flavor = (id: string, name: string, type: FlavorType, size: number): Flavor => ({
  id,
  name,
  type,
  shared: true,
  info:
    type === "L4"
      ? { connection: 500_000 * size, cps: 10_000 * size, qps: 0, bandwidth: 50 * size, lcu: 10 * size, https_cps: 0 }
      : { connection: 200_000 * size, cps: 2_000 * size, qps: 4_000 * size, bandwidth: 50 * size, lcu: 10 * size, https_cps: 200 * size },
  flavor_sold_out: false,
  public_border_group: "center",
  category: 0,
});

export const FLAVORS: readonly Flavor[] = [
  flavor("a1f4d2e0-0c4e-4f3a-9d40-000000000401", "L4_flavor.elb.s1.small", "L4", 1),
  flavor("a1f4d2e0-0c4e-4f3a-9d40-000000000402", "L4_flavor.elb.s2.medium", "L4", 2),
  flavor("a1f4d2e0-0c4e-4f3a-9d40-000000000701", "L7_flavor.elb.s1.small", "L7", 1),
  flavor("a1f4d2e0-0c4e-4f3a-9d40-000000000702", "L7_flavor.elb.s2.medium", "L7", 2),
];

/** What a load balancer created with neither flavor gets: the smallest of each layer (Huawei: the site's default flavors). */
export const DEFAULT_FLAVORS = { l4_flavor_id: FLAVORS[0].id, l7_flavor_id: FLAVORS[2].id } as const;

export const flavorById = (id: string): Flavor | undefined => FLAVORS.find((f) => f.id === id);

/** The flavor type a flavor field takes. */
export const FLAVOR_FIELDS = { l4_flavor_id: "L4", l7_flavor_id: "L7", "autoscaling.min_l7_flavor_id": "L7" } as const satisfies Record<string, FlavorType>;
