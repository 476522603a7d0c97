import { describe, expect, it } from 'vitest';
import { claimOrder, RunBoard } from './board';

describe('the run board', () => {
  it('gives each run to exactly one claimer, whoever asks, and -1 once all are taken', () => {
    const board = new RunBoard(3, 4);
    const list = [0, 1, 2, 4, 5, 6, 8, 9, 10];
    // Two claimers sharing the buffer, taking turns: together they cover the list once, in its order.
    const other = new RunBoard(3, 4, board.buffer);
    const taken: number[][] = [[], []];
    const cursor = [0, 0];
    for (let turn = 0; ; turn++) {
      const who = turn % 2;
      const at = (who === 0 ? board : other).claimNext(list, cursor[who]);
      if (at < 0) break;
      cursor[who] = at + 1;
      taken[who].push(list[at]);
    }
    expect(taken[0]).toEqual([0, 2, 5, 8, 10]);
    expect(taken[1]).toEqual([1, 4, 6, 9]);
    expect(board.claimNext(list, 0)).toBe(-1);
    expect(list.every((s) => other.isClaimed(s))).toBe(true);
    expect(board.isClaimed(3)).toBe(false);
  });

  it('skips runs claimed under an earlier list (a replication started ahead of its round)', () => {
    const board = new RunBoard(2, 3);
    expect(board.claimNext([board.slot(0, 2), board.slot(1, 2)], 0)).toBe(0);
    const next = [board.slot(0, 1), board.slot(0, 2), board.slot(1, 1), board.slot(1, 2)];
    expect([board.claimNext(next, 0), board.claimNext(next, 1), board.claimNext(next, 3)]).toEqual([0, 2, 3]);
  });

  it('maps slots to (design, replication) and refuses replications outside it', () => {
    const board = new RunBoard(2, 5);
    expect(board.slot(1, 3)).toBe(8);
    expect([board.design(8), board.replication(8)]).toEqual([1, 3]);
    expect(() => board.slot(0, 5)).toThrow(/replication 5 is outside this board \(0\.\.4\)/);
    expect(() => new RunBoard(2, 5, new SharedArrayBuffer(8))).toThrow(/needs 40 bytes/);
  });

  it('orders runs longest first, ties in board order', () => {
    const board = new RunBoard(3, 2);
    const all = [0, 1, 2, 3, 4, 5];
    expect(claimOrder(board, all, [5, 9, 5])).toEqual([2, 3, 0, 1, 4, 5]);
    expect(claimOrder(board, [4, 0], [1, 1, 1])).toEqual([0, 4]);
  });
});
