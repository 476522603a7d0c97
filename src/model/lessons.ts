import type { Architecture, ArchitectureId, Segment } from './architecture';
import { formatZodError } from './catalogs';
import {
  checkGlossary,
  findTerm,
  glossaryIndex,
  GlossarySchema,
  GLOSSARY_FILE,
  type GlossaryEntry,
} from './glossary';
import {
  LESSON_ID_PATTERN,
  LessonSchema,
  type Condition,
  type HopSelector,
  type Lesson,
  type Predicate,
  type Quantity,
  type Step,
} from './lesson';
import { citationsIn, isMetric, parseLessonText, placeholdersIn, termsIn } from './lessonText';

/**
 * Loads lessons and checks what the schema cannot see: that every string id exists in text.md (and
 * every section is used), that terms are in the glossary, citations in the registry, presets,
 * architectures and hop kinds in models/, and that a hop a step points at exists on the architecture
 * shown at that step. Every problem names the file and the field.
 */

/** One lesson folder as read from disk or bundled: its folder name, lesson.json and text.md. */
export interface LessonSource {
  /** Folder name, e.g. '01-what-a-mesh-does'; the lesson's id must equal it. */
  dir: string;
  /** Path shown in messages, e.g. 'lessons/01-what-a-mesh-does'. */
  path: string;
  json: unknown;
  text: string | null;
}

/** What lessons may name, from models/ and the glossary. */
export interface LessonContext {
  /** Preset id → its protocol (architectures that cannot carry it cannot run it). */
  presets: ReadonlyMap<string, { protocol: string }>;
  architectures: ReadonlyMap<ArchitectureId, Architecture>;
  hopKinds: ReadonlySet<string>;
  citations: ReadonlySet<string>;
  glossary: readonly GlossaryEntry[];
}

export interface LoadedLesson extends Lesson {
  /** text.md, section id → Markdown. */
  text: Record<string, string>;
}

export class LessonError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'LessonError';
  }
}

/** Validated glossary, or the problems with it (file and field named). */
export function loadGlossary(
  raw: unknown,
  citations: ReadonlySet<string>,
  file = GLOSSARY_FILE,
): { entries: GlossaryEntry[]; problems: string[] } {
  const r = GlossarySchema.safeParse(raw);
  if (!r.success) return { entries: [], problems: formatZodError(r.error, file) };
  return { entries: r.data, problems: checkGlossary(r.data, citations, file) };
}

/** The text ids a step uses, with the field each sits in (its speaker notes included). */
export function textRefs(step: Step): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (field: string, id: string | undefined) => id && out.push([field, id]);
  add('notes', step.notes);
  switch (step.type) {
    case 'narrate':
    case 'waitUntil':
    case 'sandbox':
      add('text', step.text);
      break;
    case 'set':
      add('text', step.text);
      break;
    case 'notice':
    case 'try':
      step.items.forEach((t, i) => add(`items[${i}]`, t));
      break;
    case 'check':
      add('text', step.text);
      add('pass', step.pass);
      add('fail', step.fail);
      break;
    case 'challenge':
      add('question', step.question);
      step.options.forEach((o, i) => add(`options[${i}].text`, o.text));
      add('feedback.right', step.feedback.right);
      add('feedback.wrong', step.feedback.wrong);
      break;
    case 'predict':
      add('question', step.question);
      add('feedback.right', step.feedback.right);
      add('feedback.wrong', step.feedback.wrong);
      add('misconception', step.misconception);
      if (step.bet.kind === 'choice')
        step.bet.options.forEach((o, i) => add(`bet.options[${i}].text`, o.text));
      if (step.bet.kind === 'ordering') step.bet.items.forEach((o, i) => add(`bet.items[${i}].text`, o.text));
      break;
  }
  return out;
}

/** What is on screen after the set steps up to and including index i. */
export interface Setup {
  page: 'simulate' | 'compare';
  preset: string;
  /** The protocol a set step's changes chose, if any. */
  protocol: string | null;
  architecture: ArchitectureId | null;
  architectures: ArchitectureId[];
}

export function setupAt(lesson: Pick<Lesson, 'steps'>, index: number): Setup {
  const s: Setup = { page: 'simulate', preset: '', protocol: null, architecture: null, architectures: [] };
  for (const step of lesson.steps.slice(0, index + 1)) {
    if (step.type !== 'set') continue;
    if (step.page) s.page = step.page;
    if (step.scenario) {
      s.protocol =
        step.scenario.preset === s.preset
          ? (step.scenario.changes?.protocol ?? s.protocol)
          : (step.scenario.changes?.protocol ?? null);
      s.preset = step.scenario.preset;
    }
    if (step.architecture) s.architecture = step.architecture;
    if (step.architectures) s.architectures = step.architectures;
  }
  return s;
}

