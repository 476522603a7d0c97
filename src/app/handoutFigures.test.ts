import { describe, expect, it } from 'vitest';
import type { ComparisonSource, LessonComparison } from '../machines/lesson/comparison';
import type { ArchitectureId } from '../model/architecture';
import { shippedLessons } from '../model/shippedLessons';
import { createHandoutSession } from './handoutFigures';

const lesson1 = shippedLessons().find((l) => l.id === '01-what-a-mesh-does')!;

/** A comparison source answering when told to, recording what it was asked. */
function manualSource() {
  const asked: ArchitectureId[][] = [];
  const answers: Array<() => void> = [];
  const source: ComparisonSource = {
    run(_scenario, architectures) {
      asked.push(architectures);
      return new Promise<LessonComparison>((resolve) =>
        answers.push(() =>
          resolve({
            results: architectures.map((a) => ({
              architecture: a,
              perRequest: { hops: a === 'no-mesh' ? 21 : 42 },
            })) as never,
            memoryPerPodMiB: {},
            replications: 2,
          }),
        ),
      );
    },
  };
  return { source, asked, answers };
}

const hops = (architecture: ArchitectureId) => ({ metric: 'hopsPerRequest' as const, architecture });

describe('handout figures (lesson hosts over one comparison source)', () => {
  it('runs each of the lesson’s comparisons once and reads each step’s figures from its own', async () => {
    const { source, asked, answers } = manualSource();
    const s = createHandoutSession(lesson1, source);
    const seen: number[] = [];
    s.subscribe(() => seen.push(s.pending()));
    s.start();
    expect(asked).toEqual([['no-mesh'], ['no-mesh', 'sidecar-envoy']]);
    expect(s.pending()).toBe(2);
    const bet = lesson1.steps.findIndex((x) => x.id === 'bet-hops');
    expect(s.measure(bet, hops('sidecar-envoy'))).toBeNull();
    expect(s.comparison(1).status).toBe('running');
    answers[1]();
    await Promise.resolve();
    await Promise.resolve();
    // The count is down before listeners hear of the result.
    expect(seen.at(-1)).toBe(1);
    expect(s.measure(bet, hops('sidecar-envoy'))).toBe(42);
    expect(s.measure(bet, hops('no-mesh'))).toBe(21);
    expect(s.comparison(1).status).toBe('done');
    // Step 2 shows no mesh alone on another scenario: its run is still going.
    expect(s.measure(1, hops('no-mesh'))).toBeNull();
    answers[0]();
    await Promise.resolve();
    await Promise.resolve();
    expect(s.pending()).toBe(0);
    expect(s.measure(1, hops('no-mesh'))).toBe(21);
    // Asking again runs nothing new.
    expect(asked).toHaveLength(2);
    s.dispose();
  });
});
