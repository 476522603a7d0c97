/**
 * A comparison's runs are laid out design by design, each design's replications in order (the order
 * the assembly reads). A round adds replications `from`..`to` of every design; joining it to the runs
 * before it keeps that layout. Plain data, so the page's session and the CLI share it.
 */
export function joinRounds<T>(
  designs: number,
  before: { replications: number; runs: readonly T[] } | null,
  round: { from: number; to: number; runs: readonly T[] },
): T[] {
  const had = before?.replications ?? 0;
  if (had !== round.from) throw new Error(`a round from ${round.from} cannot follow ${had} replications`);
  const width = round.to - round.from;
  const out: T[] = [];
  for (let d = 0; d < designs; d++) {
    for (let k = 0; k < had; k++) out.push(before!.runs[d * had + k]);
    for (let k = 0; k < width; k++) out.push(round.runs[d * width + k]);
  }
  return out;
}
