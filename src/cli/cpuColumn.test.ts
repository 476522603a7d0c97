import { describe, expect, it } from 'vitest';
import type { Interval } from '../engine/replications';
import { cpuByComponent } from './compareReport';

const iv = (mean: number): Interval => ({ mean, lower: mean, upper: mean, halfWidth: 0, n: 1 }) as Interval;

describe('CLI CPU table: per component and per instance', () => {
  it('prints a pair of sidecars as 2 × one sidecar, so 0.40 is not read as one proxy', () => {
    const text = cpuByComponent({
      cpu: [
        { component: 'sidecar', container: iv(0.4), kernel: iv(0) },
        { component: 'app', container: iv(0.02), kernel: iv(0) },
      ],
      cpuByInstance: [
        { component: 'sidecar', instance: 'loadgen', container: iv(0.2), kernel: iv(0) },
        { component: 'sidecar', instance: 'server-0', container: iv(0.2), kernel: iv(0) },
        { component: 'app', instance: 'server-0', container: iv(0.02), kernel: iv(0) },
      ],
    });
    expect(text).toBe('sidecar 0.40 = 2 × 0.20, app 0.020'); // two significant digits
  });
});
