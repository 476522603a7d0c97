import type { Sample } from './types';

interface Props {
  samples: readonly Sample[];
  selected: string;
  onSelect: (id: string) => void;
}

/** A radio group: arrow keys move between scenarios, each with its description read out. */
export function SamplePicker({ samples, selected, onSelect }: Props) {
  return (
    <fieldset className="samples">
      <legend>Scenario</legend>
      {samples.map((s) => (
        <div className="sample" key={s.id}>
          <input
            type="radio"
            id={`sample-${s.id}`}
            name="sample"
            value={s.id}
            checked={s.id === selected}
            aria-describedby={`sample-${s.id}-desc`}
            onChange={() => onSelect(s.id)}
          />
          <label htmlFor={`sample-${s.id}`}>{s.label}</label>
          <p id={`sample-${s.id}-desc`} className="hint">
            {s.description}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
