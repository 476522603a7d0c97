import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTerm, glossaryIndex } from '../../model/glossary';
import { shippedLessonContext } from '../../model/lessonContext';
import { shippedModels } from '../../model/models';
import { LEGEND_TERMS } from '../../scene/Legend';
import { ACTOR_TERM, HOOK_TERM, hopKindTerm, LINKED_TERMS } from './terms';

/** Every word a page links to the glossary outside the lessons has an entry there. */

const index = glossaryIndex(shippedLessonContext().glossary);
const missing = (ids: Iterable<string | null>) =>
  [...ids].filter((id) => id !== null && !findTerm(index, id));

/** `<Term id="…">` uses in the UI's source, read from the files (a use outside the list fails too). */
function termUsesInSource(): string[] {
  const root = join(import.meta.dirname, '..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'),
  );
  return files.flatMap((f) =>
    [...readFileSync(join(root, f), 'utf8').matchAll(/<Term id="([^"]+)"/g)].map((m) => m[1]),
  );
}

describe('glossary links outside the lessons', () => {
  it('every linked term is in the glossary', () => {
    expect(LINKED_TERMS.length).toBeGreaterThan(30);
    expect(missing(LINKED_TERMS)).toEqual([]);
    expect(missing(Object.values(ACTOR_TERM))).toEqual([]);
    expect(missing(Object.values(HOOK_TERM))).toEqual([]);
  });

  it('the legend’s words link to glossary entries', () => {
    const ids = [
      ...Object.values(LEGEND_TERMS.component),
      ...Object.values(LEGEND_TERMS.hook),
      ...Object.values(LEGEND_TERMS.protection),
      ...Object.values(LEGEND_TERMS.load),
    ];
    expect(ids.filter(Boolean).length).toBeGreaterThan(12);
    expect(missing(ids)).toEqual([]);
  });

  it('every hop kind the inspector names links to an entry, the kernel and proxy ones included', () => {
    const kinds = [...shippedModels().hopKinds.keys()];
    expect(missing(kinds.map(hopKindTerm))).toEqual([]);
    expect(hopKindTerm('nf.pass')).toBe('netfilter');
    expect(hopKindTerm('veth')).toBe('veth');
    expect(hopKindTerm('h2.connect')).toBe('hbone');
    expect(hopKindTerm('ebpf.tc')).toBe('tc');
    expect(kinds.filter((k) => hopKindTerm(k) !== null).length).toBeGreaterThan(20);
  });

  it('every <Term id> written in the pages is listed and in the glossary', () => {
    const used = termUsesInSource();
    // Compare's CPU heading and hints, the percentile headers, the feature hints at least.
    expect(used).toEqual(
      expect.arrayContaining(['vcpu-per-1000-rps', 'kubectl-top', 'cpu-accounting', 'percentile', 'mtls']),
    );
    expect(used.filter((id) => !(LINKED_TERMS as readonly string[]).includes(id))).toEqual([]);
    expect(missing(used)).toEqual([]);
  });

  it('catches a term that is not in the glossary', () => {
    expect(missing(['sidecar', 'no-such-term'])).toEqual(['no-such-term']);
  });
});
