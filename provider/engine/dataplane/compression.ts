// D10: gzip compression of responses by an HTTP listener with `gzip_enable`, on the conditions
// Huawei documents for it ("Configuring Data Compression for an HTTP or HTTPS Listener"): the
// client's Accept-Encoding accepts gzip, the member has not compressed the response already,
// the status is 200, 403 or 404, and the body is one of the listed text types.
import { createGzip } from "node:zlib";
import { GZIP_STATUSES, GZIP_TYPES } from "../../spec/protocols";
import type { BodySink } from "./downstream-h1";
import { headerValues } from "./http-headers";

const COMPRESSIBLE_TYPES: ReadonlySet<string> = new Set(GZIP_TYPES);
const COMPRESSED_STATUSES: ReadonlySet<number> = new Set(GZIP_STATUSES);

/** Whether an Accept-Encoding header accepts gzip: listed (or `*`) without `q=0`. */
export function acceptsGzip(acceptEncoding: readonly string[]): boolean {
  let star: boolean | undefined;
  for (const line of acceptEncoding) {
    for (const part of line.split(",")) {
      const [coding, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const accepted = q === undefined || Number(q.slice(2)) > 0;
      if (coding.trim() === "gzip") return accepted;
      if (coding.trim() === "*") star = accepted;
    }
  }
  return star ?? false;
}

/** Whether the listener compresses this response (raw header lists of the request and the response). */
export function compressesResponse(method: string, requestHeaders: readonly string[], status: number, responseHeaders: readonly string[]): boolean {
  if (method === "HEAD" || !COMPRESSED_STATUSES.has(status)) return false;
  if (!acceptsGzip(headerValues(requestHeaders, "accept-encoding"))) return false;
  // The member compressed it (or chose an encoding) itself: passed on as it is.
  if (headerValues(responseHeaders, "content-encoding").some((v) => v.trim() !== "" && v.trim().toLowerCase() !== "identity")) return false;
  const type = headerValues(responseHeaders, "content-type")[0];
  if (!type) return false;
  if (!COMPRESSIBLE_TYPES.has(type.split(";")[0].trim().toLowerCase())) return false;
  const length = headerValues(responseHeaders, "content-length")[0];
  return length === undefined || Number(length) > 0;
}

/** A gzip stream whose output goes to `out`, with backpressure; ending it ends `out`. */
export function gzipStream(out: BodySink): BodySink {
  const gzip = createGzip();
  gzip.on("data", (chunk: Buffer) => {
    if (out.write(chunk)) return;
    gzip.pause();
    out.onDrain(() => gzip.resume());
  });
  gzip.on("end", () => out.end());
  gzip.on("error", () => out.destroy());
  return {
    write: (chunk) => gzip.write(chunk),
    end: () => void gzip.end(),
    destroy: () => void gzip.destroy(),
    onDrain: (listener) => void gzip.once("drain", listener),
  };
}
