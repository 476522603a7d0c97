import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkLessons, exampleLesson, main } from '../../scripts/checkLessons';
import glossaryJson from '../../lessons/glossary/glossary.json';
import { shippedLessonContext } from './lessonContext';
import { validateCourse, validateLesson, type LessonSource } from './lessons';
import { bundledLessonSources } from './shippedLessons';

const root = join(import.meta.dirname, '..', '..');
const ctx = shippedLessonContext();
const example = exampleLesson(root);
const clone = (): { json: Record<string, unknown> & { steps: Record<string, unknown>[] }; text: string } => ({
  json: JSON.parse(JSON.stringify(example.json)),
  text: example.text!,
});
const problemsOf = (json: unknown, text: string | null = example.text) =>
  validateLesson({ ...example, json, text } satisfies LessonSource, ctx).problems;

describe('lesson loader', () => {
  it("validates the authoring guide's example lesson", () => {
    expect(problemsOf(example.json)).toEqual([]);
  });

  it('names the file and field of a schema error', () => {
    const { json } = clone();
    json.minutes = 40;
    (json.steps[1] as Record<string, unknown>).colour = 'red';
    const problems = problemsOf(json);
    expect(problems).toContain('docs/example-lesson/lesson.json: minutes: must be at most 15');
    expect(
      problems.some((p) => p.startsWith('docs/example-lesson/lesson.json: steps[1].colour: unknown key')),
    ).toBe(true);
  });

  it('finds string ids missing from text.md, and sections nothing uses', () => {
    const { json, text } = clone();
    (json.steps[1] as { text: string }).text = 'no-such-section';
    const problems = problemsOf(json, text);
    expect(problems).toContain(
      "docs/example-lesson/lesson.json: steps[1].text: no section '## no-such-section' in text.md",
    );
    expect(problems).toContain(
      "docs/example-lesson/text.md: section 'intro' is used by no step or metadata field",
    );
  });

  it('rejects presets, hop kinds and citations that models/ does not have', () => {
    const { json } = clone();
    (json.steps[0] as { scenario: { preset: string } }).scenario.preset = 'pods-9000';
    json.citations = ['istio-perf-9-99'];
    (json.steps[2] as { until: { hop: { hopKind: string } } }).until.hop.hopKind = 'proxy.l9';
    const problems = problemsOf(json);
    expect(problems).toContain(
      "docs/example-lesson/lesson.json: steps[0].scenario.preset: unknown preset 'pods-9000' (not in models/presets)",
    );
    expect(problems).toContain(
      "docs/example-lesson/lesson.json: citations[0]: unknown citation 'istio-perf-9-99' (not in models/citations.json)",
    );
    expect(problems).toContain(
      "docs/example-lesson/lesson.json: steps[2].until.hop: unknown hop kind 'proxy.l9' (not in models/hop-kinds.json)",
    );
  });

  it('rejects a hop the architecture shown at that step does not have', () => {
    const { json } = clone();
    // ambient has no sidecar: the wait could never end.
    (json.steps[0] as { architecture: string }).architecture = 'ambient';
    expect(problemsOf(json)).toContain(
      'docs/example-lesson/lesson.json: steps[2].until.hop: no hop of ambient matches {"hopKind":"proxy.l7","side":"server","actor":"sidecar"} (the architecture shown at this step)',
    );
  });

  it('rejects a measured quantity of an architecture the step does not compare', () => {
    const { json } = clone();
    (json.steps[3] as { architectures: string[] }).architectures = ['sidecar-envoy'];
    expect(problemsOf(json)).toContain(
      "docs/example-lesson/lesson.json: steps[4].bet.correct.fromRun[0].when.values[0].architecture: 'ambient' is not among the architectures compared at this step",
    );
  });

  it('fails when a [[term]] in the text is not in the glossary', () => {
    const text = example.text!.replace('[[sidecar]]', '[[flux capacitor]]');
    expect(problemsOf(example.json, text)).toContain(
      "docs/example-lesson/text.md: section 'intro': [[flux capacitor]] is not in the glossary",
    );
  });

  it('checks placeholders and inline citations in the prose', () => {
    const text = example.text!.replace(
      '{{addedLatencyP50:ambient}} and',
      '{{p42:ambient}} {{addedLatencyP50:mesh-x}} [@nope] and',
    );
    const problems = problemsOf(example.json, text);
    expect(problems).toContain(
      "docs/example-lesson/text.md: section 'bet-right': {{p42:ambient}}: unknown metric 'p42'",
    );
    expect(problems).toContain(
      "docs/example-lesson/text.md: section 'bet-right': {{addedLatencyP50:mesh-x}}: unknown architecture 'mesh-x'",
    );
    expect(problems).toContain(
      "docs/example-lesson/text.md: section 'bet-right': [@nope] is not in models/citations.json",
    );
  });

  it('requires a sandbox at the end and something to try', () => {
    const { json } = clone();
    json.steps = json.steps.filter((s) => s.type !== 'try' && s.type !== 'sandbox');
    const problems = problemsOf(json);
    expect(problems).toContain(
      'docs/example-lesson/lesson.json: steps[4]: a lesson ends with a sandbox step',
    );
    expect(problems).toContain(
      'docs/example-lesson/lesson.json: steps: a lesson has at least one "try" step',
    );
  });

  it('accepts speaker notes on a step when text.md has the section, and names the field when it does not', () => {
    const { json, text } = clone();
    (json.steps[1] as { notes?: string }).notes = 'intro-notes';
    (json.steps[json.steps.length - 1] as { notes?: string }).notes = 'intro-notes';
    const withNotes = `${text}\n## intro-notes\nAsk the room where the proxy runs before pressing Next.\n`;
    expect(problemsOf(json, withNotes)).toEqual([]);
    const loaded = validateLesson({ ...example, json, text: withNotes }, ctx).lesson!;
    expect(loaded.steps[1].notes).toBe('intro-notes');
    expect(loaded.text['intro-notes']).toBe('Ask the room where the proxy runs before pressing Next.');
    // The section missing: the step and field are named.
    expect(problemsOf(json, text)).toContain(
      "docs/example-lesson/lesson.json: steps[1].notes: no section '## intro-notes' in text.md",
    );
  });

  it('lessons 1, 3 and 5 carry speaker notes on most of their steps', () => {
    const lessons = validateCourse(bundledLessonSources(), ctx).lessons;
    for (const id of ['01-what-a-mesh-does', '03-the-sidecar', '05-sidecar-less-ebpf']) {
      const l = lessons.find((x) => x.id === id)!;
      const noted = l.steps.filter((s) => s.notes && l.text[s.notes]?.trim());
      expect(noted.length, id).toBeGreaterThanOrEqual(Math.ceil(l.steps.length / 2));
    }
  });

  it('refuses notes that are not a text id', () => {
    const { json } = clone();
    (json.steps[1] as { notes?: unknown }).notes = 'Say this aloud';
    (json.steps[2] as { notes?: unknown }).notes = 7;
    const problems = problemsOf(json);
    expect(
      problems.some((p) =>
        p.startsWith('docs/example-lesson/lesson.json: steps[1].notes: must be a lower-case id'),
      ),
    ).toBe(true);
    expect(problems.some((p) => p.startsWith('docs/example-lesson/lesson.json: steps[2].notes: '))).toBe(
      true,
    );
  });

  it('a glossary whose see-also names a missing entry is refused', () => {
    const broken = JSON.parse(JSON.stringify(glossaryJson));
    broken[0].seeAlso = ['no-such-term'];
    expect(() => shippedLessonContext(broken)).toThrow("[0].seeAlso[0]: no glossary entry 'no-such-term'");
  });
});

