import { useEffect, useRef, useState } from 'react';
import { LANES, MOST_STOPS, type Lane } from './paths';

/**
 * One request crossing the library, sidecar and eBPF designs side by side: every lane's packet moves
 * one stop per beat and all start together, so the sidecar's longer path is seen, not read. Drawn
 * in SVG and moved by the Web Animations API (no script per frame; SMIL inserted by React did not
 * always start ticking in Chromium); still when the reader asks for reduced motion, and a button
 * pauses it (moving content longer than five seconds must be pausable).
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

const stopX = (i: number) => 4 + i * STEP + BOX_W / 2;

/** A lane's packet: it travels `end` units, arriving at `arrive` of the cycle, then waits. */
export function packetMotion(lane: Lane): { end: number; arrive: number; durationMs: number } {
  const last = lane.stops.length - 1;
  return {
    end: stopX(last) - stopX(0),
    arrive: (TRAVEL * last) / (MOST_STOPS - 1),
    durationMs: CYCLE_S * 1000,
  };
}

function LaneDrawing({ lane, index }: { lane: Lane; index: number }) {
  const y0 = index * LANE_H;
  const cy = y0 + TOP + 10 + BOX_H / 2;
  const x = stopX;
  const last = lane.stops.length - 1;
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
        <circle r={6} className="home-packet" data-testid="home-packet" data-lane-packet={lane.id} />
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
  const moving = useRef<Animation[]>([]);
  useEffect(() => {
    const el = svg.current;
    if (!el || reduced) return;
    const circles = LANES.map((l) => el.querySelector<SVGCircleElement>(`[data-lane-packet="${l.id}"]`));
    if (circles.some((c) => !c || typeof c.animate !== 'function')) return;
    moving.current = LANES.map((lane, i) => {
      const { end, arrive, durationMs } = packetMotion(lane);
      const at = (x: number) => ({ transform: `translate(${x}px, 0px)` });
      return circles[i]!.animate(
        [
          { ...at(0), offset: 0 },
          { ...at(end), offset: arrive },
          { ...at(end), offset: 1 },
        ],
        {
          duration: durationMs,
          iterations: Infinity,
        },
      );
    });
    // Made in one task, the three start on the same frame and stay in step.
    return () => {
      for (const a of moving.current) a.cancel();
      moving.current = [];
    };
  }, [reduced]);
  useEffect(() => {
    for (const a of moving.current) {
      if (paused) a.pause();
      else a.play();
    }
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
          <LaneDrawing key={l.id} lane={l} index={i} />
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
