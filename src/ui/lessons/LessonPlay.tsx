import { useSelector } from '@xstate/react';
import { useCallback, useSyncExternalStore } from 'react';
import type { LessonStage } from '../../machines/lesson/host';
import type { SimulateSession } from '../../machines/simulate/session';

type Ready = Extract<ReturnType<SimulateSession['page']>['view'], { status: 'ready' }>;

const none = () => () => {};

/**
 * Play and pause in the step controls, which stay at the window's bottom: a step that says "play on"
 * is answered there, where the simulation's own Play button can be below the fold (1280 × 800). Shown
 * while a step shows the simulation and its run is open.
 */
export function LessonPlay({ host }: { host: LessonStage }) {
  const setup = useSyncExternalStore(host.subscribe, host.setup);
  const sim = useSyncExternalStore(host.subscribe, host.simulate);
  const view = useSyncExternalStore(
    useCallback((l: () => void) => sim?.subscribe(l) ?? none(), [sim]),
    () => sim?.page().view ?? null,
  );
  if (!sim || setup?.page === 'compare' || view?.status !== 'ready') return null;
  return <PlayButton view={view} sim={sim} />;
}

function PlayButton({ view, sim }: { view: Ready; sim: SimulateSession }) {
  const playing = useSelector(view.actor, (s) => s.matches('playing'));
  return (
    // Named apart from the simulation's own Play button; the visible word stays in the name (WCAG 2.5.3).
    <button
      type="button"
      onClick={sim.toggle}
      data-testid="lesson-play"
      aria-label={playing ? 'Pause the run' : 'Play the run'}
    >
      {playing ? 'Pause' : 'Play'}
    </button>
  );
}
