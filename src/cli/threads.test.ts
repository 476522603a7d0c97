import { describe, expect, it } from 'vitest';
import { threadsToPrestart } from './threads';

describe('threads started before the CLI loads', () => {
  it('one per other core for a preset or a scenario file, or --threads N minus this one', () => {
    expect(threadsToPrestart(['--preset', 'pods-400'], 2)).toBe(1);
    expect(threadsToPrestart(['--preset=pods-400'], 4)).toBe(3);
    expect(threadsToPrestart(['my/scenario.json', '--json'], 8)).toBe(7);
    expect(threadsToPrestart(['--preset', 'pods-400', '--threads', '3'], 2)).toBe(2);
    expect(threadsToPrestart(['--preset', 'pods-400', '--threads=4'], 2)).toBe(3);
  });

  it('none for one thread, help, merges, built-in samples, bad counts or a single core', () => {
    expect(threadsToPrestart(['--preset', 'pods-400', '--threads', '1'], 2)).toBe(0);
    expect(threadsToPrestart(['--preset', 'pods-400'], 1)).toBe(0);
    expect(threadsToPrestart(['--preset', 'pods-400', '--help'], 2)).toBe(0);
    expect(threadsToPrestart(['--merge', 'a.json', 'b.json'], 2)).toBe(0);
    expect(threadsToPrestart(['--sample', 'mm1'], 2)).toBe(0);
    expect(threadsToPrestart(['--replications', '5'], 2)).toBe(0);
    for (const bad of ['two', '0', '65', '2.5'])
      expect(threadsToPrestart(['--preset', 'pods-400', '--threads', bad], 2)).toBe(0);
  });
});
