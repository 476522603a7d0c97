import { formatIssues } from '../../model/issues';
import { ScenarioChangesSchema, type ScenarioChanges } from '../../model/lesson';
import { isScenarioPresetId, SCENARIO_PRESETS, type ScenarioPresetId } from '../../model/presets';
import { ScenarioSchema } from '../../model/scenario';
import { applyScenarioChanges } from '../../model/scenarioChanges';
import type { Notice, ShownAs } from '../../machines/simulate/session';
import type { View } from '../../worker/trace/protocol';

/**
 * Packets benchmark mode feeds at most: the packet meshes' default capacity. Each packet brings 60
 * cycles of records, held at once since the synthetic run is not streamed (about 250,000 here).
 */
export const MAX_BENCH_PACKETS = 4096;

export const DEFAULT_PRESET: ScenarioPresetId = 'one-request-slowly';
export const DEFAULT_ARCH = 'sidecar-envoy';

export const PROTOCOLS = ['http1', 'http2', 'grpc'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const PROTOCOL_NAMES: Record<Protocol, string> = { http1: 'HTTP/1.1', http2: 'HTTP/2', grpc: 'gRPC' };
const isProtocol = (v: string): v is Protocol => (PROTOCOLS as readonly string[]).includes(v);

export interface PageParams {
  preset: ScenarioPresetId;
  arch: string;
  view: View;
  seed: number | null;
  t: number;
  force2d: boolean;
  antialias: boolean;
  maxPackets: number | undefined;
  /** Benchmark mode: this many synthetic packets always in flight (scripts/bench-scene.ts), at most MAX_BENCH_PACKETS. */
  bench: number | null;
  /** Presentation mode (projector): the scene fills most of the viewport. */
  present: boolean;
  /** The picture (3D or 2D) or the topology as tables (`show=table`). */
  shownAs: ShownAs;
  /** The scenario's protocol, changed from the preset's (null: the preset's own). */
  protocol: Protocol | null;
  /** Changes to the preset (`ch`, JSON: a lesson's sandbox link), checked against the preset; null: none. */
  changes: ScenarioChanges | null;
  /** One per URL parameter that could not be used, naming it and saying what is shown instead. */
  notices: Notice[];
}

/** The `ch` parameter's changes, or what is wrong with them (naming the field). */
function readChanges(text: string, presetId: ScenarioPresetId): ScenarioChanges | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  const parsed = ScenarioChangesSchema.safeParse(raw);
  if (!parsed.success) return formatIssues(parsed.error, { raw });
  // Some changes do not fit every preset (paced load on a closed loop): the scenario they make is
  // checked here, where the address enters, not when the worker compiles it.
  const made = ScenarioSchema.safeParse(
    applyScenarioChanges(SCENARIO_PRESETS[presetId] as unknown as Record<string, unknown>, parsed.data),
  );
  return made.success ? parsed.data : `does not fit this scenario: ${formatIssues(made.error)}`;
}

/** Every notice about a parameter starts so. */
const about = (param: string) => `URL parameter ${param}=`;

/**
 * Reads the page's URL parameters. A value it cannot use never fails the page: it falls back to a
 * working default and says so in a notice that names the parameter.
 */
export function readParams(
  p: URLSearchParams,
  architectures: readonly { id: string; name: string }[],
): PageParams {
  const notices: Notice[] = [];
  const say = (param: Notice['param'], rest: string) =>
    notices.push({ param, text: `${about(param)}${rest}` });
  const quote = (v: string) => `‘${v.length > 40 ? `${v.slice(0, 40)}…` : v}’`;

  const preset = p.get('preset');
  let presetId = DEFAULT_PRESET;
  if (preset !== null && preset !== '') {
    if (isScenarioPresetId(preset)) presetId = preset;
    else
      say(
        'preset',
        `${quote(preset)} is not a scenario this page offers; showing “${SCENARIO_PRESETS[DEFAULT_PRESET].name}” instead.`,
      );
  }

  const archParam = p.get('arch');
  let arch = DEFAULT_ARCH;
  if (archParam !== null && archParam !== '') {
    if (architectures.some((a) => a.id === archParam)) arch = archParam;
    else {
      const name = architectures.find((a) => a.id === DEFAULT_ARCH)?.name ?? DEFAULT_ARCH;
      say('arch', `${quote(archParam)} names no architecture in the models; showing ${name} instead.`);
    }
  }

  const viewParam = p.get('view');
  // The classroom presets follow single requests hop by hop; the others are about load.
  const defaultView: View =
    presetId === 'one-request-slowly' || presetId === 'failures-and-retries' ? 'trace' : 'load';
  let view = defaultView;
  if (viewParam === 'trace' || viewParam === 'load') view = viewParam;
  else if (viewParam !== null && viewParam !== '')
    say(
      'view',
      `${quote(viewParam)} is neither ‘trace’ nor ‘load’; showing the ${defaultView} view instead.`,
    );

  let seed: number | null = null;
  const seedParam = p.get('seed');
  if (seedParam !== null) {
    const n = Number(seedParam);
    if (seedParam !== '' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) seed = n;
    else
      say(
        'seed',
        `${quote(seedParam)} is not a whole number from 0 to 4294967295; using the scenario’s own seed.`,
      );
  }

  let protocol: Protocol | null = null;
  const protoParam = p.get('proto');
  if (protoParam !== null && protoParam !== '') {
    if (isProtocol(protoParam))
      protocol = protoParam === SCENARIO_PRESETS[presetId].workload.protocol ? null : protoParam;
    else
      say(
        'proto',
        `${quote(protoParam)} is not one of ${PROTOCOLS.join(', ')}; using the scenario’s own protocol.`,
      );
  }

  let changes: ScenarioChanges | null = null;
  const chParam = p.get('ch');
  if (chParam !== null && chParam !== '') {
    const read = readChanges(chParam, presetId);
    if (typeof read === 'string')
      say('ch', `${quote(chParam)} ${read}; showing the scenario without changes.`);
    else changes = read;
  }

  const showParam = p.get('show');
  let shownAs: ShownAs = 'picture';
  if (showParam === 'table' || showParam === 'picture') shownAs = showParam;
  else if (showParam !== null && showParam !== '')
    say('show', `${quote(showParam)} is neither ‘picture’ nor ‘table’; showing the picture.`);

  const tParam = p.get('t');
  const t = Number(tParam);
  if (tParam !== null && tParam !== '' && !(Number.isFinite(t) && t >= 0))
    say('t', `${quote(tParam)} is not a time in µs; starting at 0.`);

  const packets = Number(p.get('packets'));
  const bench = Number(p.get('bench'));
  return {
    preset: presetId,
    arch,
    view,
    seed,
    t: Number.isFinite(t) && t > 0 ? t : 0,
    force2d: p.get('gl') === '0',
    antialias: p.get('aa') !== '0',
    maxPackets: Number.isInteger(packets) && packets > 0 ? Math.min(packets, 20_000) : undefined,
    bench: Number.isInteger(bench) && bench > 0 ? Math.min(bench, MAX_BENCH_PACKETS) : null,
    present: p.get('present') === '1',
    shownAs,
    protocol,
    changes,
    notices,
  };
}
