import { describe, expect, it } from 'vitest';
import shipped from '../../models/features.json';
import { ARCHITECTURE_IDS } from './architecture';
import { FEATURE_IDS, FeatureMatrixSchema, SupportSchema } from './features';

describe('the feature matrix', () => {
  it('ships one row per feature id, each saying something for all nine designs', () => {
    const m = FeatureMatrixSchema.parse(shipped);
    expect(m.map((f) => f.id).sort()).toEqual([...FEATURE_IDS].sort());
    for (const f of m) expect(Object.keys(f.support).sort(), f.id).toEqual([...ARCHITECTURE_IDS].sort());
  });

  it("lists Cilium's mutual authentication and ztunnel-based encryption as not simulated, with why", () => {
    const m = FeatureMatrixSchema.parse(shipped);
    const cilium = (id: string) => m.find((f) => f.id === id)!.support['cilium-ebpf'];
    expect(cilium('mutual-auth')).toMatchObject({ mode: 'unavailable' });
    expect(cilium('mutual-auth').reason).toMatch(/first packet .* dropped/);
    expect(cilium('mutual-auth').reason).toMatch(/deprecated in 1\.20/);
    expect(cilium('ztunnel-encryption').reason).toMatch(/15008/);
    expect(cilium('ztunnel-encryption').default).toMatch(/beta in 1\.19/);
  });

  it('a feature that needs another is optional and says why it is off without it', () => {
    const base = { where: 'x', default: 'on' };
    expect(
      SupportSchema.safeParse({ ...base, mode: 'optional', requires: 'l7-policy', reason: 'needs L7' })
        .success,
    ).toBe(true);
    const noReason = SupportSchema.safeParse({ ...base, mode: 'optional', requires: 'l7-policy' });
    expect(noReason.success).toBe(false);
    expect(noReason.error!.issues[0].path).toEqual(['requires']);
    expect(
      SupportSchema.safeParse({ ...base, mode: 'always', requires: 'l7-policy', reason: 'r' }).success,
    ).toBe(false);
    expect(
      SupportSchema.safeParse({ ...base, mode: 'optional', requires: 'no-such-feature', reason: 'r' })
        .success,
    ).toBe(false);
  });
});
