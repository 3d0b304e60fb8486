// Small statistics helpers for the benchmark figures.

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return NaN;
  const s = Array.from(values).sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** "12.3k" style numbers for the detail column. */
export function human(n: number, unit = ""): string {
  const abs = Math.abs(n);
  const text = abs >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : abs >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : abs >= 100 ? n.toFixed(0) : n.toPrecision(3);
  return unit ? `${text} ${unit}` : text;
}

export const ms = (n: number): string => `${n >= 100 ? n.toFixed(0) : n.toPrecision(3)} ms`;
