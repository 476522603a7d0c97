import { useDeferredValue, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { ScenarioEstimate } from '../../model/comparison';
import type { ComparisonView } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { parseScenarioFile, scenarioFileText } from '../../model/scenarioCodec';
import { shortLinksPrepared } from '../../model/shortLink';
import { comparisonCsv, comparisonJson, smpResult } from './exporters';
import { onIdle, prepareLinksWhenIdle, type Idle } from './prepareLinksIdle';

export type Download = (fileName: string, text: string, mime: string) => void;

interface Props {
  scenario: Scenario;
  /**
   * Makes the link to the scenario (a new function when the link changes). It is made after the render
   * that asked for it, in one of its own: encoding a large scenario takes tens of ms, which the render of
   * a change (and the first render of a page opened from a link) should not wait for.
   */
  makeLink: () => string;
  /** The simulation of the current scenario, when finished (exports need it). */
  result: ComparisonView | null;
  estimate: ScenarioEstimate | null;
  download: Download;
  onLoad: (scenario: Scenario, notice?: string) => void;
  /** Also told of a file that could not be loaded (the message shows next to the file control too). */
  onError?: (message: string) => void;
  /** When the presets are prepared (the browser's idle moments; tests pass their own). */
  idle?: Idle;
  /** What the page calls the scenario: once edited from a preset, the files go by that, not the preset's name. */
  title?: { text: string; edited: boolean };
}

const slug = (s: Scenario) =>
  (s.name ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'scenario';

/** Share the link, save and load the scenario as a file, export the results. */
export function ShareBar({
  scenario,
  makeLink,
  result,
  estimate,
  download,
  onLoad,
  onError,
  idle = onIdle,
  title,
}: Props) {
  // An edited preset is no longer the preset its name and description describe: the file says so.
  const saved = useMemo<Scenario>(() => {
    if (!title?.edited) return scenario;
    const { description: _described, ...rest } = scenario;
    return { ...rest, name: title.text };
  }, [scenario, title]);
  const deferred = useDeferredValue<(() => string) | null>(makeLink, null);
  // The presets a link is compared with are prepared first, one per idle moment (shortLink.ts): made
  // with none prepared, the first link of a page opened from a link parsed them all in one task.
  const [prepared, setPrepared] = useState(shortLinksPrepared);
  useEffect(() => prepareLinksWhenIdle(idle, () => setPrepared(true)), [idle]);
  const link = useMemo(() => (deferred && prepared ? deferred() : ''), [deferred, prepared]);
  const linkRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileStatus, setFileStatus] = useState('');
  const [copied, setCopied] = useState('');
  const fail = (message: string) => {
    setFileStatus('');
    setFileError(message);
    onError?.(message);
  };
  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setFileError(null);
    let text: string;
    try {
      text = await file.text();
    } catch {
      fail(`${file.name} could not be read. The current scenario is kept.`);
      return;
    }
    const r = parseScenarioFile(text, file.name);
    if (r.ok) {
      setFileStatus(`Loaded ${file.name}.`);
      onLoad(r.scenario, r.notice);
    } else fail(`${r.message} The current scenario is kept.`);
  };
  const name = slug(saved);
  return (
    <section className="share" aria-labelledby="share-heading">
      <h2 id="share-heading">Share and keep</h2>
      <div className="field">
        <label htmlFor="share-link">Link to this scenario</label>
        <div className="inline">
          <input
            id="share-link"
            ref={linkRef}
            type="text"
            readOnly
            value={link}
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            onClick={() => {
              linkRef.current?.select();
              setCopied('');
              const done = (ok: boolean) =>
                setCopied(
                  ok
                    ? 'Link copied to the clipboard.'
                    : 'Could not copy: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it.',
                );
              if (!navigator.clipboard?.writeText) done(false);
              else
                navigator.clipboard.writeText(link).then(
                  () => done(true),
                  () => done(false),
                );
            }}
          >
            Copy link
          </button>
        </div>
        <p role="status" className="hint" data-testid="copy-status">
          {copied}
        </p>
      </div>
      <div className="inline buttons">
        <button
          type="button"
          onClick={() => download(`${name}.meshpath.json`, scenarioFileText(saved), 'application/json')}
        >
          Save scenario file
        </button>
        <label className="file-button">
          Load scenario file
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => void load(e)}
            data-testid="load-file"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={fileError ? 'load-file-error' : undefined}
          />
        </label>
      </div>
      {fileError && (
        <p
          role="alert"
          id="load-file-error"
          className="status-error file-error"
          data-testid="load-file-error"
        >
          {fileError}
        </p>
      )}
      <p role="status" className="hint">
        {fileStatus}
      </p>
      <div className="inline buttons" role="group" aria-labelledby="export-label">
        <span id="export-label" className="group-label">
          Export the simulated results{result ? '' : ' (after the simulation finishes)'}:
        </span>
        <button
          type="button"
          disabled={!result}
          onClick={() =>
            result && download(`${name}.results.csv`, comparisonCsv(result, estimate), 'text/csv')
          }
        >
          CSV
        </button>
        <button
          type="button"
          disabled={!result}
          onClick={() =>
            result && download(`${name}.results.json`, comparisonJson(result, estimate), 'application/json')
          }
        >
          JSON
        </button>
        <button
          type="button"
          disabled={!result}
          onClick={() => result && download(`${name}.smp.json`, smpResult(result), 'application/json')}
        >
          SMP-shaped (simulated)
        </button>
      </div>
    </section>
  );
}
