import { describe, expect, it } from 'vitest';
import { readParams } from './params';

const archs = [
  { id: 'sidecar-envoy', name: 'Istio sidecar (Envoy)' },
  { id: 'proxyless-grpc', name: 'Proxyless gRPC (xDS)' },
];
const read = (q: string) => readParams(new URLSearchParams(q), archs);

describe('Simulate page URL parameters', () => {
  it('reads good values without notices', () => {
    const p = read('preset=istio-benchmark&arch=proxyless-grpc&view=trace&seed=7&proto=grpc&present=1&t=5');
    expect(p).toMatchObject({
      preset: 'istio-benchmark',
      arch: 'proxyless-grpc',
      view: 'trace',
      seed: 7,
      protocol: 'grpc',
      present: true,
      t: 5,
      notices: [],
    });
    expect(read('').notices).toEqual([]);
    expect(read('').arch).toBe('sidecar-envoy');
  });

  it('falls back to a working default for a bad value, with a notice naming the parameter', () => {
    const p = read('arch=bogus&preset=nope&view=sideways&seed=-3&proto=smtp&t=abc');
    expect(p).toMatchObject({
      arch: 'sidecar-envoy',
      preset: 'one-request-slowly',
      view: 'trace',
      seed: null,
      protocol: null,
      t: 0,
    });
    const text = p.notices.map((n) => n.text).join('\n');
    for (const name of [
      'arch=‘bogus’',
      'preset=‘nope’',
      'view=‘sideways’',
      'seed=‘-3’',
      'proto=‘smtp’',
      't=‘abc’',
    ])
      expect(text).toContain(name);
    expect(p.notices[1]).toMatchObject({ param: 'arch' });
    expect(p.notices[1].text).toContain('showing Istio sidecar (Envoy) instead');
  });

  it('opens the classroom presets in the trace view and the load presets in the load view', () => {
    expect(read('preset=one-request-slowly').view).toBe('trace');
    expect(read('preset=failures-and-retries').view).toBe('trace');
    expect(read('preset=fan-out-under-load').view).toBe('load');
  });

  it('reads a preset’s changes (ch, JSON), and names what is wrong with bad ones, keeping the preset as it is', () => {
    const ok = read(`preset=pods-400&ch=${encodeURIComponent('{"mtls":true,"rps":500}')}`);
    expect(ok.changes).toEqual({ mtls: true, rps: 500 });
    expect(ok.notices).toEqual([]);
    const bad = (ch: string) => {
      const p = read(`preset=istio-benchmark&ch=${encodeURIComponent(ch)}`);
      expect(p.changes).toBeNull();
      expect(p.notices).toHaveLength(1);
      expect(p.notices[0].param).toBe('ch');
      expect(p.notices[0].text).toMatch(/showing the scenario without changes\.$/);
      return p.notices[0].text;
    };
    expect(bad('{mtls')).toMatch(/^URL parameter ch=‘\{mtls’ is not JSON;/);
    expect(bad('{"mtls":"yes"}')).toMatch(/mtls/);
    expect(bad('{"colour":"red"}')).toMatch(/colour/);
    expect(bad('{"rps":-5}')).toMatch(/rps/);
    expect(bad('{}')).toMatch(/list at least one change/);
    // A change that does not fit the preset: paced load needs a rate, and a closed loop has none.
    expect(read('preset=istio-benchmark').notices).toEqual([]);
    const closed = read(`preset=one-request-slowly&ch=${encodeURIComponent('{"pacing":"uniform"}')}`);
    expect(closed.changes).toBeNull();
    expect(closed.notices[0].text).toMatch(/does not fit this scenario: .*workload\.load\.rps/);
  });

  it('treats the preset’s own protocol as no change', () => {
    expect(read('proto=http1').protocol).toBeNull();
  });

  it('names the parameter of each notice, so a valid choice of it can answer it (the session drops it)', () => {
    const p = read('preset=nope&arch=cilium&view=sideways');
    expect(p.notices.map((n) => n.param)).toEqual(['preset', 'arch', 'view']);
    expect(p.notices[1].text).toContain('cilium');
  });
});

describe('show= (the picture or the topology as tables)', () => {
  it('reads table and picture; absent is the picture', () => {
    expect(read('show=table')).toMatchObject({ shownAs: 'table', notices: [] });
    expect(read('show=picture')).toMatchObject({ shownAs: 'picture', notices: [] });
    expect(read('')).toMatchObject({ shownAs: 'picture', notices: [] });
  });

  it('shows the picture for a bad value, with a notice naming show=', () => {
    const p = read('show=3d&arch=sidecar-envoy');
    expect(p.shownAs).toBe('picture');
    expect(p.notices).toEqual([
      {
        param: 'show',
        text: 'URL parameter show=‘3d’ is neither ‘picture’ nor ‘table’; showing the picture.',
      },
    ]);
  });
});
