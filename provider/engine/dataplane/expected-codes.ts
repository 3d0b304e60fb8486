// `expected_codes` of a health monitor (H3): a code ("200"), a list ("200,202") or ranges
// ("200-204"), combinable ("200,202-204"). HTTP/HTTPS checks compare the response status,
// GRPC checks the grpc-status.

export type CodeMatcher = (code: number) => boolean;

export function compileExpectedCodes(spec: string | null | undefined, fallback: string): CodeMatcher {
  const ranges: [number, number][] = [];
  for (const part of (spec || fallback).split(",")) {
    const [lo, hi] = part.trim().split("-").map((s) => Number(s.trim()));
    if (!Number.isInteger(lo)) continue;
    ranges.push([lo, Number.isInteger(hi) ? hi : lo]);
  }
  // A spec the API would have refused (H3) must not make every check pass.
  if (ranges.length === 0 && spec) return compileExpectedCodes(null, fallback);
  return (code) => ranges.some(([lo, hi]) => code >= lo && code <= hi);
}
