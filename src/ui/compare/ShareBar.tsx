import { useRef, type ChangeEvent } from 'react';
import type { ScenarioEstimate } from '../../engine/scenario/estimate';
import type { ComparisonView } from '../../engine/scenario/view';
import type { Scenario } from '../../model/scenario';
import { parseScenarioFile, scenarioFileText } from '../../model/scenarioCodec';
import { comparisonCsv, comparisonJson, smpResult } from './exporters';

export type Download = (fileName: string, text: string, mime: string) => void;

interface Props {
  scenario: Scenario;
  link: string;
  /** The simulation of the current scenario, when finished (exports need it). */
  result: ComparisonView | null;
  estimate: ScenarioEstimate | null;
  download: Download;
  onLoad: (scenario: Scenario, notice?: string) => void;
  onError: (message: string) => void;
}

const slug = (s: Scenario) => (s.name ?? 'scenario').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';

/** Share the link, save and load the scenario as a file, export the results. */
export function ShareBar({ scenario, link, result, estimate, download, onLoad, onError }: Props) {
  const linkRef = useRef<HTMLInputElement>(null);
  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      onError(`${file.name} could not be read. The current scenario is kept.`);
      return;
    }
    const r = parseScenarioFile(text, file.name);
    if (r.ok) onLoad(r.scenario, r.notice);
    else onError(`${r.message} The current scenario is kept.`);
  };
  const name = slug(scenario);
  return (
    <section className="share" aria-labelledby="share-heading">
      <h2 id="share-heading">Share and keep</h2>
      <div className="field">
        <label htmlFor="share-link">Link to this scenario</label>
        <div className="inline">
          <input id="share-link" ref={linkRef} type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => {
            linkRef.current?.select();
            void navigator.clipboard?.writeText(link).catch(() => undefined);
          }}>Copy link</button>
        </div>
      </div>
      <div className="inline buttons">
        <button type="button" onClick={() => download(`${name}.meshpath.json`, scenarioFileText(scenario), 'application/json')}>Save scenario file</button>
        <label className="file-button">
          Load scenario file
          <input type="file" accept=".json,application/json" onChange={(e) => void load(e)} data-testid="load-file" />
        </label>
      </div>
      <div className="inline buttons" role="group" aria-labelledby="export-label">
        <span id="export-label" className="group-label">Export the simulated results{result ? '' : ' (after the simulation finishes)'}:</span>
        <button type="button" disabled={!result} onClick={() => result && download(`${name}.results.csv`, comparisonCsv(result, estimate), 'text/csv')}>CSV</button>
        <button type="button" disabled={!result} onClick={() => result && download(`${name}.results.json`, comparisonJson(result, estimate), 'application/json')}>JSON</button>
        <button type="button" disabled={!result} onClick={() => result && download(`${name}.smp.json`, smpResult(result), 'application/json')}>SMP-shaped (simulated)</button>
      </div>
    </section>
  );
}
