import { useEffect, useRef } from 'react';
import { citationHref } from '../../model/references';
import { withDocLinks } from '../sources/DocLinks';
import type { HopLedgerEntry } from '../../model/comparison';
import type { Citation } from '../../model/citation';
import { ScrollBox } from './ScrollBox';
import { mib, type Figures } from './figures';
import type { Focus, Selection } from './NumButton';
import { withPanelBoundary } from '../PanelBoundary';

interface Props {
  selection: Selection;
  figures: Figures;
  simulated: boolean;
  citations: Citation[];
  onClose: () => void;
}

const us = (v: number) => (v === 0 ? '0' : v < 10 ? v.toFixed(2) : v.toFixed(1));

export function filterLedger(ledger: HopLedgerEntry[], focus: Focus): HopLedgerEntry[] {
  switch (focus.kind) {
    case 'category':
      return ledger.filter((l) => l.category === focus.category);
    case 'component':
      return ledger.filter((l) => l.component === focus.component && l.cpuUs + l.postUs > 0);
    case 'cpu-class':
      return ledger.filter((l) => l.cpuClass === focus.cpuClass && l.cpuUs + l.postUs > 0);
    default:
      return ledger;
  }
}

/** The hops (or footprint components) behind a figure, with their costs, standing and citations. */
function DetailsPanelView({ selection, figures, simulated, citations, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [selection]);
  const { focus } = selection;
  const fromSim = simulated && figures.simulated?.ledger;
  const ledger = filterLedger((fromSim ? figures.simulated!.ledger : figures.estimate?.ledger) ?? [], focus);
  const fp = figures.estimate?.footprint;
  const ids = new Set<string>(
    focus.kind === 'memory'
      ? (fp?.components.flatMap((c) => c.sources) ?? [])
      : ledger.flatMap((l) => l.sources),
  );
  const cited = citations.filter((c) => ids.has(c.id));
  const byId = new Map(citations.map((c) => [c.id, c]));
  const total = ledger.reduce((s, l) => s + l.visits * (l.serviceUs + l.waitUs), 0);
  const cpu = ledger.reduce((s, l) => s + l.cpuPerRequestContainer + l.cpuPerRequestKernel, 0);

  return (
    <section
      className="details"
      aria-labelledby="details-heading"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="details-head">
        <h3 id="details-heading" ref={heading} tabIndex={-1}>
          Behind {figures.name}: {focus.label}
        </h3>
        <button type="button" onClick={onClose}>
          Close details
        </button>
      </div>
      {focus.kind === 'memory' ? (
        fp ? (
          <ScrollBox label="Footprint components, table">
            <table className="figures" data-testid="details-table">
              <caption>
                Footprint components over {fp.mesh.pods.toLocaleString('en')} pods (closed-form model)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">counted per</th>
                  <th scope="col">instances</th>
                  <th scope="col">used each</th>
                  <th scope="col">reserved each</th>
                  <th scope="col">standing</th>
                  <th scope="col">sources</th>
                </tr>
              </thead>
              <tbody>
                {fp.components.map((c) => (
                  <tr key={c.component}>
                    <th scope="row">{c.name}</th>
                    <td>{c.per}</td>
                    <td>{c.instances.toLocaleString('en')}</td>
                    <td>{mib(c.used.memoryMiB)}</td>
                    <td>
                      {mib(c.reserved.memoryMiB)}, {c.reserved.cpuMilli} m CPU
                    </td>
                    <td>
                      <Standing standing={c.standing} />
                    </td>
                    <td>
                      {c.sources.map((id) => (
                        <Cite key={id} id={id} title={byId.get(id)?.title} />
                      ))}
                    </td>
                  </tr>
                ))}
                {fp.components.length === 0 && (
                  <tr>
                    <td colSpan={7}>Nothing beyond what every cluster runs.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <p>No footprint for this architecture.</p>
        )
      ) : (
        <>
          <p className="hint">
            {fromSim
              ? 'Times measured in the simulation (means over every traversal in every replication). '
              : 'Times from the analytic estimate. '}
            Model cost is the hop kind’s cost at the scenario’s profile and message size; visits are per
            request (replicas share a call’s visits). Together these hops take {us(total)} µs per request
            (parallel branches added up) and {us(cpu)} µs of CPU.
          </p>
          <ScrollBox label="Hops behind the figure, table">
            <table className="figures details-table" data-testid="details-table">
              <caption>
                Hops behind {figures.name}’s {focus.label}, in the order a request meets them
              </caption>
              <thead>
                <tr>
                  <th scope="col">Hop</th>
                  <th scope="col">call, leg</th>
                  <th scope="col">where</th>
                  <th scope="col">category</th>
                  <th scope="col">visits per request</th>
                  <th scope="col">model cost, µs (on path / CPU / after)</th>
                  <th scope="col">time in hop, µs</th>
                  <th scope="col">waiting, µs</th>
                  <th scope="col">CPU per request, µs</th>
                  <th scope="col">standing</th>
                  <th scope="col">sources</th>
                </tr>
              </thead>
              <tbody>
                {ledger.map((l) => (
                  <tr key={l.key} data-kind={l.kind}>
                    <th scope="row">
                      {l.label}
                      <br />
                      <code>{l.kind}</code>
                    </th>
                    <td>
                      {l.call}, {l.leg}
                    </td>
                    <td>
                      {l.side} {l.component}
                    </td>
                    <td>{l.category}</td>
                    <td>{Number(l.visits.toFixed(3))}</td>
                    <td>
                      {us(l.onPathUs)} / {us(l.cpuUs)}
                      {l.postUs > 0 ? ` / +${us(l.postUs)}` : ''}
                    </td>
                    <td>{us(l.serviceUs)}</td>
                    <td>{us(l.waitUs)}</td>
                    <td>{us(l.cpuPerRequestContainer + l.cpuPerRequestKernel)}</td>
                    <td>
                      <Standing standing={l.standing} />
                    </td>
                    <td>
                      {l.sources.map((id) => (
                        <Cite key={id} id={id} title={byId.get(id)?.title} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
      <h4>Sources</h4>
      <ul className="citations">
        {cited.map((c) => (
          <li key={c.id}>
            <code>{c.id}</code> — {c.title} ({c.publisher}, {c.version}).{' '}
            <span className="standing">
              {c.standing}
              {c.standing === 'estimate' ? ': meshpath’s own proposal' : ''}
            </span>
            . {withDocLinks(c.figure)} <span className="hint">Conditions: {withDocLinks(c.conditions)}</span>{' '}
            <SourceLink url={c.url} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A web page or GitHub file opens in a new tab; a document shipped with the site opens here. */
function SourceLink({ url }: { url: string }) {
  const href = citationHref(url);
  if (!href) return <span>{url}</span>;
  if (href.startsWith('#')) return <a href={href}>source</a>;
  return (
    <a href={href} rel="noreferrer noopener" target="_blank">
      source
    </a>
  );
}

function Standing({ standing }: { standing: string }) {
  return <span className={`standing standing-${standing}`}>{standing}</span>;
}

function Cite({ id, title }: { id: string; title?: string }) {
  return (
    <span className="cite">
      <code title={title}>{id}</code>{' '}
    </span>
  );
}

/** The details panel in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const DetailsPanel = withPanelBoundary('details panel', DetailsPanelView);
