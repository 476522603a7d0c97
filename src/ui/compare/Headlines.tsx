import type { Scenario } from '../../model/scenario';
import { headline, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { withPanelBoundary } from '../PanelBoundary';

/** One sentence per architecture against no mesh; each opens the hops behind it. */
/** `cause`: why every call fails whatever the design (see `failureCause`), said in the outcome clause. */
function HeadlinesView({
  figures,
  cause,
  load,
  onSelect,
}: {
  figures: Figures[];
  cause?: string;
  /** The scenario's load: a paced one's callers may send fewer than it offers. */
  load?: Scenario['workload']['load'];
  onSelect: Select;
}) {
  const baseline = figures.find((f) => f.id === 'no-mesh') ?? undefined;
  return (
    <ul className="headlines" data-testid="headlines">
      {figures.map((f) => {
        const text = headline(f, baseline, cause, load);
        return (
          <li key={f.id} data-arch={f.id}>
            <strong>{f.name}</strong>:{' '}
            {f.unsupported ? (
              <span className="unsupported">{text}</span>
            ) : (
              <NumButton
                label={`${f.name}: ${text} Show the hops and sources.`}
                onClick={() => onSelect({ architecture: f.id, focus: { kind: 'all', label: 'every hop' } })}
              >
                {text}
              </NumButton>
            )}
            {f.estimate?.notes
              .filter((n) => n.mode !== 'unsupported')
              .map((n) => (
                <span key={n.feature} className="hint note">
                  {' '}
                  {n.feature} {n.mode === 'always' ? 'is always on' : 'is not available'}: {n.reason}
                </span>
              ))}
          </li>
        );
      })}
    </ul>
  );
}

/** The headlines in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const Headlines = withPanelBoundary('headlines', HeadlinesView);
