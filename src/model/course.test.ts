import { describe, expect, it } from 'vitest';
import glossaryJson from '../../lessons/glossary/glossary.json';
import { findTerm, glossaryIndex, GlossarySchema } from './glossary';
import { shippedLessonContext } from './lessonContext';
import { validateCourse } from './lessons';
import { termsIn } from './lessonText';
import { bundledLessonSources, shippedLessons } from './shippedLessons';

describe('the shipped course', () => {
  const lessons = shippedLessons();

  it('has at least twelve lessons of 5–15 minutes, in order, each with something to try and a sandbox last', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12);
    expect(lessons.map((l) => l.order)).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
    for (const l of lessons) {
      expect(l.minutes).toBeGreaterThanOrEqual(5);
      expect(l.minutes).toBeLessThanOrEqual(15);
      expect(l.steps.some((s) => s.type === 'try')).toBe(true);
      expect(l.steps.at(-1)!.type).toBe('sandbox');
    }
  });

  it('asks the misconceptions of the issue as predict questions', () => {
    const misconceptions = lessons.flatMap((l) =>
      l.steps.flatMap((s) => (s.type === 'predict' && s.misconception ? [l.text[s.misconception]] : [])),
    );
    for (const myth of [
      'eBPF does L7',
      'ztunnel runs in the kernel',
      'WireGuard encrypts all pod traffic',
      'ambient always has fewer hops',
      '0.17/0.20 ms',
      'a sidecar adds several milliseconds',
      'pod metrics show the whole cost',
    ])
      expect(
        misconceptions.some((m) => m.includes(myth)),
        myth,
      ).toBe(true);
  });

  it('puts no simulated figure in the prose: numbers about runs are placeholders', () => {
    // A figure followed by a time or CPU unit must be a published one, with its citation in the same section.
    for (const l of lessons)
      for (const [id, body] of Object.entries(l.text))
        if (/\d\s?(ms|µs|vCPU)\b/.test(body))
          expect(
            /\[@[a-z0-9-]+\]/.test(body),
            `${l.id} section ${id} states a figure without a citation`,
          ).toBe(true);
  });

  it('fails validation when a lesson uses a term the glossary lacks', () => {
    const sources = bundledLessonSources();
    const ctx = shippedLessonContext();
    const withoutSidecar = { ...ctx, glossary: ctx.glossary.filter((e) => e.id !== 'sidecar') };
    const { problems } = validateCourse(sources, withoutSidecar);
    expect(
      problems.some((p) => /text\.md: section '.*': \[\[sidecar\]\] is not in the glossary/.test(p)),
    ).toBe(true);
  });
});

describe('the glossary', () => {
  const entries = GlossarySchema.parse(glossaryJson);
  const index = glossaryIndex(entries);

  it('explains every domain word the issue lists', () => {
    for (const term of [
      'sidecar',
      'eBPF',
      'netfilter',
      'iptables',
      'nftables',
      'conntrack',
      'veth',
      'loopback',
      'HBONE',
      'ztunnel',
      'waypoint',
      'xDS',
      'ClusterIP',
      'kube-proxy',
      'mTLS',
      'WireGuard',
      'IPsec',
      'p50',
      'p90',
      'p99',
      'vCPU per 1000 rps',
      'coordinated omission',
      'Hystrix',
      'Ribbon',
      'proxyless gRPC',
      'L4',
      'L7',
      'syscall',
      'context switch',
      'copy',
      'kernel crossing',
    ])
      expect(findTerm(index, term), term).toBeDefined();
  });

  it('covers every [[term]] the shipped lessons use', () => {
    const missing = shippedLessons().flatMap((l) =>
      Object.values(l.text).flatMap((t) =>
        termsIn(t)
          .filter((r) => !findTerm(index, r.term))
          .map((r) => r.term),
      ),
    );
    expect(missing).toEqual([]);
  });
});
