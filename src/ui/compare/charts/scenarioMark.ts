/**
 * Where the scenario's own size stands on a scaling chart's axis (the point marked `current`), to be
 * pointed out: a log axis's ticks (1, 2, 5 × 10ⁿ) rarely fall on it, e.g. 2,005 pods.
 */
export function scenarioMark<P extends { current?: boolean }>(
  points: readonly P[],
  x: (p: P) => number,
  unit: string,
): { x: number; label: string } | undefined {
  const own = points.find((p) => p.current);
  return own ? { x: x(own), label: `this scenario: ${x(own).toLocaleString('en')} ${unit}` } : undefined;
}
