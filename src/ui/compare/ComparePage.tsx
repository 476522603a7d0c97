import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { CompareSession } from '../../machines/compare/session';
import type { Scenario } from '../../model/scenario';
import { DetailsPanel } from './DetailsPanel';
import { DetailGroups, LatencyGroup } from './DetailGroups';
import { failureCause, figuresOf } from './figures';
import { Headlines } from './Headlines';
import type { Selection } from './NumButton';
import { LiveRunStatus } from './RunStatus';
import { ScenarioForm } from './ScenarioForm';
import { ShareBar, type Download } from './ShareBar';
import type { CompareCatalog } from './types';
import { sameButProgress, useSession } from './useSession';
import './compare.css';

export interface ComparePageProps {
  /** The page's state: the page renders its snapshots and sends it commands. */
  session: CompareSession;
  catalog: CompareCatalog;
  /** The shareable link of a scenario. */
  linkFor: (scenario: Scenario, replications: number, precision: number | null, embed?: boolean) => string;
  download: Download;
  embed?: boolean;
  /** The group of detailed results shown first (`latency`, `cpu`, `memory`, `scaling`, `uncertainty`, `features`). */
  section?: string;
  /** Told when the reader picks another group, so the address can keep it. */
  onSectionChange?: (id: string) => void;
}

