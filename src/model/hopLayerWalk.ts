import {
  LAYER_IDS,
  layerVariantFor,
  type HopLayerEntry,
  type HopLayerVariant,
  type LayerChange,
  type LayerId,
} from './hopLayers';

/** One layer of the message as it stands, with the header as the model describes it. */
export interface StackLayer {
  layer: LayerId;
  /** The header's name or summary. */
  text: string;
  /** Named fields (addresses, ports, TTL), carried from hop to hop until a hop sets them. */
  fields: Record<string, string>;
}

/** The header as one line: its summary, then its fields. */
export function layerText(l: StackLayer): string {
  const f = Object.entries(l.fields).map(([k, v]) => `${k} ${v}`);
  return f.length ? `${l.text}: ${f.join(', ')}` : l.text;
}

/** The fields of a hop the walk needs (a trace layout hop has them). */
export interface WalkHop {
  kind: string;
  label: string;
  leg: 'request' | 'response' | 'handler';
  /** Previous hop on the same route; -1 at the start of a leg. */
  prev: number;
}

export interface HopLayerView {
  entry: HopLayerEntry;
  variant: HopLayerVariant;
  /** The message going in and coming out, innermost layer first. */
  in: StackLayer[];
  out: StackLayer[];
  /** Changes that do not fit the message as it stands (a model error; the tests keep this empty for shipped routes). */
  problems: string[];
}

const order = (s: StackLayer[]) => s.sort((a, b) => LAYER_IDS.indexOf(a.layer) - LAYER_IDS.indexOf(b.layer));

/** Applies one hop's changes to the message; returns the new stack and any misfit. */
export function applyChanges(
  stack: readonly StackLayer[],
  changes: readonly LayerChange[],
  where: string,
): { stack: StackLayer[]; problems: string[] } {
  const next = stack.map((l) => ({ ...l, fields: { ...l.fields } }));
  const problems: string[] = [];
  for (const c of changes) {
    const i = next.findIndex((l) => l.layer === c.layer);
    if (c.action === 'added') {
      if (i >= 0) problems.push(`${where}: adds '${c.layer}', already present`);
      else next.push({ layer: c.layer, text: c.out ?? c.layer, fields: { ...c.set } });
      continue;
    }
    if (i < 0) {
      problems.push(`${where}: ${c.action} '${c.layer}', which the message does not have here`);
      continue;
    }
    if (c.action === 'removed') next.splice(i, 1);
    else if (c.action === 'rewritten') {
      const before = layerText(next[i]);
      if (c.set || c.decrement || c.increment) {
        Object.assign(next[i].fields, c.set);
        const steps = [
          ...(c.decrement ?? []).map((f) => [f, -1] as const),
          ...(c.increment ?? []).map((f) => [f, 1] as const),
        ];
        for (const [f, by] of steps) {
          const n = Number(next[i].fields[f]);
          if (Number.isInteger(n)) next[i].fields[f] = String(n + by);
          else problems.push(`${where}: steps '${c.layer}' field '${f}', which is not a number here`);
        }
      } else next[i].text = c.out!;
      if (layerText(next[i]) === before) problems.push(`${where}: rewrites '${c.layer}' without changing it`);
    } else next[i].text = c.out ?? next[i].text; // read or carried: as it was, unless the hop says what it leaves
  }
  return { stack: order(next), problems };
}

/** The stack a handshake variant describes on its own (it is not the request's message). */
function ownStacks(v: HopLayerVariant): { in: StackLayer[]; out: StackLayer[] } {
  const inS = v.layers
    .filter((c) => c.action !== 'added')
    .map((c) => ({ layer: c.layer, text: c.in ?? c.out ?? c.layer, fields: {} }));
  const outS = v.layers
    .filter((c) => c.action !== 'removed')
    .map((c) => ({ layer: c.layer, text: c.out ?? c.in ?? c.layer, fields: { ...c.set } }));
  return { in: inS, out: outS };
}

/**
 * What the message looks like going into and out of hop `index`: walks its leg from the start (an
 * HTTP message leaving or reaching the app) through every earlier data hop. Handshake hops describe
 * their own message and leave the leg's alone. Null when the hop kind has no layer entry.
 */
export function hopLayerView(
  hops: readonly WalkHop[],
  index: number,
  catalog: ReadonlyMap<string, HopLayerEntry>,
): HopLayerView | null {
  const entry = catalog.get(hops[index].kind);
  if (!entry) return null;
  const chain: number[] = [];
  for (let i = index, guard = 0; i >= 0 && guard <= hops.length; i = hops[i].prev, guard++) chain.unshift(i);
  const start = hops[chain[0]];
  let stack: StackLayer[] = [
    { layer: 'http', text: start.leg === 'response' ? 'HTTP response' : 'HTTP request', fields: {} },
  ];
  const problems: string[] = [];
  for (const i of chain) {
    const h = hops[i];
    const e = catalog.get(h.kind);
    if (!e) continue;
    const v = layerVariantFor(e, h.label);
    if (i === index && v.handshake) return { entry, variant: v, ...ownStacks(v), problems };
    if (v.handshake) continue;
    const r = applyChanges(stack, v.layers, `${h.kind} “${h.label}”`);
    if (i === index)
      return { entry, variant: v, in: stack, out: r.stack, problems: [...problems, ...r.problems] };
    problems.push(...r.problems);
    stack = r.stack;
  }
  return null;
}
