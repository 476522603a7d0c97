import { describe, expect, it } from 'vitest';
import { catalogs } from '../../app/lessonCatalogs';
import type { Step } from '../../model/lesson';
import { shippedLessons } from '../../model/shippedLessons';
import { sceneWords } from './sceneWords';

type SetStep = Extract<Step, { type: 'set' }>;
const names = { architecture: (a: string) => `arch:${a}`, preset: (p: string) => `preset:${p}` };
const set = (s: Partial<SetStep>) => ({ type: 'set', id: 'x', ...s }) as SetStep;

describe('a set step in words', () => {
  it('names the designs and the scenario, then the view and the camera', () => {
    expect(
      sceneWords(set({ architectures: ['sidecar-envoy'], scenario: { preset: 'pods-400' } }), names),
    ).toBe('The comparison: no mesh, arch:sidecar-envoy on the “preset:pods-400” scenario.');
    expect(sceneWords(set({ architecture: 'ambient', view: 'load' }), names)).toBe(
      'The simulation shows arch:ambient. The load view: many requests at once, with the queues they build.',
    );
    expect(sceneWords(set({ camera: 'path' }), names)).toBe('The camera follows the request’s packet.');
    expect(sceneWords(set({ camera: 'server' }), names)).toBe(
      'The camera looks into the kernel of the server’s node.',
    );
    expect(sceneWords(set({ speed: 10 }), names)).toBe('The scene changes.');
  });

  it('every shipped set step without words of its own says what it changes, with real names', () => {
    const cat = catalogs();
    const steps = shippedLessons().flatMap((l) => l.steps.filter((s): s is SetStep => s.type === 'set'));
    const bare = steps.filter((s) => !s.text);
    expect(bare.length).toBeGreaterThan(5);
    for (const s of bare) {
      const words = sceneWords(s, { architecture: cat.names.architecture, preset: cat.names.preset });
      expect(words).not.toMatch(/-(envoy|ebpf|mesh|waypoint)\b|pods-400|istio-benchmark/); // names, not ids
      if (s.architectures || s.architecture || s.camera) expect(words).not.toBe('The scene changes.');
    }
  });
});

describe('a source named in a sentence', () => {
  it('says the venue once', () => {
    expect(catalogs().citations(['meshinsight-socc23'])).toEqual(['Zhu et al., ACM SoCC 2023, pp. 142–157']);
  });
});
