// Wires a lesson being taken: the lesson host over a Simulate session (trace worker, real clock) and
// the run worker's comparisons, the runner with this browser's saved progress, the step into the address.
import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createLessonHost, type LessonStage } from '../machines/lesson/host';
import { figuresHidden } from '../machines/lesson/lessonMachine';
import { LESSON_RUN } from '../machines/lesson/comparison';
import { createProgressStore } from '../machines/lesson/progress';
import { createLessonRunner, type LessonRunner } from '../machines/lesson/runner';
import { lessonLink, parseLessonLink } from '../machines/lesson/setup';
import { createSimulateSession, type SimulateSession } from '../machines/simulate/session';
import type { LoadedLesson } from '../model/lessons';
import { LessonNotFound, useShippedLessons } from './shippedLessonsView';
import { SceneView } from '../scene/SceneView';
import { LessonPage } from '../ui/lessons/LessonPage';
import { ResultsTable } from '../ui/lessons/ResultsTable';
import { PlaybackControls } from '../ui/simulate/PlaybackControls';
import '../ui/simulate/simulate.css';
import type { EngineClient } from '../worker/client';
import { createTraceClient, type TraceClient } from '../worker/trace/client';
import { workerComparisons } from './lessonComparisons';
import { catalogs } from './lessonCatalogs';
import { sandboxLinks } from './lessonSandbox';
import { browserStorage } from './lessonsPage';
import type { Route } from './router';
import { rafTicker } from './simulate/ticker';
import { termLink } from '../ui/glossary/GlossaryTerm';

export function LessonPageRoute({
  route,
  engine,
}: {
  route: Route;
  engine: Pick<EngineClient, 'compareShard'>;
}) {
  const link = parseLessonLink(`#/${route.path}`);
  const loaded = useShippedLessons();
  const lesson = link ? loaded.lessons.find((l) => l.id === link.id) : undefined;
  if (!lesson) return <LessonNotFound what="Lesson" path={route.path} error={loaded.error} />;
  return (
    <LessonSession
      key={lesson.id}
      lesson={lesson}
      route={route}
      step={link!.stepGiven ? link!.stepIndex : null}
      engine={engine}
    />
  );
}

function LessonSession({
  lesson,
  route,
  step,
  engine,
}: {
  lesson: LoadedLesson;
  route: Route;
  step: number | null;
  engine: Pick<EngineClient, 'compareShard'>;
}) {
  const store = useMemo(() => createProgressStore(browserStorage()), []);
  const cat = useMemo(catalogs, []);
  const [pair, setPair] = useState<{ host: LessonStage; runner: LessonRunner } | null>(null);
  const force2d = route.params.get('gl') === '0';
  // Presenter mode: `?present` or `?present=1` in the link; toggled on the page, kept in the address.
  const [present, setPresent] = useState(() => presentIn(route.params));
  useEffect(() => setPresent(presentIn(route.params)), [route]);
  const query = useMemo(() => {
    const p = new URLSearchParams(route.params);
    p.delete('present');
    if (present) p.set('present', '1');
    return p.toString();
  }, [route, present]);

  useEffect(() => {
    let trace: TraceClient | null = null;
    const host = createLessonHost({
      openSimulate: (choices) => {
        trace = createTraceClient();
        return createSimulateSession({ trace, ticker: rafTicker }, { choices });
      },
      comparisons: workerComparisons(engine),
    });
    const saved = store.of(lesson.id);
    const runner = createLessonRunner({
      lesson,
      host,
      // A link to a step opens that step; the lesson alone resumes where this browser left off.
      startAt: step ?? saved?.step ?? 0,
      answers: saved?.bets,
      progress: store,
    });
    setPair({ host, runner });
    return () => {
      runner.dispose();
      host.dispose();
      (trace as TraceClient | null)?.dispose();
    };
    // The runner lives as long as the lesson is open; later links are followed below.
  }, [lesson, store, engine]);

  // The sandbox opens the scenario the lesson ended on. Its links encode the scenario (the short link
  // tries every preset), so they are made on the sandbox step only, not at every set step.
  const setup = useSyncExternalStore(
    useCallback((l: () => void) => pair?.host.subscribe(l) ?? (() => {}), [pair]),
    () => pair?.host.setup() ?? null,
  );
  const atSandbox = useSyncExternalStore(
    useCallback((l: () => void) => pair?.runner.subscribe(l) ?? (() => {}), [pair]),
    () => !!pair && lesson.steps[pair.runner.getSnapshot().context.index]?.type === 'sandbox',
  );
  const sandbox = useMemo(() => (atSandbox ? sandboxLinks(setup) : null), [atSandbox, setup]);

  // A link to another step of this lesson (typed, or back/forward): go there.
  useEffect(() => {
    if (!pair || step === null) return;
    if (pair.runner.getSnapshot().context.index !== step) pair.runner.goto(step);
  }, [route]);

  // The address names the step shown, so it can be shared or reloaded.
  useEffect(() => {
    if (!pair) return;
    const write = () => {
      const hash =
        lessonLink(lesson.id, pair.runner.getSnapshot().context.index) + (query ? `?${query}` : '');
      if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
    };
    write();
    return pair.runner.subscribe(write);
  }, [pair, lesson.id, query]);

  if (!pair) return null;
  return (
    <LessonPage
      sandbox={sandbox}
      lesson={lesson}
      runner={pair.runner}
      host={pair.host}
      picture={
        <Picture
          host={pair.host}
          runner={pair.runner}
          force2d={force2d}
          names={cat.names}
          presenting={present}
        />
      }
      presenting={present}
      onPresenting={setPresent}
      ctx={cat.ctx}
      names={cat.names}
      citations={cat.citations}
      problem={store.loadError}
    />
  );
}

