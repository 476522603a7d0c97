import { LINK_FILTER_LABEL, LINK_FILTERS, type LinkFilter } from './linkFilter';

/** "Links: All · Carrying traffic now · Of the selected node": which links between nodes the picture draws. */
export function LinkFilterControl({
  value,
  onChange,
  total,
  selected,
}: {
  value: LinkFilter;
  onChange: (f: LinkFilter) => void;
  total: number;
  selected: boolean;
}) {
  return (
    <div className="sim-scene-tools" role="group" aria-label="Links between nodes">
      <span>Links:</span>
      {LINK_FILTERS.map((f) => (
        <button key={f} type="button" aria-pressed={value === f} onClick={() => onChange(f)}>
          {LINK_FILTER_LABEL[f]}
        </button>
      ))}
      <span className="hint" data-testid="links-hint">
        {value === 'selected' && !selected ? 'select a node, pod or packet' : `${total} in all`}
      </span>
    </div>
  );
}
