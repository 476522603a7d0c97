import { useState } from 'react';
import { parseSeed } from './seed';

/**
 * The seed field's state: the text being typed, the last valid seed (kept while the text is bad),
 * and the error to show. Errors appear on commit (blur, Run), not on every keystroke, and clear
 * as soon as the text is valid again.
 */
export function useSeedField(initial: number) {
  const [text, setTextState] = useState(String(initial));
  const [seed, setSeed] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  const setText = (t: string) => {
    setTextState(t);
    if (error && parseSeed(t).ok) setError(null);
  };

  /** Validates the text: the new seed, or null (with the error shown and the old seed kept). */
  const commit = (): number | null => {
    const parsed = parseSeed(text);
    if (!parsed.ok) {
      setError(`${parsed.message} Keeping the previous seed, ${seed} (Esc restores it).`);
      return null;
    }
    setSeed(parsed.seed);
    setError(null);
    return parsed.seed;
  };

  const revert = () => {
    setTextState(String(seed));
    setError(null);
  };

  return { text, seed, error, setText, commit, revert };
}
