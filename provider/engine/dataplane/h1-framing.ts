// HTTP/1.1 message syntax (RFC 9112) shared by the HTTP listener's two sides: the server that
// reads clients' requests (downstream-h1.ts) and the client that reads members' responses
// (upstream-h1.ts). Both are strict in the same way: a byte the grammar does not allow is an
// error, never a guess, so the two sides can never disagree about where a message ends.

/** A head (or a chunk-size or trailer line) larger than this is refused, as Node's own server does. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** RFC 9110 §5.6.2 token: a method or a header name. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A byte a header value may not carry (RFC 9110 §5.5): controls other than HTAB, and DEL. */
export const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** A Content-Length value: digits only (no sign, no list), at most 15 so it stays an exact integer. */
export const CONTENT_LENGTH = /^\d{1,15}$/;
/** chunk-size [ BWS ; chunk-ext ] — at most 15 hex digits, so the size stays an exact integer. */
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,15})[ \t]*(?:;[^\r\n]*)?$/;

export const EMPTY = Buffer.alloc(0);

/** `text` without the spaces and tabs around it (OWS); String#trim would also eat other bytes, such as NBSP and VT. */
export function owsTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * A header or trailer field line (RFC 9112 §5) as name and value, the value without the spaces
 * and tabs around it; undefined when the line is not `token: value` with bytes a value may carry.
 */
export function splitField(line: string): [name: string, value: string] | undefined {
  const colon = line.indexOf(":");
  if (colon <= 0) return undefined;
  const name = line.slice(0, colon);
  const value = owsTrim(line.slice(colon + 1));
  return TOKEN.test(name) && !BAD_VALUE.test(value) ? [name, value] : undefined;
}

/** Bytes that break the message syntax; `message` says which, for the peer's error answer. */
export class FramingError extends Error {}

/**
 * `data` after `held`, and where `delimiter` starts in the joined bytes (-1 while it has not
 * arrived). Throws once the bytes before the delimiter pass 16 KiB.
 */
export function joinUpTo(held: Buffer | undefined, data: Buffer, delimiter: string, what: string): { buf: Buffer; at: number } {
  const buf = held ? Buffer.concat([held, data]) : data;
  const at = buf.indexOf(delimiter);
  if ((at < 0 && buf.length > MAX_HEAD_BYTES) || at > MAX_HEAD_BYTES) throw new FramingError(`${what} is larger than 16 KiB`);
  return { buf, at };
}

type ChunkState = "size" | "data" | "data-end" | "trailers";

/** Reads a chunked body (RFC 9112 §7.1) as it arrives, in pieces of any size. */
export class ChunkedDecoder {
  private state: ChunkState = "size";
  /** Bytes left in the current chunk. */
  private left = 0;
  /** A chunk-size or trailer line not yet complete. */
  private held: Buffer | undefined;
  private trailerBytes = 0;

  /**
   * Consumes body bytes, handing data to `deliver`. Returns the bytes that follow the body once
   * it is whole (possibly none), or undefined while more are needed. Throws FramingError.
   */
  read(data: Buffer, deliver: (chunk: Buffer) => void): Buffer | undefined {
    let buf = data;
    while (buf.length > 0) {
      if (this.state === "data") {
        const take = Math.min(this.left, buf.length);
        this.left -= take;
        deliver(take === buf.length ? buf : buf.subarray(0, take));
        buf = buf.subarray(take);
        if (this.left === 0) this.state = "data-end";
        continue;
      }
      // size, data-end and trailers each read one CRLF-terminated line.
      const { buf: joined, at: eol } = joinUpTo(this.held, buf, "\r\n", "a chunk-size or trailer line");
      this.held = undefined;
      if (eol < 0) {
        this.held = joined;
        return undefined;
      }
      const line = joined.toString("latin1", 0, eol);
      buf = joined.subarray(eol + 2);
      if (this.state === "data-end") {
        if (line !== "") throw new FramingError("a chunk's data is not followed by CRLF");
        this.state = "size";
      } else if (this.state === "size") {
        const size = CHUNK_SIZE.exec(line);
        if (!size) throw new FramingError(`the chunk size "${line.slice(0, 40)}" is not a hexadecimal size`);
        this.left = parseInt(size[1], 16);
        this.state = this.left === 0 ? "trailers" : "data";
      } else if (line === "") {
        return buf;
      } else {
        // A trailer field: checked and counted, not passed on (neither side forwards trailers).
        if (!splitField(line)) throw new FramingError(`the trailer line "${line.slice(0, 60)}" is not a header field`);
        this.trailerBytes += line.length + 2;
        if (this.trailerBytes > MAX_HEAD_BYTES) throw new FramingError("the trailer section is larger than 16 KiB");
      }
    }
    return undefined;
  }
}