describe('build-time check (scripts/checkLessons.ts)', () => {
  function brokenCourse(): string {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    mkdirSync(join(dir, '07-broken'));
    const json = JSON.parse(readFileSync(join(root, 'docs/example-lesson/lesson.json'), 'utf8'));
    json.id = '07-broken';
    json.order = 7;
    json.level = 'expert';
    writeFileSync(join(dir, '07-broken', 'lesson.json'), JSON.stringify(json));
    writeFileSync(
      join(dir, '07-broken', 'text.md'),
      readFileSync(join(root, 'docs/example-lesson/text.md'), 'utf8'),
    );
    return dir;
  }

  it('reports a broken lesson by file and field', () => {
    expect(checkLessons(brokenCourse(), { label: 'lessons' })).toEqual([
      'lessons/07-broken/lesson.json: level: must be one of "beginner", "intermediate", "advanced"',
    ]);
  });

  it('the command `npm run build` starts with fails, printing that message', () => {
    // A copy of the repository layout holding only the broken lesson (and no example lesson).
    const fakeRoot = mkdtempSync(join(tmpdir(), 'repo-'));
    mkdirSync(join(fakeRoot, 'lessons', '07-broken'), { recursive: true });
    const dir = brokenCourse();
    for (const f of ['lesson.json', 'text.md'])
      writeFileSync(join(fakeRoot, 'lessons', '07-broken', f), readFileSync(join(dir, '07-broken', f)));
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void printed.push(m));
    expect(main(fakeRoot)).toBe(1);
    spy.mockRestore();
    expect(printed.join('\n')).toMatch(/lessons\/07-broken\/lesson\.json: level: must be one of/);
    expect(printed.join('\n')).toMatch(/docs\/example-lesson\/lesson\.json: missing/);
    expect(main(root)).toBe(0);
  });

  it('the shipped course and the example pass', () => {
    expect(checkLessons(join(root, 'lessons'), { extra: [example] })).toEqual([]);
  });
});
