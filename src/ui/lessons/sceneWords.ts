import type { Step } from '../../model/lesson';

type SetStep = Extract<Step, { type: 'set' }>;

const CAMERA_WORDS: Record<NonNullable<SetStep['camera']>, string> = {
  overview: 'The camera shows the whole scene.',
  path: 'The camera follows the request’s packet.',
  client: 'The camera looks into the kernel of the client’s node.',
  server: 'The camera looks into the kernel of the server’s node.',
};

/**
 * What a set step changes, in a sentence, for a step with no words of its own (the lesson page) and
 * for the handout: the designs compared or shown and the scenario, then the view and the camera.
 */
export function sceneWords(
  step: SetStep,
  names: { architecture: (id: string) => string; preset: (id: string) => string },
): string {
  const scenario = step.scenario ? ` on the “${names.preset(step.scenario.preset)}” scenario` : '';
  const out: string[] = [];
  if (step.architectures)
    out.push(`The comparison: no mesh, ${step.architectures.map(names.architecture).join(', ')}${scenario}.`);
  else if (step.architecture)
    out.push(`The simulation shows ${names.architecture(step.architecture)}${scenario}.`);
  else if (scenario) out.push(`The scene changes${scenario}.`);
  if (step.view === 'load') out.push('The load view: many requests at once, with the queues they build.');
  if (step.view === 'trace') out.push('The trace view: every hop of each request, slowed down.');
  if (step.camera) out.push(CAMERA_WORDS[step.camera]);
  return out.length ? out.join(' ') : 'The scene changes.';
}
