/**
 * meshpath's design tokens: colours with meaning, a type scale and a spacing scale. Pure data and one
 * renderer; it imports nothing, so the scene, the 2D view, the legends, the charts and the page styles
 * all read the same values (docs/design.md).
 *
 * A colour has a value on light surfaces and one on dark surfaces. The scene's stage is dark in both
 * schemes (a projector-friendly picture), so the scene draws with `dark` values always; the page's own
 * graphics (charts, the home figure) use the scheme's value through the CSS custom properties.
 */

export type Scheme = 'light' | 'dark';

/** text: read against its surface (≥ 4.5:1); graphic: a meaningful mark (≥ 3:1); surface: a fill behind. */
export type TokenRole = 'text' | 'graphic' | 'surface';

export interface ColourToken {
  readonly light: string;
  readonly dark: string;
  readonly role: TokenRole;
  readonly meaning: string;
}

const both = (value: string, role: TokenRole, meaning: string): ColourToken => ({
  light: value,
  dark: value,
  role,
  meaning,
});
const pair = (light: string, dark: string, role: TokenRole, meaning: string): ColourToken => ({
  light,
  dark,
  role,
  meaning,
});

/** The page: background, text and controls. Rendered as `--bg`, `--fg`, … (no group prefix). */
export const SURFACE = {
  bg: pair('#ffffff', '#121417', 'surface', 'page background'),
  fg: pair('#1a1a1a', '#f0f0f0', 'text', 'body text'),
  muted: pair('#4a4a4a', '#c4c4c4', 'text', 'secondary text (hints, captions)'),
  accent: pair('#0b57a4', '#7fb6ff', 'text', 'links, primary buttons, the selected tab'),
  'accent-fg': pair('#ffffff', '#0b1320', 'text', 'text on an accent fill'),
  border: pair('#767676', '#9a9a9a', 'graphic', 'control and table borders'),
  row: pair('#f2f4f7', '#1e2228', 'surface', 'alternate rows, notices, progress track'),
  error: pair('#a4141a', '#ff9b9b', 'text', 'errors: a field, a failed panel'),
  focus: pair('#c25e00', '#ffb347', 'graphic', 'the keyboard focus ring'),
} as const satisfies Record<string, ColourToken>;

/** The scene's stage: dark in both schemes. */
export const STAGE = {
  bg: both('#11151c', 'surface', 'the 3D scene and 2D view background'),
  fg: both('#f0f3f7', 'text', 'labels and captions on the stage'),
  outline: both('#8894a6', 'graphic', "a node's outline in the 2D view"),
  'packet-edge': both('#0b0d12', 'surface', "a 2D packet's edge, so it stands off what it crosses"),
  /** What a lesson points at, and the kernel part being crossed: a yellow no component, hop or packet uses. */
  emphasis: both('#ffe14d', 'graphic', 'emphasis, and the crossing in the kernel view'),
} as const satisfies Record<string, ColourToken>;

/** Request and response legs; handler work inside the called app. Shapes differ too (LEG_SCALE). */
export const LEG = {
  request: both('#2f7bf6', 'graphic', 'a request on its way (tall packet)'),
  response: pair('#d87700', '#f08a14', 'graphic', 'a response on its way back (flat packet)'),
  handler: both('#a45ee5', 'graphic', "the called app's own work (cubic packet)"),
} as const satisfies Record<string, ColourToken>;

/** What happened to a packet. Failures are also drawn larger (FAILED_SCALE); queued ones dimmed and smaller. */
export const STATE = {
  dropped: both('#e0245e', 'graphic', 'dropped: a full waiting room or injected loss'),
  'timed-out': both('#8a8f98', 'graphic', "timed out: the caller's per-try timeout fired"),
  // Lime, not yellow: a yellow retry (#f2c500) read as the orange of a response packet.
  retried: pair('#5da245', '#a3e635', 'graphic', 'retried: sent again after a failure'),
} as const satisfies Record<string, ColourToken>;

