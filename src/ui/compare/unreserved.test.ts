import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { estimateScenario } from '../../engine/scenario/estimate';
import { ScenarioSchema } from '../../model/scenario';
import { figuresOf } from './figures';
import { unreservedNote } from './unreserved';

describe('memory used but not reserved', () => {
  const scenario = ScenarioSchema.parse({
    ...bench,
    architectures: ['no-mesh', 'library', 'sidecar-envoy', 'sidecar-linkerd', 'cilium-ebpf', 'ambient'],
  });
  const figures = figuresOf(estimateScenario(scenario), null);

  it('names exactly the designs whose reserved memory is 0 beside used memory above 0', () => {
    const zero = figures.filter(
      (f) =>
        f.estimate!.footprint!.perPod.reservedMemoryMiB === 0 &&
        f.estimate!.footprint!.perPod.usedMemoryMiB > 0,
    );
    // Linkerd's chart sets no requests for its proxy (models/footprints.json); Istio's sidecar asks 128 MiB.
    expect(zero.map((f) => f.id)).toContain('sidecar-linkerd');
    expect(zero.map((f) => f.id)).not.toContain('sidecar-envoy');
    const note = unreservedNote(figures)!;
    // The charts' designs are said to set no requests; the library is said to live under the app's.
    expect(note).toMatch(
      /^Linkerd sidecar .* and Cilium .* reserve no memory: by default their charts set no resource requests/,
    );
    expect(note).toMatch(
      /Library .* adds no requests of its own: a library’s memory is inside the app’s process/,
    );
    for (const f of figures) {
      if (zero.includes(f)) expect(note).toContain(f.name);
      else expect(note).not.toContain(f.name);
    }
  });

  it('says nothing when every design reserves what it uses', () => {
    expect(unreservedNote(figures.filter((f) => f.id === 'sidecar-envoy' || f.id === 'no-mesh'))).toBeNull();
  });
});
