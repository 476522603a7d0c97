import { clientCount, clientPodId, LOADGEN_POD, simulatedPodCount } from './clients';
import { distributionMean } from './distribution';
import { truncate } from './issues';
import type { Scenario } from './scenario';

/**
 * Checks on a scenario that its schema cannot express (they span several fields), plus practical
 * limits that span fields: what a browser tab (or a CLI run without --no-limits) compiles and
 * simulates without running out of memory or time. Each problem names the field it concerns. The
 * engine repeats the structural checks when it compiles.
 */

export interface ScenarioProblem {
  field: string;
  message: string;
  /** A practical limit (size or run time), which the CLI's --no-limits lifts; otherwise the scenario is invalid. */
  practical?: true;
}

/**
 * Most pods the page simulates (load-generator clients included): the large-mesh preset's 2,000 service
 * pods and its 5 clients, with room for a few more services.
 */
export const MAX_SIMULATED_PODS = 2_500;
/** Most caller-pod × backend-pod pairs over every call: each becomes a route of its own. */
export const MAX_CALL_LEGS = 50_000;
/** Most requests one replication may send (warm-up and measured). */
export const MAX_REQUESTS_PER_RUN = 2_000_000;
/**
 * Shortest round trip assumed when bounding a closed load's requests over a time window, µs (an
 * estimate, kept below the cheapest path: no mesh, one node, no handler, empty messages, low profile
 * has a median of ≈ 13 µs in this engine).
 */
export const MIN_ROUND_TRIP_US = 10;

/** Problems as one bounded line: the first three, then how many more. */
export function formatProblems(problems: readonly ScenarioProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => truncate(`${p.field}: ${p.message}`, 300));
  return shown.join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
}

/**
 * Every problem of a scenario that passed its schema. `practical: false` leaves out the practical
 * limits (the CLI's --no-limits); the structural checks always run.
 */
export function scenarioProblems(s: Scenario, opts: { practical?: boolean } = {}): ScenarioProblem[] {
  const practical = opts.practical ?? true;
  const problems: ScenarioProblem[] = [];
  const t = s.topology;
  const pods = simulatedPodCount(s);
  if (practical && pods > MAX_SIMULATED_PODS)
    return [
      {
        field: 'topology.services',
        message: `${pods} simulated pods; at most ${MAX_SIMULATED_PODS} are simulated (use topology.mesh for a larger mesh's memory)`,
        practical: true,
      },
    ];
  const index = new Map<string, number>();
  t.services.forEach((svc, i) => {
    if (index.has(svc.id))
      problems.push({ field: `topology.services[${i}].id`, message: `duplicate service '${svc.id}'` });
    else index.set(svc.id, i);
  });
  t.services.forEach((svc, i) =>
    svc.calls.forEach((c, j) => {
      if (!index.has(c))
        problems.push({ field: `topology.services[${i}].calls[${j}]`, message: `unknown service '${c}'` });
    }),
  );
  if (!index.has(t.entry))
    problems.push({ field: 'topology.entry', message: `unknown service '${t.entry}'` });
  const cycle = findCycle(s, index);
  if (cycle) problems.push({ field: 'topology.services', message: `call cycle: ${cycle.join(' → ')}` });
  if (t.placement === 'cross-node' && t.nodes < 2)
    problems.push({ field: 'topology.placement', message: "'cross-node' needs at least 2 nodes" });
  problems.push(...clientProblems(s));
  const f = s.failure;
  if (f.kind !== 'none' && !index.has(f.service))
    problems.push({ field: 'failure.service', message: `unknown service '${f.service}'` });
  if (t.waypointNode !== undefined && t.waypointNode >= t.nodes)
    problems.push({
      field: 'topology.waypointNode',
      message: `node ${t.waypointNode} does not exist (nodes: ${t.nodes})`,
    });
  // A waypoint's pod is named `waypoint-<namespace>` (or `waypoint-<service>`), a service's pods `<id>-<n>`:
  // the two must not meet (as 'waypoint-a-0' would for namespace 'a-0' and service 'waypoint-a').
  const seenKeys = new Set<string>();
  t.services.forEach((svc, i) => {
    const key = t.waypointScope === 'service' ? svc.id : svc.namespace;
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    const m = /^(.+)-(0|[1-9]\d*)$/.exec(`waypoint-${key}`);
    const owner = m ? t.services[index.get(m[1]) ?? -1] : undefined;
    if (owner && Number(m![2]) < owner.replicas)
      problems.push({
        field: `topology.services[${i}].${t.waypointScope === 'service' ? 'id' : 'namespace'}`,
        message: `its waypoint's pod 'waypoint-${key}' has the name of a pod of '${owner.id}' (rename one)`,
      });
  });
  if (practical && !cycle && problems.length === 0) {
    const legs = callLegs(s, index);
    if (legs > MAX_CALL_LEGS)
      problems.push({
        field: 'topology.services',
        message: `${legs} caller-to-backend pod pairs; at most ${MAX_CALL_LEGS} are simulated (fewer replicas on called services)`,
        practical: true,
      });
  }
  if (practical) problems.push(...runSizeProblems(s.workload.load, s.run));
  return problems;
}

