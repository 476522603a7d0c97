// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TraceEvent } from '../machines/simulate/buffer';
import { traceFixture } from '../test/traceFixture';
import { componentChoices, stepPacket } from './pickOrder';
import { ScenePicker } from './ScenePicker';

afterEach(cleanup);

const ev = (key: string) => ({ key }) as TraceEvent;

describe('stepPacket', () => {
  const flying = [ev('a'), ev('b'), ev('c')];
  it('starts at the first (forward) or last (back) packet when none is picked', () => {
    expect(stepPacket(flying, null, 1)?.key).toBe('a');
    expect(stepPacket(flying, null, -1)?.key).toBe('c');
    expect(stepPacket(flying, 'gone', 1)?.key).toBe('a');
  });
  it('moves one packet and wraps at both ends', () => {
    expect(stepPacket(flying, 'a', 1)?.key).toBe('b');
    expect(stepPacket(flying, 'c', 1)?.key).toBe('a');
    expect(stepPacket(flying, 'a', -1)?.key).toBe('c');
  });
  it('gives null when nothing flies', () => {
    expect(stepPacket([], 'a', 1)).toBeNull();
  });
});

describe('componentChoices', () => {
  it('lists every node, pod and resource the picture draws, once each', () => {
    const { layout } = traceFixture('sidecar-envoy');
    const c = componentChoices(layout);
    expect(c.filter((x) => x.group === 'Nodes')).toHaveLength(layout.nodes.length);
    expect(c.filter((x) => x.group === 'Pods')).toHaveLength(layout.pods.length);
    expect(c.filter((x) => x.group === 'Resources')).toHaveLength(layout.stations.length);
    expect(new Set(c.map((x) => x.value)).size).toBe(c.length);
    expect(c.find((x) => x.value === 'pod:server-0')?.label).toMatch(/with sidecar/);
  });

  it('counts a resource\'s servers in words that agree with the number ("1 thread", "4 cores")', () => {
    const { layout } = traceFixture('sidecar-envoy');
    const c = componentChoices(layout).filter((x) => x.group === 'Resources');
    const one = layout.stations.map((s, i) => ({ s, label: c[i].label })).filter(({ s }) => s.servers === 1);
    expect(one.length).toBeGreaterThan(0); // single-worker proxies in this fixture
    for (const { s, label } of one) expect(label).toMatch(s.kind === 'cpu' ? /\(1 core\)$/ : /\(1 thread\)$/);
    for (const x of c) expect(x.label).not.toMatch(/\(1 (threads|cores)\)/);
    const many = layout.stations.findIndex((s) => s.servers > 1);
    expect(c[many].label).toMatch(/\(\d+ (cores|threads)\)$/);
  });
});

describe('ScenePicker', () => {
  it('picks the packets in flight by keyboard-reachable buttons and says which', () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    const onSelect = vi.fn();
    render(
      <ScenePicker layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={onSelect} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next packet in flight' }));
    expect(onSelect).not.toHaveBeenCalled();
    expect(screen.getByTestId('picker-status')).toHaveTextContent('No packet is in flight');
    act(() => actor.send({ type: 'STEP' }));
    const t = actor.getSnapshot().context.t;
    const flying = buffer.inFlight(t);
    expect(flying.length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Next packet in flight' }));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'event', event: flying[0] });
    expect(screen.getByTestId('picker-status')).toHaveTextContent(
      `Packet 1 of ${flying.length} in flight: request #${flying[0].request}`,
    );
  });

  it('opens a component chosen from the list in the inspector', () => {
    const { layout, buffer, actor } = traceFixture('ambient');
    const onSelect = vi.fn();
    render(
      <ScenePicker layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={onSelect} />,
    );
    fireEvent.change(screen.getByTestId('component-pick'), { target: { value: 'node:1' } });
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'node', index: 1 });
    fireEvent.change(screen.getByTestId('component-pick'), { target: { value: 'station:0' } });
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'station', index: 0 });
  });
});
