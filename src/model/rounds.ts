/**
 * A comparison's runs are laid out design by design, each design's replications in order (the order
 * the assembly reads). A round adds replications `from`..`to` of every design; joining it to the runs
 * before it keeps that layout. `before` holds replications `before.from` (0 when absent) up to
 * `before.replications`: the page keeps only the runs its last assembly has not read. Plain data, so
 * the page's session and the CLI share it.
 */
export function joinRounds<T>(
  designs: number,
  before: { from?: number; replications: number; runs: readonly T[] } | null,
  round: { from: number; to: number; runs: readonly T[] },
): T[] {
  const had = before?.replications ?? 0;
  if (had !== round.from) throw new Error(`a round from ${round.from} cannot follow ${had} replications`);
  const kept = had - (before?.from ?? 0);
  const width = round.to - round.from;
  const out: T[] = [];
  for (let d = 0; d < designs; d++) {
    for (let k = 0; k < kept; k++) out.push(before!.runs[d * kept + k]);
    for (let k = 0; k < width; k++) out.push(round.runs[d * width + k]);
  }
  return out;
}