type Load = Scenario['workload']['load'];

/**
 * Each client holds connections of its own (connection i belongs to client i mod clients), so there are
 * at least as many connections as clients; and no service pod takes a client's pod id.
 */
function clientProblems(s: Scenario): ScenarioProblem[] {
  const clients = clientCount(s);
  if (clients === 1) return [];
  const problems: ScenarioProblem[] = [];
  const { connections } = s.workload.load;
  if (connections < clients)
    problems.push({
      field: 'workload.load.connections',
      message: `${connections} connections for ${clients} load-generator clients (workload.clients): each client needs at least one`,
    });
  s.topology.services.forEach((svc, i) => {
    if (svc.id === LOADGEN_POD && svc.replicas > 1)
      problems.push({
        field: `topology.services[${i}].id`,
        message: `its pod '${LOADGEN_POD}-1' has the name of a load-generator client's pod ('${clientPodId(1)}'; rename the service)`,
      });
  });
  return problems;
}

/**
 * Requests one replication sends beyond MAX_REQUESTS_PER_RUN (shared with SimSpec files). A time
 * window is bounded through the rate, or for a closed load through connections ÷ (think + round trip).
 */
export function runSizeProblems(load: Load, run: Scenario['run']): ScenarioProblem[] {
  const most = MAX_REQUESTS_PER_RUN.toLocaleString('en');
  if ('measuredRequests' in run) {
    if (run.warmupRequests + run.measuredRequests <= MAX_REQUESTS_PER_RUN) return [];
    return [
      {
        field: 'run.measuredRequests',
        message: `warm-up and measured requests together must be at most ${most}`,
        practical: true,
      },
    ];
  }
  const windowS = (run.warmupUs + run.durationUs) / 1e6;
  const rate =
    load.kind === 'closed'
      ? load.connections / ((distributionMean(load.think) + MIN_ROUND_TRIP_US) / 1e6)
      : load.rps;
  if (windowS * rate <= MAX_REQUESTS_PER_RUN) return [];
  return [
    { field: 'run.durationUs', message: `this run would send more than ${most} requests`, practical: true },
  ];
}

function findCycle(s: Scenario, index: Map<string, number>): string[] | null {
  const state = new Map<string, number>();
  let found: string[] | null = null;
  const path: string[] = [];
  const visit = (id: string): void => {
    if (found || state.get(id) === 2) return;
    if (state.get(id) === 1) {
      found = [...path.slice(path.indexOf(id)), id];
      return;
    }
    state.set(id, 1);
    path.push(id);
    const i = index.get(id);
    if (i !== undefined) for (const c of s.topology.services[i].calls) visit(c);
    path.pop();
    state.set(id, 2);
  };
  for (const svc of s.topology.services) visit(svc.id);
  return found;
}

/** Caller-pod × backend-pod pairs over the calls reachable from the entry (each client calls every entry pod). */
function callLegs(s: Scenario, index: Map<string, number>): number {
  const svcs = s.topology.services;
  let legs = clientCount(s) * svcs[index.get(s.topology.entry)!].replicas;
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const svc = svcs[index.get(id)!];
    for (const c of new Set(svc.calls)) {
      legs += svc.replicas * svcs[index.get(c)!].replicas;
      visit(c);
    }
  };
  visit(s.topology.entry);
  return legs;
}