export function ComparePage(props: ComparePageProps) {
  const { session, catalog, linkFor, download, embed = false } = props;
  // Progress changes many times a second during a run; only the status line follows it (LiveRunStatus).
  const ctx = useSession(session, (s) => s, sameButProgress);
  // The detailed results draw this, a render behind when a new snapshot arrives (DetailGroups.tsx).
  const detail = useDeferredValue(ctx);
  const phase = ctx.phase;
  const [selection, setSelectionState] = useState<Selection | null>(null);
  // Which group of the detailed results is shown (one at a time: the page stays a few screens long).
  const [section, setSection] = useState(props.section ?? 'latency');
  // The scenario form can be folded away, so the results take the page's width (on a projector, say).
  const [formShown, setFormShown] = useState(true);
  // Closing the details returns focus to the figure that opened them.
  const opener = useRef<HTMLElement | null>(null);
  // Stable, so the memoised detail groups pass over an urgent render.
  const setSelection = useCallback((sel: Selection) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setSelectionState(sel);
  }, []);
  const onSectionChange = useRef(props.onSectionChange);
  onSectionChange.current = props.onSectionChange;
  const showSection = useCallback((id: string) => {
    setSection(id);
    onSectionChange.current?.(id);
  }, []);
  const closeDetails = () => {
    setSelectionState(null);
    const back = opener.current;
    if (back?.isConnected) back.focus();
  };
  const simulated = ctx.simulated;
  const result = ctx.result;
  const figures = useMemo(() => figuresOf(ctx.estimate, result), [ctx.estimate, result]);
  const change = (scenario: Scenario, replications?: number) => session.setScenario(scenario, replications);
  const load = (scenario: Scenario, notice?: string) => session.load(scenario, notice);
  const names = Object.fromEntries(catalog.architectures.map((a) => [a.id, a.name]));
  const s = ctx.scenario;
  // The share link, made by the share bar after the render (see ShareBar); it names the group shown.
  const makeLink = useCallback(
    () => linkFor(s, ctx.replications, ctx.precision),
    [linkFor, s, ctx.replications, ctx.precision, section], // section: linkFor reads the group shown
  );
  // Rounds may have run more replications than the first round's count.
  const reps = result?.replications ?? ctx.replications;
  const summary =
    'measuredRequests' in s.run
      ? `${s.architectures.length} architecture${s.architectures.length === 1 ? '' : 's'} × ${reps} replications × ${s.run.measuredRequests.toLocaleString('en')} measured requests, seed ${s.seed}`
      : `${s.architectures.length} architectures × ${reps} replications, seed ${s.seed}`;
  const selected = selection ? figures.find((f) => f.id === selection.architecture) : undefined;
  const { text: scenarioName, edited } = ctx.title;
  // Until the first estimate arrives there are no headlines; what sits below them stays out of the
  // layout meanwhile (hidden, still mounted), so their arrival adds to the page instead of moving it.
  const firstEstimate = figures.length === 0 && phase === 'estimating';

  const status = (
    <LiveRunStatus
      session={session}
      phase={phase}
      simulated={simulated}
      precision={result?.precision ?? null}
      refining={ctx.refining}
      canRun={ctx.canRun}
      notice={ctx.notice}
      sweep={simulated ? ctx.sweep : null}
      summary={summary}
      names={names}
      onCancel={() => session.cancel()}
      onRun={() => session.run()}
    />
  );
  const named = (
    <p className="scenario-name" data-testid="scenario-name" data-edited={edited ? 'true' : 'false'}>
      Scenario: <strong>{scenarioName}</strong>
    </p>
  );
  // While a new scenario is estimated the headlines are still the last one's: dimmed and said so, over
  // them rather than above them, so the page does not move twice a change.
  const stale = ctx.estimateStale && figures.length > 0;
  const headlines = (
    <div className="headlines-box" data-testid="headlines-box" data-stale={stale} aria-busy={stale}>
      {stale && (
        <p className="stale-note" role="note">
          The previous scenario’s figures, until this one’s estimate is ready.
        </p>
      )}
      <Headlines figures={figures} cause={failureCause(s)} load={s.workload.load} onSelect={setSelection} />
    </div>
  );
  const details = selection && selected && (
    <DetailsPanel
      selection={selection}
      figures={selected}
      simulated={simulated}
      citations={catalog.citations}
      onClose={closeDetails}
    />
  );
  const results = <LatencyGroup snap={detail} catalog={catalog} onSelect={setSelection} />;

  if (embed) {
    return (
      <main className="compare compare-embed">
        <h1>{s.name ?? 'What each mesh design costs'}</h1>
        <p>
          <a href={linkFor(s, ctx.replications, ctx.precision)} target="_blank" rel="noopener">
            Open this scenario in meshpath
          </a>{' '}
          to change it.
        </p>
        {named}
        {status}
        {headlines}
        {details}
        <div className="embed-results" aria-busy={detail !== ctx}>
          {results}
        </div>
      </main>
    );
  }

  return (
    <main className="compare">
      <h1>Compare: what each design costs</h1>
      <p className="lead">
        The same scenario and seed on every design you pick. An analytic estimate comes first (at once for a
        small mesh, within seconds for thousands of pods); the simulation then refines it with percentiles and
        confidence intervals. Every number opens the hops and sources behind it.
      </p>
      {/* DOM order: the summary (what the scenario costs), the controls, then the detail. Wide screens put
          the summary and detail beside the controls; narrow ones read top to bottom. */}
      <div className={`compare-layout${formShown ? '' : ' form-hidden'}`}>
        <section className="results-summary" aria-labelledby="results-heading" data-testid="results-summary">
          <div className="results-title">
            <h2 id="results-heading">Results</h2>
            <button
              type="button"
              className="form-toggle"
              aria-controls="scenario-form"
              aria-expanded={formShown}
              onClick={() => setFormShown((v) => !v)}
            >
              {formShown ? 'Hide the scenario form' : 'Show the scenario form'}
            </button>
          </div>
          {named}
          {status}
          {headlines}
          <p className="hint skip-to-detail" hidden={firstEstimate}>
            {/* A button, not a fragment link: the hash holds the route. */}
            <button
              type="button"
              className="link-button"
              onClick={() => document.getElementById('detail-heading')?.focus()}
            >
              Skip to the detailed results
            </button>
          </p>
        </section>
        <ScenarioForm
          scenario={s}
          replications={ctx.replications}
          precision={ctx.precision}
          onPrecision={(p) => session.setPrecision(p)}
          estimate={ctx.estimate}
          catalog={catalog}
          onChange={change}
          onLoadPreset={load}
          hidden={!formShown}
        />
        <section
          className="results"
          aria-labelledby="detail-heading"
          hidden={firstEstimate}
          aria-busy={detail !== ctx}
        >
          <h2 id="detail-heading" tabIndex={-1}>
            Detailed results
          </h2>
          {details}
          <DetailGroups
            snap={detail}
            catalog={catalog}
            onSelect={setSelection}
            session={session}
            section={section}
            onSection={showSection}
          />
          <ShareBar
            scenario={s}
            makeLink={makeLink}
            result={result}
            estimate={ctx.estimate}
            download={download}
            onLoad={(scenario, notice) => load(scenario, notice)}
            title={ctx.title}
          />
        </section>
      </div>
    </main>
  );
}
