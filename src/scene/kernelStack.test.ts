import { describe, expect, it } from 'vitest';
import { shippedModels } from '../model/models';
import { traceFixture } from '../test/traceFixture';
import { HOOK_PARTS, HOP_KIND_PARTS, partsInUse, STACK_PARTS, stackView } from './kernelStack';

describe('the kernel stack', () => {
  it('maps every kernel-layer hop kind in the catalog to at least one named part, and nothing else', () => {
    const kernelKinds = [...shippedModels().hopKinds.values()].filter((k) => k.layer === 'kernel');
    expect(kernelKinds.length).toBeGreaterThan(10);
    const ids = new Set(STACK_PARTS.map((p) => p.id));
    for (const k of kernelKinds) {
      expect(HOP_KIND_PARTS[k.id], k.id).toBeDefined();
      expect(HOP_KIND_PARTS[k.id].length, k.id).toBeGreaterThan(0);
      for (const p of HOP_KIND_PARTS[k.id]) expect(ids.has(p), `${k.id} → ${p}`).toBe(true);
    }
    // No rows for kinds the catalog does not have (a renamed kind would leave a dead row).
    for (const id of Object.keys(HOP_KIND_PARTS))
      expect(
        kernelKinds.some((k) => k.id === id),
        id,
      ).toBe(true);
    for (const parts of Object.values(HOOK_PARTS)) for (const p of parts) expect(ids.has(p)).toBe(true);
  });

  it('lights netfilter for the sidecar design and dims it where eBPF replaces it', () => {
    const sidecar = traceFixture('sidecar-envoy', 1).layout;
    const s = partsInUse(sidecar, 0);
    expect(s.has('nf-output')).toBe(true);
    expect(s.has('conntrack')).toBe(true);
    expect(s.has('loopback')).toBe(true);
    expect(s.has('sock-ebpf')).toBe(false);
    const ebpfArch = sidecar.architectures.find((a) => a.runnable && /cilium/i.test(a.id))?.id;
    expect(ebpfArch).toBeDefined();
    const cilium = traceFixture(ebpfArch!, 1).layout;
    const c = stackView(cilium, 0, null);
    // Every part is drawn (dimmed, not hidden); the design's eBPF parts are lit.
    expect(c.parts.map((p) => p.id)).toEqual(STACK_PARTS.map((p) => p.id));
    const used = c.parts.filter((p) => p.used).map((p) => p.id);
    expect(used.some((id) => id === 'tc-ebpf' || id === 'sock-ebpf')).toBe(true);
    expect(c.parts.some((p) => !p.used)).toBe(true);
  });

  it('marks the parts the current hop crosses, on its own node only', () => {
    const l = traceFixture('sidecar-envoy', 1).layout;
    const v = stackView(l, 0, { kind: 'nf.nat', node: 0 });
    expect(v.parts.filter((p) => p.crossing).map((p) => p.id)).toEqual([
      'nf-output',
      'conntrack',
      'nf-postrouting',
      'nf-prerouting',
    ]);
    expect(stackView(l, 1, { kind: 'nf.nat', node: 0 }).parts.some((p) => p.crossing)).toBe(false);
    expect(stackView(l, 0, { kind: 'proxy.l7', node: 0 }).parts.some((p) => p.crossing)).toBe(false);
  });
});
