import { describe, expect, it } from 'vitest';
import { traceFixture } from '../../test/traceFixture';
import { changeCaption, componentDeltas } from './archDiff';

describe('architecture switch caption', () => {
  const sidecar = traceFixture('sidecar-envoy', 1).layout;
  const ambient = traceFixture('ambient', 1).layout;
  const waypoint = traceFixture('ambient-waypoint', 1).layout;
  const cilium = traceFixture('cilium-ebpf', 1).layout;

  it('names what appeared and what disappeared, with the product that does it', () => {
    const c = changeCaption(sidecar, ambient);
    expect(c.appeared).toEqual(['2 node proxies (ztunnel)']);
    expect(c.disappeared[0]).toBe('2 sidecar proxies (Envoy)');
    expect(c.text).toMatch(
      /^Appeared: 2 node proxies \(ztunnel\)\. Disappeared: 2 sidecar proxies \(Envoy\)/,
    );
    expect(changeCaption(ambient, waypoint).appeared).toContain('1 waypoint (Envoy)');
  });

  it('counts eBPF hook marks coming and netfilter hooks going', () => {
    const d = componentDeltas(sidecar, cilium);
    expect(d.find((x) => x.kind === 'ebpfHooks')!.delta).toBeGreaterThan(0);
    expect(d.find((x) => x.kind === 'netfilterHooks')!.delta).toBeLessThan(0);
    expect(changeCaption(sidecar, cilium).text).toMatch(
      /Appeared: .*eBPF hook.*Disappeared: .*sidecar proxies.*netfilter hook/,
    );
  });

  it('says so when nothing changed', () => {
    expect(changeCaption(sidecar, sidecar)).toEqual({
      appeared: [],
      disappeared: [],
      text: 'Nothing appeared or disappeared.',
    });
  });
});
