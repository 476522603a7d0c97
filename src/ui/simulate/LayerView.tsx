import type { LayerRow, LayerTable } from './inspectorData';

const ACTION_WORDS: Record<LayerRow['action'], string> = {
  added: 'adds',
  removed: 'removes',
  rewritten: 'rewrites',
  read: 'reads',
  carried: 'carries',
  passed: 'passes untouched',
};

/** The layer going in and coming out, each on its own line; one line when the hop leaves it as it was. */
function Values({ row }: { row: LayerRow }) {
  const same = row.in !== null && row.in === row.out;
  if (same)
    return (
      <span className="sim-layer-value" data-testid="layer-out">
        {row.out}
      </span>
    );
  return (
    <>
      {row.in !== null && (
        <span className="sim-layer-value">
          <span className="sim-layer-dir">in: </span>
          {row.in}
        </span>
      )}
      {row.out !== null && (
        <span className="sim-layer-value" data-testid="layer-out">
          <span className="sim-layer-dir">out: </span>
          {row.out}
        </span>
      )}
    </>
  );
}

/** Where the message sits before and after the hop, in one line (the inspector above says where it came from). */
const whereText = (inAt: string, outAt: string) =>
  inAt === outAt ? `The message stays in: ${inAt}.` : `The message moves from ${inAt} to ${outAt}.`;

/**
 * The message going into and out of one hop, layer by layer (innermost first), as an accessible table of two
 * columns that fits the inspector's width: the layer, then what the hop does with its in and out values stacked.
 */
export function LayerView({ table, label }: { table: LayerTable; label: string }) {
  const { view, rows } = table;
  const v = view.variant;
  const sources = table.citations
    .map((c) => c.title)
    .concat(table.unknownSources.map((id) => `${id} (not in the citation registry)`));
  return (
    <div className="sim-layer-view" data-testid="layer-view" data-variant={`${view.entry.kind}/${v.id}`}>
      <p>{v.does}</p>
      {v.handshake && (
        <p className="hint">
          Connection set-up: the message here is the handshake itself, not the request’s bytes.
        </p>
      )}
      <p className="hint">{whereText(v.inAt, v.outAt)}</p>
      {rows.length === 0 ? (
        <p data-testid="layer-none">No header is built, read or changed here: the bytes move as they are.</p>
      ) : (
        <table className="sim-layer-table">
          <caption className="sr-only">Message layers going into and out of {label}, innermost first</caption>
          <thead>
            <tr>
              <th scope="col">layer</th>
              <th scope="col">this hop: in → out</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.layer} className={`layer-${r.action}`} data-layer={r.layer} data-action={r.action}>
                <th scope="row">
                  <abbr title={r.title}>{r.name}</abbr>
                </th>
                <td>
                  <span className="sim-layer-action">{ACTION_WORDS[r.action]}</span>
                  <Values row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.problems.length > 0 && (
        <p role="alert">The layer model does not fit this route here: {view.problems.join('; ')}</p>
      )}
      <p className="hint">
        Layer description from: {sources.join('; ')}.{' '}
        {view.entry.standard
          ? `Header details: ${view.entry.standard}.`
          : view.entry.inferred
            ? 'Header details are standard Linux and protocol behaviour, inferred from those sources.'
            : ''}
      </p>
    </div>
  );
}