/** Parts of the picture: where work runs. */
export const COMPONENT = {
  platform: both('#3b4350', 'surface', 'a node (the platform slab)'),
  kernel: both('#5a4632', 'surface', "a node's kernel (the slab beneath its pods)"),
  'kernel-part': pair('#ae8962', '#c9a27a', 'graphic', 'a kernel stack part (socket, TCP/IP, routing, veth)'),
  pod: both('#6b7a90', 'graphic', 'a pod'),
  app: pair('#3a97d2', '#4aa3df', 'graphic', 'the app container (and its own CPU)'),
  // Rose, not orange: an orange sidecar was hard to tell from the response-leg packets passing through it.
  sidecar: pair('#e46495', '#f06fa0', 'graphic', 'a sidecar proxy (and proxy CPU)'),
  library: pair('#5d7ba8', '#9ad1f5', 'graphic', 'the in-app library thread pool'),
  // Deep teal: the lighter #1aa39a was 8.6 ΔE from the app blue for a tritanope.
  nodeproxy: both('#188470', 'graphic', 'a node proxy (ztunnel, per-node Envoy)'),
  waypoint: pair('#ac8a5b', '#deb887', 'graphic', 'a waypoint proxy'),
  loadgen: pair('#839293', '#95a5a6', 'graphic', 'the load generator pod'),
  nic: both('#d0d4da', 'surface', "a node's NIC"),
  wire: pair('#6e6e6e', '#b0b0b0', 'graphic', 'time on the wire between nodes'),
} as const satisfies Record<string, ColourToken>;

/** Kernel hooks a design uses: netfilter chains or eBPF programs, and in-kernel encryption. */
export const HOOK = {
  netfilter: pair('#d97415', '#e67e22', 'graphic', 'netfilter (iptables/nftables chains)'),
  'ebpf-tc': both('#16a085', 'graphic', 'tc eBPF program'),
  'ebpf-socket': pair('#00a18f', '#27c4b0', 'graphic', 'socket eBPF (connect/sockmap)'),
  'ebpf-redirect': pair('#4da100', '#7dcf3a', 'graphic', 'eBPF redirect'),
  wireguard: both('#8e44ad', 'graphic', 'WireGuard in the kernel'),
} as const satisfies Record<string, ColourToken>;

/** How a link is protected; crypto work takes the workload-mTLS green. */
export const PROTECTION = {
  mtls: both('#1f9d55', 'graphic', 'workload mTLS, and crypto CPU'),
  node: both('#8e44ad', 'graphic', 'node-to-node encryption (WireGuard/IPsec)'),
  plain: both('#d64541', 'graphic', 'plaintext'),
} as const satisfies Record<string, ColourToken>;

/** Load drawn on resources. */
export const LOAD = {
  'util-low': pair('#00a54e', '#2ecc71', 'graphic', 'a lightly used resource'),
  'util-high': both('#e74c3c', 'graphic', 'a saturated resource'),
  queue: pair('#af8b00', '#f1c40f', 'graphic', 'waiting: queue length, and queueing time'),
} as const satisfies Record<string, ColourToken>;

/**
 * Categorical colours for charts whose series have no meaning of their own (percentiles, designs):
 * Okabe–Ito, darkened on the light page where a value fell under 3:1.
 */
export const SERIES = {
  '0': both('#d55e00', 'graphic', 'series 1 (vermillion)'),
  '1': pair('#3098cb', '#56b4e9', 'graphic', 'series 2 (sky blue)'),
  '2': both('#009e73', 'graphic', 'series 3 (bluish green)'),
  '3': pair('#c48200', '#e69f00', 'graphic', 'series 4 (orange)'),
  '4': pair('#0072b2', '#5490d8', 'graphic', 'series 5 (blue)'),
  '5': pair('#c875a3', '#cc79a7', 'graphic', 'series 6 (reddish purple)'),
  '6': pair('#8a7a00', '#f0e442', 'graphic', 'series 7 (yellow)'),
  '7': pair('#6e6e6e', '#b0b0b0', 'graphic', 'series 8 (grey)'),
  '8': pair('#000000', '#ffffff', 'graphic', 'series 9 (black / white)'),
} as const satisfies Record<string, ColourToken>;

