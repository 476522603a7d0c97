import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESET_IDS } from '../../model/presets';
import { prepareLinksWhenIdle } from './prepareLinksIdle';

describe('the share link’s presets, prepared in idle time', () => {
  it('one preset per idle moment until all are ready, then no more; a stop cancels the next', () => {
    const queue: (() => void)[] = [];
    let cancelled = 0;
    const idle = (run: () => void) => {
      queue.push(run);
      return () => cancelled++;
    };
    let ready = 0;
    prepareLinksWhenIdle(idle, () => ready++);
    let moments = 0;
    while (queue.length) {
      expect(ready).toBe(0);
      queue.shift()!();
      moments++;
    }
    expect(moments).toBe(SCENARIO_PRESET_IDS.length);
    expect(ready).toBe(1);
    // All ready: a page mounted later asks for one idle moment and finds nothing to do.
    const stop = prepareLinksWhenIdle(idle);
    expect(queue.length).toBe(1);
    stop();
    expect(cancelled).toBe(1);
  });
});
