import type { LayerTable } from './inspectorData';

const ACTION_WORDS: Record<LayerTable['rows'][number]['action'], string> = {
  added: 'adds',
  removed: 'removes',
  rewritten: 'rewrites',
  read: 'reads',
  carried: 'carries',
  passed: 'passes untouched',
};

/** The message going into and out of one hop, layer by layer (innermost first), as an accessible table. */
export function LayerView({ table, label }: { table: LayerTable; label: string }) {
  const { view, rows } = table;
  const v = view.variant;
  return (
    <div className="sim-layer-view" data-testid="layer-view" data-variant={`${view.entry.kind}/${v.id}`}>
      <p>{v.does}</p>
      {v.handshake && (
        <p className="hint">Connection set-up: the message here is the handshake itself, not the request’s bytes.</p>
      )}
      <p className="hint">In: {v.inAt}. Out: {v.outAt}.</p>
      {rows.length === 0 ? (
        <p data-testid="layer-none">No header is built, read or changed here: the bytes move as they are.</p>
      ) : (
        <table className="sim-layer-table">
          <caption className="sr-only">Message layers going into and out of {label}, innermost first</caption>
          <thead>
            <tr><th scope="col">layer</th><th scope="col">in</th><th scope="col">this hop</th><th scope="col">out</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.layer} className={`layer-${r.action}`} data-layer={r.layer} data-action={r.action}>
                <th scope="row">{r.title}</th>
                <td>{r.in ?? <span title="not present">—</span>}</td>
                <td className="sim-layer-action">{ACTION_WORDS[r.action]}</td>
                <td>{r.out ?? <span title="not present">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.problems.length > 0 && <p role="alert">The layer model does not fit this route here: {view.problems.join('; ')}</p>}
      <p className="hint">
        Layer description from: {table.citations.map((c) => c.title).concat(table.unknownSources.map((id) => `${id} (not in the citation registry)`)).join('; ')}
        {view.entry.inferred ? '. Header details are standard Linux and protocol behaviour, inferred from those sources.' : '.'}
      </p>
    </div>
  );
}
