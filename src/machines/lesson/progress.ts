import { z } from '../../model/zod';
import { BetAnswerSchema, type BetAnswer } from './evaluate';

/**
 * Lesson progress and bets, kept in the browser (localStorage behind an injected interface, so tests
 * use a map) and exported or imported as a JSON file. Everything read back is validated: a damaged
 * store or a bad file is reported naming the field, and what was stored before is kept.
 */

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const PROGRESS_KEY = 'meshpath.lessons.v1';

const LessonIdKey = z.string().regex(/^\d\d-[a-z0-9-]+$/, 'must be a lesson id (NN-slug)');

export const LessonProgressSchema = z.strictObject({
  /** Step index last shown (0-based). */
  step: z.number().int().min(0).max(99),
  furthest: z.number().int().min(0).max(99),
  completed: z.boolean(),
  bets: z.record(z.string().max(48), BetAnswerSchema),
});
export type LessonProgress = z.infer<typeof LessonProgressSchema>;

export const ProgressFileSchema = z.strictObject({
  format: z.literal('meshpath-lessons'),
  version: z.literal(1),
  lessons: z.record(LessonIdKey, LessonProgressSchema),
});
export type ProgressFile = z.infer<typeof ProgressFileSchema>;

const empty = (): ProgressFile => ({ format: 'meshpath-lessons', version: 1, lessons: {} });

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function parseProgress(
  text: string,
): { ok: true; value: ProgressFile } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: '(root): not a JSON file' };
  }
  const r = ProgressFileSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: describe(r.error) };
}

export interface ProgressStore {
  all(): ProgressFile;
  of(lessonId: string): LessonProgress | null;
  /** Records the step shown (and the furthest reached, and completion at the last step). */
  visit(lessonId: string, step: number, lastStep: number): void;
  bet(lessonId: string, stepId: string, answer: BetAnswer): void;
  exportJson(): string;
  /** Replaces progress with a file's; on error keeps what it had and says what is wrong. */
  importJson(text: string): { ok: true } | { ok: false; error: string };
  /** Set when the stored data could not be read (it was then ignored, not overwritten until the next change). */
  readonly loadError: string | null;
}

export function createProgressStore(storage: KeyValueStorage, key = PROGRESS_KEY): ProgressStore {
  let loadError: string | null = null;
  let data = empty();
  const stored = storage.getItem(key);
  if (stored !== null) {
    const r = parseProgress(stored);
    if (r.ok) data = r.value;
    else loadError = `Saved lesson progress could not be read (${r.error}); starting afresh.`;
  }
  const save = () => storage.setItem(key, JSON.stringify(data));
  const entry = (id: string): LessonProgress =>
    (data.lessons[id] ??= { step: 0, furthest: 0, completed: false, bets: {} });
  return {
    get loadError() {
      return loadError;
    },
    all: () => structuredClone(data),
    of: (id) => (data.lessons[id] ? structuredClone(data.lessons[id]) : null),
    visit(id, step, lastStep) {
      const e = entry(id);
      e.step = step;
      e.furthest = Math.max(e.furthest, step);
      if (step >= lastStep) e.completed = true;
      save();
    },
    bet(id, stepId, answer) {
      entry(id).bets[stepId] = answer;
      save();
    },
    exportJson: () => JSON.stringify(data, null, 2),
    importJson(text) {
      const r = parseProgress(text);
      if (!r.ok) return r;
      data = r.value;
      loadError = null;
      save();
      return { ok: true };
    },
  };
}