const presentIn = (params: URLSearchParams) => params.has('present') && params.get('present') !== '0';

function Picture({
  host,
  runner,
  force2d,
  names,
  presenting,
}: {
  host: LessonStage;
  runner: LessonRunner;
  force2d: boolean;
  names: { architecture: (id: string) => string };
  presenting: boolean;
}) {
  // Predict, then run: the figures stay hidden until the bet is placed (and on the step before it).
  const betting = useSelector(runner.actor, (s) =>
    figuresHidden(runner.lesson.steps, s.context.index, s.context.status, s.context.answers),
  );
  const setup = useSyncExternalStore(host.subscribe, host.setup);
  const sim = useSyncExternalStore(host.subscribe, host.simulate);
  useSyncExternalStore(host.subscribe, host.resultsVersion);
  if (!setup) return <p role="status">Setting up…</p>;
  if (setup.page === 'compare')
    return (
      <>
        <h2 className="sr-only">Comparison</h2>
        {betting ? (
          <p className="lesson-waiting" data-testid="results-hidden">
            The comparison’s figures are hidden until you have placed your bet.
          </p>
        ) : (
          <ResultsTable
            state={host.comparison()}
            name={names.architecture}
            requests={LESSON_RUN.measuredRequests}
          />
        )}
      </>
    );
  return sim ? (
    <SimPicture session={sim} force2d={force2d} presenting={presenting} />
  ) : (
    <p role="status">Opening the simulation…</p>
  );
}

function SimPicture({
  session,
  force2d,
  presenting,
}: {
  session: SimulateSession;
  force2d: boolean;
  presenting: boolean;
}) {
  const page = useSyncExternalStore(session.subscribe, session.page);
  const [keys, setKeys] = useState(false);
  const v = page.view;
  if (v.status === 'loading') return <p role="status">Opening the simulation…</p>;
  if (v.status === 'error')
    return (
      <p role="alert" className="notice">
        {v.message}
      </p>
    );
  if (v.status === 'unsupported')
    return (
      <p role="alert" className="notice">
        This architecture cannot run the scenario: {v.reasons.join('; ')}
      </p>
    );
  return (
    <div className="lesson-sim" data-testid="lesson-sim">
      <h2 className="sr-only">
        Simulation: {v.layout.architecture.name}, {v.layout.scenarioName}
      </h2>
      <div className="lesson-scene">
        {presenting && (
          // On the picture's frame, for the back of the room (presenter.css).
          <p className="lesson-arch-name" data-testid="lesson-arch-name">
            {v.layout.architecture.name}
          </p>
        )}
        <SceneView
          layout={v.layout}
          buffer={v.buffer}
          actor={v.actor}
          selection={page.selection}
          onSelect={session.select}
          camera={page.camera}
          onCamera={session.setCamera}
          force2d={force2d}
          antialias={false}
          presentation={presenting}
          shownAs={page.shownAs}
          onShownAs={session.showAs}
          narrate={page.narrate}
          onNarrate={session.setNarration}
          highlight={page.highlight}
          termLink={termLink}
        />
      </div>
      {/* Under the picture, so the picture starts on the first screen at 1280×800. */}
      <PlaybackControls actor={v.actor} buffer={v.buffer} onShowShortcuts={() => setKeys((k) => !k)} />
      {keys && (
        <p className="hint">
          Lesson keys: → Page Down Space or “.” next step, ← Page Up previous step. The buttons above play,
          pause and step the simulation.
        </p>
      )}
    </div>
  );
}
