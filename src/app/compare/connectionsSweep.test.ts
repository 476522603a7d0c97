import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { toComparisonView } from '../../engine/scenario/view';
import {
  atConnections,
  CONNECTION_COUNTS,
  connectionsPointOf,
} from '../../machines/compare/connectionsSweep';
import {
  createCompareSession,
  type CompareSession,
  type CompareSnapshot,
} from '../../machines/compare/session';
import { parseScenario } from '../../model/valid';
import { fakeWorker } from '../../test/fakeWorker';
import { connectEngineClient } from '../../worker/client';
import { analyseOnPage, assembleOnPage, shardOnWorkers } from './engineActors';

// The Istio benchmark (paced, -uniform -nocatchup, 1000 rps, HTTP/1.1), short runs so the test is quick.
const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 400 },
});

function open(): CompareSession {
  const clients = [connectEngineClient(fakeWorker()), connectEngineClient(fakeWorker())];
  return createCompareSession({
    scenario,
    replications: 2,
    precision: null,
    workers: clients.length,
    actors: {
      analyse: analyseOnPage(undefined, () => Promise.resolve()),
      shard: shardOnWorkers(clients),
      assemble: assembleOnPage(),
    },
  });
}

const until = (session: CompareSession, ok: (s: CompareSnapshot) => boolean) =>
  new Promise<CompareSnapshot>((resolve) => {
    if (ok(session.getSnapshot())) return resolve(session.getSnapshot());
    const off = session.subscribe((s) => {
      if (ok(s)) {
        off();
        resolve(s);
      }
    });
  });

describe('the connections sweep on the real engine (workers in-process)', () => {
  it('runs 1 … 64 connections at the scenario’s rate, each point exactly runComparison’s numbers', async () => {
    const session = open();
    await until(session, (s) => s.simulated && s.phase === 'sweeping');
    expect(session.getSnapshot().connections).toBeNull(); // only on demand
    // Asked for while the load sweep runs: that one stops, this one starts.
    session.sweepConnections();
    expect(session.getSnapshot().sweep?.status).toBe('stopped');
    const done = await until(session, (s) => s.connections?.status === 'done');
    session.stop();

    expect(done.phase).toBe('idle');
    expect(done.connections!.points.map((p) => p.connections)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(CONNECTION_COUNTS).toEqual([1, 2, 4, 8, 16, 32, 64]);
    for (const point of done.connections!.points) {
      const at = atConnections(scenario, point.connections);
      expect(at.workload.load).toMatchObject({ kind: 'paced', rps: 1000, connections: point.connections });
      const node = connectionsPointOf(
        point.connections,
        toComparisonView(runComparison(at, { replications: 2 })),
      );
      expect(point, `${point.connections} connections`).toEqual(node);
      expect(point.values.map((v) => v.architecture)).toEqual(['sidecar-envoy', 'ambient']);
      expect(point.values.every((v) => Number.isFinite(v.p99.mean) && v.p99.mean > 0)).toBe(true);
    }
    // The main result is untouched by the sweep.
    expect(done.result!.scenario.workload.load).toMatchObject({ connections: 16 });
  }, 120_000);
});
