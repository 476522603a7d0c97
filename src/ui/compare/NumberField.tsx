import { useEffect, useId, useState } from 'react';
import { formatNumber, parseNumber, rangeText, type NumberRule } from './numbers';

interface Props extends NumberRule {
  value: number;
  onCommit: (value: number) => void;
  /** Extra help under the label. */
  hint?: string;
  disabled?: boolean;
}

/**
 * A number with its unit and range. A valid entry takes effect as it is typed; an invalid one is
 * never clamped or half-applied: on Enter or leaving the field it says what the field takes and that
 * the previous value is kept (Esc restores it).
 */
export function NumberField({ value, onCommit, hint, disabled, ...rule }: Props) {
  const id = useId();
  const [text, setText] = useState(formatNumber(value));
  const [error, setError] = useState<string | null>(null);

  // Follow outside changes (a preset, a link, back/forward) unless the user is mid-correction.
  useEffect(() => {
    const p = parseNumber(text, rule);
    if (!p.ok && error) return;
    if (!p.ok || p.value !== value) {
      setText(formatNumber(value));
      setError(null);
    }
  }, [value]);

  const change = (t: string) => {
    setText(t);
    const p = parseNumber(t, rule);
    if (p.ok) {
      setError(null);
      if (p.value !== value) onCommit(p.value);
    }
  };
  const check = () => {
    const p = parseNumber(text, rule);
    if (!p.ok)
      setError(
        `${p.message} Keeping ${formatNumber(value)}${rule.unit ? ` ${rule.unit}` : ''} (Esc restores it).`,
      );
  };
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field number-field">
      <label htmlFor={id}>
        {rule.label}
        {rule.unit ? <span className="unit"> ({rule.unit})</span> : null}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => change(e.target.value)}
        onBlur={check}
        onKeyDown={(e) => {
          if (e.key === 'Enter') check();
          if (e.key === 'Escape') {
            setText(formatNumber(value));
            setError(null);
          }
        }}
      />
      <p id={hintId} className="hint">
        {hint ? `${hint} ` : ''}
        {capitalise(rangeText(rule))}.
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