function segmentMatches(seg: Segment, h: HopSelector): boolean {
  return (
    (!h.hopKind || seg.hop === h.hopKind) &&
    (!h.side || seg.side === h.side) &&
    (!h.actor || seg.actor === h.actor)
  );
}

/** Whether the architecture's route template has a hop matching the selector (handler hops: the app). */
export function architectureHasHop(arch: Architecture, h: HopSelector): boolean {
  if (h.leg === 'handler') return !h.actor || h.actor === 'app';
  const legs =
    h.leg === 'request'
      ? [arch.request]
      : h.leg === 'response'
        ? [arch.response]
        : [arch.request, arch.response];
  return legs.some((segs) => segs.some((seg) => segmentMatches(seg, h)));
}

function quantitiesOf(c: Condition): Quantity[] {
  if (c.kind === 'ascending') return c.values;
  if (c.kind === 'ratio') return [c.numerator, c.denominator];
  return [c.value];
}

/** Validates one lesson folder; returns the lesson (when the schema holds) and every problem found. */
export function validateLesson(
  src: LessonSource,
  ctx: LessonContext,
): { lesson?: LoadedLesson; problems: string[] } {
  const jsonFile = `${src.path}/lesson.json`;
  const textFile = `${src.path}/text.md`;
  const r = LessonSchema.safeParse(src.json);
  if (!r.success) return { problems: formatZodError(r.error, jsonFile) };
  const lesson = r.data;
  const problems: string[] = [];
  const at = (field: string, msg: string) => problems.push(`${jsonFile}: ${field}: ${msg}`);

  if (lesson.id !== src.dir) at('id', `'${lesson.id}' must equal its folder name '${src.dir}'`);
  const nn = LESSON_ID_PATTERN.exec(lesson.id)?.[1];
  if (nn !== undefined && Number(nn) !== lesson.order)
    at('order', `${lesson.order} must match the id's number ${nn}`);

  if (src.text === null) {
    problems.push(`${textFile}: missing (every lesson keeps its words in text.md)`);
    return { problems };
  }
  const parsed = parseLessonText(src.text, textFile);
  problems.push(...parsed.problems);
  const used = new Set<string>();
  const needText = (field: string, id: string) => {
    used.add(id);
    if (!parsed.sections.has(id)) at(field, `no section '## ${id}' in text.md`);
  };
  needText('title', lesson.title);
  needText('summary', lesson.summary);
  lesson.objectives.forEach((o, i) => needText(`objectives[${i}]`, o));

  const cite = (field: string, ids: readonly string[]) =>
    ids.forEach((id, j) => {
      if (!ctx.citations.has(id))
        at(`${field}[${j}]`, `unknown citation '${id}' (not in models/citations.json)`);
    });
  cite('citations', lesson.citations);

  const first = lesson.steps[0];
  if (first.type === 'set' && (!first.scenario || !first.page))
    at(
      'steps[0]',
      'the first set step names the page and the scenario, so every step can be replayed from it',
    );

  lesson.steps.forEach((step, i) => {
    const f = `steps[${i}]`;
    for (const [field, id] of textRefs(step)) needText(`${f}.${field}`, id);
    if ('citations' in step) cite(`${f}.citations`, step.citations);
    const setup = setupAt(lesson, i);
    const shown = setup.architecture ? ctx.architectures.get(setup.architecture) : undefined;
    const checkHop = (field: string, h: HopSelector) => {
      if (h.hopKind && !ctx.hopKinds.has(h.hopKind))
        at(field, `unknown hop kind '${h.hopKind}' (not in models/hop-kinds.json)`);
      else if (shown && !architectureHasHop(shown, h))
        at(
          field,
          `no hop of ${setup.architecture} matches ${JSON.stringify(h)} (the architecture shown at this step)`,
        );
    };
    const checkPredicate = (field: string, p: Predicate) => {
      if (p.kind === 'hopReached') checkHop(`${field}.hop`, p.hop);
    };
    const compared = new Set<string>(['no-mesh', ...setup.architectures]);
    const checkQuantity = (field: string, q: Quantity) => {
      if (setup.page === 'compare' && !compared.has(q.architecture))
        at(
          `${field}.architecture`,
          `'${q.architecture}' is not among the architectures compared at this step`,
        );
    };
    const checkCondition = (field: string, c: Condition) =>
      quantitiesOf(c).forEach((q, j) => checkQuantity(`${field}.values[${j}]`, q));

    switch (step.type) {
      case 'set':
        if (step.scenario && !ctx.presets.has(step.scenario.preset))
          at(`${f}.scenario.preset`, `unknown preset '${step.scenario.preset}' (not in models/presets)`);
        for (const a of setup.page === 'simulate' ? [setup.architecture] : setup.architectures) {
          const arch = a ? ctx.architectures.get(a) : undefined;
          const protocol = setup.protocol ?? ctx.presets.get(setup.preset)?.protocol;
          if (a && !arch) at(`${f}`, `no model for architecture '${a}'`);
          else if (arch && protocol && !(arch.protocols as string[]).includes(protocol))
            at(
              `${f}`,
              `${a} cannot carry ${protocol} (set scenario.changes.protocol to one of ${arch.protocols.join(', ')})`,
            );
        }
        break;
      case 'narrate':
        step.highlight?.hops?.forEach((h, j) => checkHop(`${f}.highlight.hops[${j}]`, h));
        break;
      case 'waitUntil':
        checkPredicate(`${f}.until`, step.until);
        break;
      case 'challenge': {
        checkHop(`${f}.on`, step.on);
        const ids = new Set(step.options.map((o) => o.id));
        step.correct.forEach((c, j) => {
          if (!ids.has(c)) at(`${f}.correct[${j}]`, `'${c}' is not one of the options`);
        });
        break;
      }
      case 'check':
        checkCondition(`${f}.condition`, step.condition);
        break;
      case 'predict': {
        checkPredicate(`${f}.reveal`, step.reveal);
        const bet = step.bet;
        if (bet.kind === 'choice') {
          const ids = new Set(bet.options.map((o) => o.id));
          const named =
            'option' in bet.correct ? [bet.correct.option] : bet.correct.fromRun.map((c) => c.option);
          named.forEach((o) => {
            if (!ids.has(o)) at(`${f}.bet.correct`, `'${o}' is not one of the options`);
          });
          if ('fromRun' in bet.correct)
            bet.correct.fromRun.forEach((c, j) =>
              checkCondition(`${f}.bet.correct.fromRun[${j}].when`, c.when),
            );
        } else if (bet.kind === 'ordering')
          bet.items.forEach((it, j) => checkQuantity(`${f}.bet.items[${j}].value`, it.value));
        else
          ('ratio' in bet.value ? bet.value.ratio : [bet.value]).forEach((q, j) =>
            checkQuantity(`${f}.bet.value[${j}]`, q),
          );
        break;
      }
    }
  });

  const index = glossaryIndex(ctx.glossary);
  for (const [id, body] of parsed.sections) {
    if (!used.has(id)) problems.push(`${textFile}: section '${id}' is used by no step or metadata field`);
    for (const t of termsIn(body))
      if (!findTerm(index, t.term))
        problems.push(`${textFile}: section '${id}': [[${t.term}]] is not in the glossary`);
    for (const p of placeholdersIn(body)) {
      if (!isMetric(p.metric))
        problems.push(`${textFile}: section '${id}': ${p.raw}: unknown metric '${p.metric}'`);
      if (!ctx.architectures.has(p.architecture as ArchitectureId))
        problems.push(`${textFile}: section '${id}': ${p.raw}: unknown architecture '${p.architecture}'`);
    }
    for (const c of citationsIn(body))
      if (!ctx.citations.has(c))
        problems.push(`${textFile}: section '${id}': [@${c}] is not in models/citations.json`);
  }
  return { lesson: { ...lesson, text: Object.fromEntries(parsed.sections) }, problems };
}

/** Validates a course: each lesson, plus unique ids and orders across lessons. */
export function validateCourse(
  sources: readonly LessonSource[],
  ctx: LessonContext,
): { lessons: LoadedLesson[]; problems: string[] } {
  const lessons: LoadedLesson[] = [];
  const problems: string[] = [];
  const orders = new Map<number, string>();
  for (const src of sources) {
    const r = validateLesson(src, ctx);
    problems.push(...r.problems);
    if (!r.lesson) continue;
    const other = orders.get(r.lesson.order);
    if (other)
      problems.push(`${src.path}/lesson.json: order: ${r.lesson.order} is also the order of ${other}`);
    orders.set(r.lesson.order, r.lesson.id);
    lessons.push(r.lesson);
  }
  lessons.sort((a, b) => a.order - b.order);
  return { lessons, problems };
}
