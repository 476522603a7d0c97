import type { Ref } from 'react';
import { SEED_MAX } from './seed';

interface Props {
  text: string;
  error: string | null;
  onChange: (text: string) => void;
  onCommit: () => void;
  onRevert: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

export function SeedField({ text, error, onChange, onCommit, onRevert, inputRef }: Props) {
  return (
    <div className="field">
      <label htmlFor="seed">Seed</label>
      <p id="seed-hint" className="hint">
        A whole number from 0 to {SEED_MAX}. The same seed gives the same result in every browser.
      </p>
      <input
        id="seed"
        ref={inputRef}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'seed-hint seed-error' : 'seed-hint'}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onCommit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onRevert();
        }}
      />
      {error && (
        <p id="seed-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
