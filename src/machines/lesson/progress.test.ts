import { describe, expect, it } from 'vitest';
import { createProgressStore, PROGRESS_KEY, type KeyValueStorage } from './progress';

const memory = (init: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } => {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
};

describe('lesson progress store', () => {
  it('records steps, completion and bets, and reads them back from storage', () => {
    const storage = memory();
    const a = createProgressStore(storage);
    a.visit('01-what-a-mesh-does', 3, 9);
    a.visit('01-what-a-mesh-does', 1, 9);
    a.bet('01-what-a-mesh-does', 'bet-hops', { kind: 'number', value: 6 });
    const b = createProgressStore(storage);
    expect(b.of('01-what-a-mesh-does')).toEqual({
      step: 1,
      furthest: 3,
      completed: false,
      bets: { 'bet-hops': { kind: 'number', value: 6 } },
    });
    b.visit('01-what-a-mesh-does', 9, 9);
    expect(b.of('01-what-a-mesh-does')!.completed).toBe(true);
  });

  it('exports and imports a file; a bad file is refused naming the field and changes nothing', () => {
    const a = createProgressStore(memory());
    a.visit('02-libraries', 2, 8);
    const file = a.exportJson();
    const b = createProgressStore(memory());
    b.visit('05-ebpf', 1, 8);
    const bad = JSON.parse(file);
    bad.lessons['02-libraries'].step = -1;
    expect(b.importJson(JSON.stringify(bad))).toEqual({
      ok: false,
      error: 'lessons.02-libraries.step: Too small: expected number to be >=0',
    });
    expect(b.importJson('{')).toEqual({ ok: false, error: '(root): not a JSON file' });
    expect(b.of('05-ebpf')).not.toBeNull();
    expect(b.importJson(file)).toEqual({ ok: true });
    expect(b.of('05-ebpf')).toBeNull();
    expect(b.of('02-libraries')!.step).toBe(2);
  });

  it('damaged stored data is reported and ignored, not thrown', () => {
    const s = createProgressStore(memory({ [PROGRESS_KEY]: '{"format":"meshpath-lessons","version":2}' }));
    expect(s.loadError).toMatch(/^Saved lesson progress could not be read \(version: /);
    expect(s.all().lessons).toEqual({});
  });
});
