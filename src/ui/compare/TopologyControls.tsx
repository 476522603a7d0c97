import { useState } from 'react';
import type { ScenarioEstimate } from '../../model/comparison';
import { simulatedPodCount } from '../../model/clients';
import type { Scenario } from '../../model/scenario';
import {
  applyNamespaces,
  applyShape,
  detectShape,
  namespaceCount,
  MAX_SHAPE_SIZE,
  podsPerNode,
  type ShapeKind,
  type UniformShape,
} from './callGraph';
import { formRange, LIMITS } from '../../model/limits';
import { NumberField } from './NumberField';
import type { Update } from './types';

type Topology = Scenario['topology'];

const PLACEMENTS: [Topology['placement'], string][] = [
  // The load generator on node 0, services round-robin over the others (placement.ts): in a chain, a
  // service's calls to the next cross nodes only where the two land on different ones.
  [
    'cross-node',
    'Load generator on a node of its own, services over the others (its calls cross the network)',
  ],
  ['spread', 'Spread round-robin over all nodes (some calls stay on a node)'],
  ['same-node', 'All on one node (no call crosses the network)'],
];

const DEFAULT_SHAPE: UniformShape = { kind: 'single', size: 1, replicas: 1, handlerUs: 20, threads: 64 };

/** Nodes, cores, the call graph, placement and the size of the whole mesh. */
export function TopologyControls({
  scenario,
  estimate,
  update,
}: {
  scenario: Scenario;
  estimate: ScenarioEstimate | null;
  update: Update;
}) {
  const t = scenario.topology;
  const setTopo = (f: (t: Topology) => Topology) => update((s) => ({ ...s, topology: f(s.topology) }));
  const shape = detectShape(t);
  const uniform: UniformShape = shape.kind === 'custom' ? { ...DEFAULT_SHAPE } : shape;
  const setShape = (over: Partial<UniformShape>) => setTopo((tt) => applyShape(tt, { ...uniform, ...over }));
  const [placementError, setPlacementError] = useState<string | null>(null);
  const share = estimate?.results.flatMap((r) => (r.unsupported ? [] : [r.crossNodeShare]))[0];
  const place = (p: Topology['placement']) => {
    if (p === 'cross-node' && t.nodes < 2) {
      setPlacementError(
        'A node of its own for the load generator needs at least 2 nodes. Keeping the current placement; add a node first.',
      );
      return;
    }
    setPlacementError(null);
    setTopo((tt) => ({ ...tt, placement: p }));
  };
  const setNodes = (n: number) => {
    if (n < 2 && t.placement === 'cross-node') {
      setPlacementError(
        'One node cannot hold client and servers apart: choose “All on one node” or “Spread” first. Keeping the node count.',
      );
      return;
    }
    setPlacementError(null);
    setTopo((tt) => ({
      ...tt,
      nodes: n,
      waypointNode: tt.waypointNode !== undefined && tt.waypointNode >= n ? undefined : tt.waypointNode,
    }));
  };
  const mesh = t.mesh;
  const simPods = simulatedPodCount(scenario);

  return (
    <fieldset>
      <legend>Cluster and call graph</legend>
      <NumberField label="Nodes" {...formRange(LIMITS.nodes)} value={t.nodes} onCommit={setNodes} />
      <NumberField
        label="Cores per node"
        {...formRange(LIMITS.coresPerNode)}
        value={t.coresPerNode}
        onCommit={(v) => setTopo((tt) => ({ ...tt, coresPerNode: v }))}
      />

      <div role="radiogroup" aria-labelledby="shape-label" className="radios">
        <p id="shape-label" className="group-label">
          Call graph
        </p>
        {(
          [
            ['single', 'One service'],
            ['chain', 'Chain: each service calls the next'],
            ['fan-out', 'Fan-out: a front service calls backends in parallel'],
          ] as [ShapeKind, string][]
        ).map(([k, label]) => (
          <label key={k} className="radio">
            <input
              type="radio"
              name="shape"
              value={k}
              checked={shape.kind === k}
              onChange={() => setShape({ kind: k, size: k === 'single' ? 1 : k === 'chain' ? 3 : 3 })}
            />{' '}
            {label}
          </label>
        ))}
        {shape.kind === 'custom' && (
          <p className="hint" id="custom-graph">
            Custom call graph (from a preset or file): {shape.services} service
            {shape.services === 1 ? '' : 's'}, {shape.pods} pod{shape.pods === 1 ? '' : 's'}, entry {t.entry}.
            Choosing a shape above replaces it.
          </p>
        )}
      </div>
      {shape.kind === 'chain' && (
        <NumberField
          label="Chain depth"
          unit="services"
          min={2}
          max={MAX_SHAPE_SIZE}
          integer
          value={shape.size}
          onCommit={(v) => setShape({ size: v })}
        />
      )}
      {shape.kind === 'fan-out' && (
        <NumberField
          label="Fan-out width"
          unit="backends"
          min={1}
          max={MAX_SHAPE_SIZE}
          integer
          value={shape.size}
          onCommit={(v) => setShape({ size: v })}
        />
      )}
      {shape.kind !== 'custom' && (
        <>
          <NumberField
            label="Replicas per service"
            unit="pods"
            {...formRange(LIMITS.replicas)}
            value={shape.replicas}
            onCommit={(v) => setShape({ replicas: v })}
          />
          <NumberField
            label="Handler time"
            unit="µs"
            {...formRange(LIMITS.handlerUs)}
            value={shape.handlerUs}
            hint={`Mean CPU the application spends on each request: each request's varies around it (coefficient of variation ${scenario.variability.cpuCv}, as every hop's CPU), so its median is less.`}
            onCommit={(v) => setShape({ handlerUs: v })}
          />
          <NumberField
            label="Application threads"
            unit="per pod"
            {...formRange(LIMITS.threads)}
            value={shape.threads}
            onCommit={(v) => setShape({ threads: v })}
          />
        </>
      )}
      <p className="readout" data-testid="pods-per-node">
        {simPods} simulated pods (the load generator's clients included) on {t.nodes} node
        {t.nodes === 1 ? '' : 's'}: {podsPerNode(scenario).toFixed(1)} pods per node.
      </p>

      <div role="radiogroup" aria-labelledby="placement-label" className="radios">
        <p id="placement-label" className="group-label">
          Pod placement
        </p>
        {PLACEMENTS.map(([p, label]) => (
          <label key={p} className="radio">
            <input
              type="radio"
              name="placement"
              value={p}
              checked={t.placement === p}
              onChange={() => place(p)}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {placementError && (
        <p className="field-error" role="alert">
          {placementError}
        </p>
      )}
      {share !== undefined && (
        <p className="readout" data-testid="cross-node-share">
          {Math.round(share * 100)} % of calls cross nodes with this placement.
        </p>
      )}

      <NumberField
        label="Namespaces"
        min={1}
        max={t.services.length}
        integer
        value={namespaceCount(t)}
        hint={`The services spread round-robin over this many namespaces: at most one per service (${t.services.length} here; a chain or fan-out call graph adds services).`}
        onCommit={(v) => setTopo((tt) => applyNamespaces(tt, v))}
      />
      <div className="field">
        <label htmlFor="waypoint-scope">Waypoints (ambient with waypoint)</label>
        <select
          id="waypoint-scope"
          value={t.waypointScope}
          onChange={(e) =>
            setTopo((tt) => ({ ...tt, waypointScope: e.target.value as Topology['waypointScope'] }))
          }
        >
          <option value="namespace">One per namespace, shared by its services (Istio’s default)</option>
          <option value="service">One per service</option>
        </select>
      </div>

      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={mesh !== undefined}
            onChange={(e) =>
              setTopo((tt) => ({
                ...tt,
                mesh: e.target.checked
                  ? { services: Math.max(100, tt.services.length), pods: Math.max(400, simPods) }
                  : undefined,
              }))
            }
          />
          The whole mesh is larger than the simulated path
        </label>
        <p className="hint">
          Sizes proxy configuration (memory) and kube-proxy’s rule list; only the path above is simulated.
        </p>
      </div>
      {mesh && (
        <>
          <NumberField
            label="Services in the mesh"
            {...formRange(LIMITS.meshServices)}
            min={Math.max(1, t.services.length)}
            value={mesh.services}
            onCommit={(v) => setTopo((tt) => ({ ...tt, mesh: { ...tt.mesh!, services: v } }))}
          />
          <NumberField
            label="Pods in the mesh"
            {...formRange(LIMITS.meshPods)}
            min={Math.max(1, simPods)}
            value={mesh.pods}
            onCommit={(v) => setTopo((tt) => ({ ...tt, mesh: { ...tt.mesh!, pods: v } }))}
          />
        </>
      )}
      <div className="field">
        <label htmlFor="config-scope">Configuration each Envoy sidecar (and library) holds</label>
        <select
          id="config-scope"
          value={t.configScope}
          aria-describedby="config-scope-hint"
          onChange={(e) =>
            setTopo((tt) => ({ ...tt, configScope: e.target.value as Topology['configScope'] }))
          }
        >
          <option value="mesh">Every service in the mesh (Istio’s default)</option>
          <option value="dependencies">Only the services it calls (a Sidecar resource)</option>
        </select>
        <p className="hint" id="config-scope-hint">
          Sets how a sidecar’s memory grows with the mesh (the Memory and Scaling groups).
        </p>
      </div>
    </fieldset>
  );
}
