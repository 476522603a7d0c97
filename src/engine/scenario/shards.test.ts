import { describe, expect, it } from 'vitest';
import { assignShards } from './shards';

const loads = (costs: number[], owner: number[], count: number) =>
  Array.from({ length: count }, (_, s) => costs.reduce((t, c, j) => t + (owner[j] === s ? c : 0), 0));

describe('assignShards', () => {
  it('splits the default comparison (hop counts 21, 42, 42, 24, 41; five runs each) into near-equal work', () => {
    const costs = [21, 42, 42, 24, 41].flatMap((c) => [c, c, c, c, c]);
    const owner = assignShards(costs, 2);
    expect(loads(costs, owner, 2)).toEqual([423, 427]); // 1 % apart
    // Every other run would give 444 and 406: one worker 9 % busier than the other.
    expect(
      loads(
        costs,
        costs.map((_, j) => j % 2),
        2,
      ),
    ).toEqual([444, 406]);
  });

  it('gives every job to exactly one shard, lighter shards first, deterministically', () => {
    const costs = [5, 1, 9, 3, 3, 7, 2];
    const owner = assignShards(costs, 3);
    expect(owner).toEqual([2, 0, 0, 2, 1, 1, 2]);
    expect(assignShards(costs, 3)).toEqual(owner);
    expect(loads(costs, owner, 3)).toEqual([10, 10, 10]);
    expect(assignShards(costs, 1)).toEqual(costs.map(() => 0));
  });

  it('leaves no shard further above the lightest than one job (greedy, heaviest first)', () => {
    const costs = Array.from({ length: 40 }, (_, j) => 1 + ((j * 37) % 11));
    for (const count of [2, 3, 4]) {
      const l = loads(costs, assignShards(costs, count), count);
      expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(Math.max(...costs));
    }
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => assignShards([1], 0)).toThrow(/positive integer, got 0/);
  });
});
