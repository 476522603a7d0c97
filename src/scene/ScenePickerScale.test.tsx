// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileScenario } from '../engine';
import type { ArchitectureId } from '../model/architecture';
import { shippedModels } from '../model/models';
import { SCENARIO_PRESETS } from '../model/presets';
import { ScenarioSchema } from '../model/scenario';
import { traceFixture } from '../test/traceFixture';
import { buildLayout } from '../worker/trace/layoutData';
import type { TraceLayout } from '../worker/trace/protocol';
import { componentChoices, PICKER_MAX_OPTIONS } from './pickOrder';
import { ScenePicker } from './ScenePicker';

// A <select> is laid out by measuring every option, in one task: the list must stay short on a large
// mesh (the opening of pods-400 and large-mesh spent 35 and 160 ms there). Counted, not timed.

afterEach(cleanup);

const layoutOf = (preset: 'large-mesh' | 'pods-400'): TraceLayout => {
  const scenario = ScenarioSchema.parse(SCENARIO_PRESETS[preset]);
  const compiled = compileScenario(scenario, 'sidecar-envoy' as ArchitectureId, shippedModels());
  return buildLayout(scenario, compiled) as TraceLayout;
};

describe('ScenePicker on a large mesh', () => {
  it('offers every node and one node’s pods and resources, and a chosen node’s own next', () => {
    const layout = layoutOf('large-mesh');
    const all = componentChoices(layout);
    expect(all.length).toBeGreaterThan(PICKER_MAX_OPTIONS * 10); // thousands: the case this is about
    const { buffer, actor } = traceFixture('sidecar-envoy');
    const onSelect = vi.fn();
    const props = { layout, buffer, actor, onSelect };
    const { rerender } = render(<ScenePicker {...props} selection={null} />);
    const values = () =>
      [...screen.getByTestId<HTMLSelectElement>('component-pick').options].map((o) => o.value);
    const onNode = (n: number) => all.filter((c) => c.group === 'Nodes' || c.node === n).map((c) => c.value);
    expect(values().length).toBeLessThanOrEqual(PICKER_MAX_OPTIONS + 1);
    expect(values().slice(1)).toEqual(onNode(0));
    expect(values().filter((v) => v.startsWith('node:'))).toHaveLength(layout.nodes.length);
    expect(values().some((v) => v.startsWith('pod:'))).toBe(true);
    expect(values().some((v) => v.startsWith('station:'))).toBe(true);
    expect(screen.getByTestId('picker-scope')).toHaveTextContent('node 0');

    fireEvent.change(screen.getByTestId('component-pick'), { target: { value: 'node:37' } });
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'node', index: 37 });
    rerender(<ScenePicker {...props} selection={{ kind: 'node', index: 37 }} />);
    expect(values().slice(1)).toEqual(onNode(37));
    const pod = layout.pods.find((p) => p.node === 37)!;
    fireEvent.change(screen.getByTestId('component-pick'), { target: { value: `pod:${pod.id}` } });
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'pod', id: pod.id });
    // A packet selected next keeps the node's list.
    rerender(<ScenePicker {...props} selection={null} />);
    expect(values().slice(1)).toEqual(onNode(37));
    expect(screen.getByTestId('picker-scope')).toHaveTextContent('node 37');
  });

  it('keeps 400 pods’ list short too, and a small mesh’s whole', () => {
    const layout = layoutOf('pods-400');
    const { buffer, actor } = traceFixture('sidecar-envoy');
    render(
      <ScenePicker layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={() => {}} />,
    );
    expect(screen.getByTestId<HTMLSelectElement>('component-pick').options.length).toBeLessThanOrEqual(
      PICKER_MAX_OPTIONS + 1,
    );
    cleanup();
    const small = traceFixture('ambient');
    render(<ScenePicker {...small} selection={null} onSelect={() => {}} />);
    expect(screen.getByTestId<HTMLSelectElement>('component-pick').options.length).toBe(
      componentChoices(small.layout).length + 1,
    );
    expect(screen.queryByTestId('picker-scope')).toBeNull();
  });
});
