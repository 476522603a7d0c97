import type { Bet, Condition, Quantity, Value } from '../../model/lesson';
import { z } from '../../model/zod';

/**
 * Pure judgements over measured quantities: whether a check's condition holds and whether a bet was
 * right. A quantity the run has not produced yet reads as null, and the judgement is 'pending'.
 */

export type Measure = (q: Quantity) => number | null;
export type Pending = 'pending';

export function valueOf(v: Value, measure: Measure): number | null {
  if ('ratio' in v) {
    const [a, b] = v.ratio.map(measure);
    return a === null || b === null || b === 0 ? null : a / b;
  }
  return measure(v);
}

export function holds(c: Condition, measure: Measure): boolean | Pending {
  if (c.kind === 'ascending') {
    const xs = c.values.map(measure);
    if (xs.some((x) => x === null)) return 'pending';
    const ys = xs as number[];
    // Each at least the one before, within the relative tolerance.
    return ys.every((y, i) => i === 0 || y >= ys[i - 1] * (1 - c.tolerance) - 1e-12);
  }
  if (c.kind === 'ratio') {
    const r = valueOf({ ratio: [c.numerator, c.denominator] }, measure);
    if (r === null) return 'pending';
    return (c.min === undefined || r >= c.min) && (c.max === undefined || r <= c.max);
  }
  const x = measure(c.value);
  if (x === null) return 'pending';
  return (c.min === undefined || x >= c.min) && (c.max === undefined || x <= c.max);
}

/** A learner's bet, as stored. */
export const BetAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choice'), option: z.string().max(48) }),
  z.strictObject({ kind: z.literal('ordering'), order: z.array(z.string().max(48)).max(6) }),
  z.strictObject({ kind: z.literal('number'), value: z.number().finite() }),
]);
export type BetAnswer = z.infer<typeof BetAnswerSchema>;

export interface Verdict {
  right: boolean;
  /** The answer the run gives: the option id, the measured order, or the measured number in the bet's unit. */
  answer: string | string[] | number;
}

/** The measured number in the unit the slider shows it in. */
export function inUnit(x: number, unit: Extract<Bet, { kind: 'number' }>['unit']): number {
  if (unit === 'ms') return x / 1000;
  if (unit === '%') return x * 100;
  return x;
}

export function judge(bet: Bet, answer: BetAnswer, measure: Measure): Verdict | Pending {
  if (bet.kind === 'choice') {
    let right: string | null = null;
    if ('option' in bet.correct) right = bet.correct.option;
    else {
      for (const c of bet.correct.fromRun) {
        const h = holds(c.when, measure);
        if (h === 'pending') return 'pending';
        if (h) {
          right = c.option;
          break;
        }
      }
      if (right === null) return { right: false, answer: [] }; // no option's condition holds: no right answer
    }
    return { right: answer.kind === 'choice' && answer.option === right, answer: right };
  }
  if (bet.kind === 'ordering') {
    const values = new Map<string, number>();
    for (const it of bet.items) {
      const x = measure(it.value);
      if (x === null) return 'pending';
      values.set(it.id, x);
    }
    const measured = [...values.keys()].sort((a, b) => values.get(a)! - values.get(b)!);
    if (answer.kind !== 'ordering' || answer.order.length !== bet.items.length)
      return { right: false, answer: measured };
    if (new Set(answer.order).size !== answer.order.length || answer.order.some((id) => !values.has(id)))
      return { right: false, answer: measured };
    // Ties within the tolerance may go either way.
    const right = answer.order.every(
      (id, i) => i === 0 || values.get(id)! >= values.get(answer.order[i - 1])! * (1 - bet.tolerance) - 1e-12,
    );
    return { right, answer: measured };
  }
  const x = valueOf(bet.value, measure);
  if (x === null) return 'pending';
  const shown = inUnit(x, bet.unit);
  const right = answer.kind === 'number' && Math.abs(answer.value - shown) <= bet.tolerance * Math.abs(shown);
  return { right, answer: shown };
}
