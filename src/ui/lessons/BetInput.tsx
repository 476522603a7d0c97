import { useId, useState } from 'react';
import type { BetAnswer } from '../../machines/lesson/evaluate';
import type { Bet } from '../../model/lesson';
import { formatInUnit } from './figures';
import { InlineText, type TextContext } from './LessonText';

/**
 * Placing a bet before the run answers: one of several options, an ordering (moved with buttons, so
 * the keyboard can do it), or a number on a slider in the bet's unit. "Place my bet" sends it.
 */
export function BetInput({
  bet,
  text,
  ctx,
  initial,
  onBet,
}: {
  bet: Bet;
  text: (id: string) => string;
  ctx: TextContext;
  /** A bet placed before (kept across replay and reload). */
  initial?: BetAnswer;
  onBet: (a: BetAnswer) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState<string | null>(initial?.kind === 'choice' ? initial.option : null);
  const [order, setOrder] = useState<string[]>(
    initial?.kind === 'ordering' ? initial.order : bet.kind === 'ordering' ? bet.items.map((i) => i.id) : [],
  );
  const mid =
    bet.kind === 'number'
      ? Math.round((bet.slider.min + bet.slider.max) / 2 / bet.slider.step) * bet.slider.step
      : 0;
  const [value, setValue] = useState<number>(initial?.kind === 'number' ? initial.value : mid);

  const move = (i: number, d: -1 | 1) =>
    setOrder((o) => {
      const j = i + d;
      if (j < 0 || j >= o.length) return o;
      const next = [...o];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });

  const submit = () => {
    if (bet.kind === 'choice' && choice) onBet({ kind: 'choice', option: choice });
    else if (bet.kind === 'ordering') onBet({ kind: 'ordering', order });
    else if (bet.kind === 'number') onBet({ kind: 'number', value });
  };

  return (
    <form
      className="lesson-bet"
      data-testid="bet-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {bet.kind === 'choice' && (
        <fieldset>
          <legend>Your bet</legend>
          {bet.options.map((o) => (
            <label key={o.id} className="lesson-option">
              <input
                type="radio"
                name={`${id}-choice`}
                value={o.id}
                checked={choice === o.id}
                onChange={() => setChoice(o.id)}
              />{' '}
              <InlineText text={text(o.text)} ctx={ctx} />
            </label>
          ))}
        </fieldset>
      )}
      {bet.kind === 'ordering' && (
        <fieldset>
          <legend>Your order, least first</legend>
          <ol className="lesson-ordering" data-testid="bet-ordering">
            {order.map((itemId, i) => {
              const item = bet.items.find((x) => x.id === itemId)!;
              const name = text(item.text);
              return (
                <li key={itemId} data-item={itemId}>
                  <span className="lesson-ordering-name">
                    <InlineText text={name} ctx={ctx} />
                  </span>
                  <button
                    type="button"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={`Move ${name} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(i, 1)}
                    disabled={i === order.length - 1}
                    aria-label={`Move ${name} down`}
                  >
                    ↓
                  </button>
                </li>
              );
            })}
          </ol>
        </fieldset>
      )}
      {bet.kind === 'number' && (
        <div className="lesson-slider">
          <label htmlFor={`${id}-n`}>Your estimate</label>
          <input
            id={`${id}-n`}
            type="range"
            min={bet.slider.min}
            max={bet.slider.max}
            step={bet.slider.step}
            value={value}
            aria-valuetext={formatInUnit(value, bet.unit)}
            onChange={(e) => setValue(Number(e.target.value))}
          />
          <output htmlFor={`${id}-n`} data-testid="bet-value">
            {formatInUnit(value, bet.unit)}
          </output>
        </div>
      )}
      <button type="submit" className="primary" disabled={bet.kind === 'choice' && !choice}>
        Place my bet
      </button>
    </form>
  );
}

/** A bet as words: the option, the order, or the number in its unit. */
export function betText(
  bet: Bet,
  a: BetAnswer | string | string[] | number,
  text: (id: string) => string,
): string {
  if (bet.kind === 'choice') {
    const id =
      typeof a === 'string'
        ? a
        : typeof a === 'object' && !Array.isArray(a) && a.kind === 'choice'
          ? a.option
          : null;
    const o = bet.options.find((x) => x.id === id);
    return o ? plainWords(text(o.text)) : '—';
  }
  if (bet.kind === 'ordering') {
    const ids = Array.isArray(a) ? a : typeof a === 'object' && a.kind === 'ordering' ? a.order : [];
    return ids.map((i) => plainWords(text(bet.items.find((x) => x.id === i)?.text ?? i))).join(' < ');
  }
  const x =
    typeof a === 'number'
      ? a
      : typeof a === 'object' && !Array.isArray(a) && a.kind === 'number'
        ? a.value
        : NaN;
  return formatInUnit(x, bet.unit);
}

const plainWords = (s: string) =>
  s.replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, t: string, l?: string) => (l ?? t).trim()).trim();