/** Every colour group, by the prefix of its custom properties ('' for the page's own). */
export const COLOUR_GROUPS = {
  '': SURFACE,
  stage: STAGE,
  leg: LEG,
  state: STATE,
  component: COMPONENT,
  hook: HOOK,
  protection: PROTECTION,
  load: LOAD,
  series: SERIES,
} as const;

type Groups = typeof COLOUR_GROUPS;
/** A meaningful colour a chart series may take: `group/name`, e.g. 'component/app'. */
export type MeaningKey = {
  [G in Exclude<keyof Groups, ''>]: `${G}/${Extract<keyof Groups[G], string>}`;
}[Exclude<keyof Groups, ''>];

/** The custom property of a token: `--bg`, `--leg-request`, `--series-3`. */
export const cssVar = (group: string, name: string) => `--${group ? `${group}-` : ''}${name}`;

/** Type scale (rem, from the 20 px root): projector-readable steps. */
export const TYPE_SCALE = {
  xs: '0.85rem',
  sm: '0.9rem',
  md: '1rem',
  lg: '1.1rem',
  xl: '1.5rem',
  '2xl': '2.2rem',
} as const;

/** Spacing scale (rem). */
export const SPACE = {
  '1': '0.25rem',
  '2': '0.5rem',
  '3': '0.75rem',
  '4': '1rem',
  '5': '1.5rem',
  '6': '2rem',
} as const;

function declarations(scheme: Scheme, onlyDiffering: boolean): string[] {
  const out: string[] = [];
  for (const [group, tokens] of Object.entries(COLOUR_GROUPS))
    for (const [name, t] of Object.entries(tokens as Record<string, ColourToken>))
      if (!onlyDiffering || t.light !== t.dark) out.push(`  ${cssVar(group, name)}: ${t[scheme]};`);
  return out;
}

/**
 * The tokens as CSS: custom properties (light by default, dark under prefers-color-scheme) and one
 * class per meaningful colour (`.fill-component-app`: fill and background) for charts and swatches.
 * `src/design/tokens.css` is this text (a unit test keeps them equal; `npm run tokens` rewrites it).
 */
export function renderTokensCss(): string {
  const scale = [
    ...Object.entries(TYPE_SCALE).map(([k, v]) => `  --text-${k}: ${v};`),
    ...Object.entries(SPACE).map(([k, v]) => `  --space-${k}: ${v};`),
  ];
  const fills: string[] = [];
  for (const [group, tokens] of Object.entries(COLOUR_GROUPS))
    if (group !== '' && group !== 'stage')
      for (const name of Object.keys(tokens)) {
        const v = `var(${cssVar(group, name)})`;
        fills.push(`.fill-${group}-${name} {\n  fill: ${v};\n  background: ${v};\n}`);
        fills.push(`.stroke-${group}-${name} {\n  stroke: ${v};\n}`);
      }
  return [
    '/* Generated from src/design/tokens.ts by `npm run tokens`; do not edit (a unit test compares them). */',
    '',
    ':root {',
    ...declarations('light', false),
    ...scale,
    '}',
    '',
    '@media (prefers-color-scheme: dark) {',
    '  :root {',
    ...declarations('dark', true).map((l) => `  ${l}`),
    '  }',
    '}',
    '',
    ...fills.map((f) => `${f}\n`),
  ].join('\n');
}

/** A token's value in a scheme, by its meaning key ('leg/request'). */
export function tokenValue(key: MeaningKey, scheme: Scheme): string {
  const [group, name] = key.split('/') as [Exclude<keyof Groups, ''>, string];
  return (COLOUR_GROUPS[group] as Record<string, ColourToken>)[name][scheme];
}
