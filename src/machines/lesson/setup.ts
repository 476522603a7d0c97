import type { Lesson, ScenarioChanges, SetStepData } from '../../model/lesson';
import type { ArchitectureId } from '../../model/architecture';

/**
 * What the sessions should show at a step: every set step up to it folded together, so any step can
 * be entered directly (a deep link, back, replay) and look exactly as when reached by Next.
 */
export interface HostSetup {
  page: 'simulate' | 'compare';
  preset: string;
  changes: ScenarioChanges | null;
  architecture: ArchitectureId | null;
  architectures: ArchitectureId[];
  view: 'trace' | 'load';
  speed: number | null;
  camera: SetStepData['camera'] | null;
}

export function hostSetupAt(lesson: Pick<Lesson, 'steps'>, index: number): HostSetup {
  const s: HostSetup = {
    page: 'simulate',
    preset: '',
    changes: null,
    architecture: null,
    architectures: [],
    view: 'trace',
    speed: null,
    camera: null,
  };
  for (const step of lesson.steps.slice(0, index + 1)) {
    if (step.type !== 'set') continue;
    if (step.page) s.page = step.page;
    if (step.scenario) {
      // A new preset starts from its own settings; changes with the same preset add up.
      const same = step.scenario.preset === s.preset;
      s.preset = step.scenario.preset;
      s.changes = step.scenario.changes
        ? { ...(same ? s.changes : {}), ...step.scenario.changes }
        : same
          ? s.changes
          : null;
    }
    if (step.architecture) s.architecture = step.architecture;
    if (step.architectures) s.architectures = step.architectures;
    if (step.view) s.view = step.view;
    if (step.speed) s.speed = step.speed;
    if (step.camera) s.camera = step.camera;
  }
  return s;
}

/** Deep links: `#/lesson/<id>/<step>` with steps counted from 1, as people count them. */
export function lessonLink(id: string, stepIndex: number): string {
  return `#/lesson/${id}/${stepIndex + 1}`;
}

/** `stepGiven` is false for `#/lesson/<id>` alone: the page then resumes where the learner left off. */
export function parseLessonLink(hash: string): { id: string; stepIndex: number; stepGiven: boolean } | null {
  const m = /^#\/lesson\/([0-9]{2}-[a-z0-9-]+)(?:\/([0-9]{1,3}))?\/?$/.exec(hash);
  if (!m) return null;
  const step = m[2] === undefined ? 1 : Number(m[2]);
  return step >= 1 ? { id: m[1], stepIndex: step - 1, stepGiven: m[2] !== undefined } : null;
}
