import { useEffect, useRef, useState } from 'react';
import { LANES, MOST_STOPS, type Lane } from './paths';

/**
 * One request crossing the library, sidecar and eBPF designs side by side: every lane's packet moves
 * one stop per beat and all start together, so the sidecar's longer path is seen, not read. Drawn
 * in SVG with SMIL (no script per frame, nothing to download); still when the reader asks for reduced
 * motion, and a button pauses it (moving content longer than five seconds must be pausable).
 */

const STEP = 110; // between stops, in the drawing's units
const BOX_W = 102;
const BOX_H = 34;
const LANE_H = 118;
const TOP = 26; // the lane's name above its stops
const CYCLE_S = 9;
const TRAVEL = 0.8; // of the cycle; the rest is a pause at the end
const WIDTH = STEP * (MOST_STOPS - 1) + BOX_W + 8;

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}

function LaneDrawing({ lane, index, animate }: { lane: Lane; index: number; animate: boolean }) {
  const y0 = index * LANE_H;
  const cy = y0 + TOP + 10 + BOX_H / 2;
  const x = (i: number) => 4 + i * STEP + BOX_W / 2;
  const last = lane.stops.length - 1;
  const end = x(last) - x(0);
  const arrive = ((TRAVEL * last) / (MOST_STOPS - 1)).toFixed(3);
  return (
    <g className={`home-lane home-lane-${lane.id}`} data-lane={lane.id}>
      <text x={4} y={y0 + TOP} className="home-lane-name">
        {lane.name}
      </text>
      <line x1={x(0)} x2={x(last)} y1={cy} y2={cy} className="home-lane-line" />
      {lane.stops.map((s, i) => (
        <g key={i} className={`home-stop home-stop-${s.kind}`} data-kind={s.kind}>
          <rect x={x(i) - BOX_W / 2} y={cy - BOX_H / 2} width={BOX_W} height={BOX_H} rx={6} />
          <text x={x(i)} y={cy + 5} textAnchor="middle">
            {s.label}
          </text>
        </g>
      ))}
      <g transform={`translate(${x(0)} ${cy + BOX_H / 2 + 10})`}>
        <circle r={6} className="home-packet" data-testid="home-packet">
          {animate && (
            <animateTransform
              attributeName="transform"
              type="translate"
              values={`0 0;${end} 0;${end} 0`}
              keyTimes={`0;${arrive};1`}
              dur={`${CYCLE_S}s`}
              repeatCount="indefinite"
            />
          )}
        </circle>
      </g>
      <text x={4} y={cy + BOX_H / 2 + 36} className="home-lane-takeaway">
        {lane.takeaway}
      </text>
    </g>
  );
}

export function PathsFigure() {
  const [reduced] = useState(prefersReducedMotion);
  const [paused, setPaused] = useState(false);
  const svg = useRef<SVGSVGElement>(null);
  // Chromium leaves animations that React inserts at time 0 without ticking until the SVG's clock is
  // set: set it once on mount (which also starts every lane together).
  useEffect(() => {
    const el = svg.current;
    if (!el || typeof el.setCurrentTime !== 'function') return;
    const start = () => el.setCurrentTime(0);
    start();
    // The document's animation clock starts at its load event: set it again then, if not loaded yet.
    if (document.readyState === 'complete') return;
    window.addEventListener('load', start, { once: true });
    return () => window.removeEventListener('load', start);
  }, []);
  useEffect(() => {
    const el = svg.current;
    if (!el || typeof el.pauseAnimations !== 'function') return;
    if (paused) el.pauseAnimations();
    else el.unpauseAnimations();
  }, [paused]);
  return (
    <figure className="home-paths" aria-labelledby="home-paths-caption">
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${LANES.length * LANE_H}`}
        role="img"
        aria-label={LANES.map((l) => `${l.name}: ${l.stops.map((s) => s.label).join(', ')}.`).join(' ')}
        data-testid="home-paths"
      >
        {LANES.map((l, i) => (
          <LaneDrawing key={l.id} lane={l} index={i} animate={!reduced} />
        ))}
      </svg>
      <figcaption id="home-paths-caption">
        One request, one direction, from a client pod to a server pod on another node. The packets start
        together and move one stop per beat: the sidecar&apos;s path crosses two proxies and three TCP legs
        where the others cross one (<a href="#/sources/packet-walks/10">packet walks §10</a>). What each stop
        costs is in Simulate and Compare.{' '}
        {!reduced && (
          <button
            type="button"
            className="home-pause"
            onClick={() => setPaused((p) => !p)}
            aria-pressed={paused}
          >
            {paused ? 'Play the animation' : 'Pause the animation'}
          </button>
        )}
      </figcaption>
    </figure>
  );
}
