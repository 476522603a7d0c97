import { useFrame, useThree } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { growth, type ChangingItem } from '../archTransition';
import { unitBox } from './primitives';

interface Props {
  name: string;
  items: ChangingItem[];
  color: string;
  /** Per-item colour (kernel hook marks), else every box is `color`. */
  colorOf?: (item: ChangingItem) => string;
  /** Keys of items that grow in after an architecture switch; the rest stand at full size. */
  appearing?: ReadonlySet<string>;
  /** Every item shrinks and fades out (the previous architecture's components). */
  vanish?: boolean;
  reducedMotion: boolean;
  onPick?: (item: ChangingItem) => void;
  /** Told how far the transition has got (0–1) each time it is drawn. */
  onGrowth?: (k: number) => void;
}

/**
 * Components that come and go with the architecture (sidecars, node proxies, waypoints, library
 * pools, kernel hook marks) as one instanced mesh. After a switch the appearing ones grow from
 * nothing and the vanishing ones shrink and fade over TRANSITION_MS, written in useFrame with no
 * React state; with reduced motion they are simply at their end state.
 */
export function ChangingBoxes({
  name,
  items,
  color,
  colorOf,
  appearing,
  vanish = false,
  reducedMotion,
  onPick,
  onGrowth,
}: Props) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const matRef = useRef<THREE.MeshLambertMaterial>(null);
  const invalidate = useThree((s) => s.invalidate);
  const animated = vanish || items.some((i) => appearing?.has(i.key));
  const anim = useMemo(() => ({ start: -1, done: !animated }), [animated, items, appearing, vanish]);

  const write = (k: number) => {
    const m = ref.current;
    if (!m) return;
    const mat = new THREE.Matrix4();
    items.forEach((b, i) => {
      const s = vanish ? 1 - k : appearing?.has(b.key) ? k : 1;
      mat.makeScale(
        Math.max(s, 1e-4) * b.size[0],
        Math.max(s, 1e-4) * b.size[1],
        Math.max(s, 1e-4) * b.size[2],
      );
      mat.setPosition(b.pos[0], b.pos[1], b.pos[2]);
      m.setMatrixAt(i, mat);
    });
    m.instanceMatrix.needsUpdate = true;
    m.visible = !(vanish && k >= 1);
    if (vanish && matRef.current) matRef.current.opacity = 1 - k;
  };

  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    write(animated ? growth(0, reducedMotion) : 1);
    if (colorOf) {
      const c = new THREE.Color();
      items.forEach((b, i) => m.setColorAt(i, c.set(colorOf(b))));
      if (m.instanceColor) m.instanceColor.needsUpdate = true;
    }
    m.computeBoundingSphere();
  }, [items, appearing, vanish, colorOf, reducedMotion, animated]);

  useFrame(() => {
    if (anim.done) return;
    const now = performance.now();
    if (anim.start < 0) anim.start = now;
    const k = growth(now - anim.start, reducedMotion);
    write(k);
    onGrowth?.(k);
    if (k >= 1) anim.done = true;
    else invalidate();
  });

  if (!items.length) return null;
  return (
    <instancedMesh
      key={items.length}
      ref={ref}
      name={name}
      args={[unitBox, undefined, items.length]}
      onClick={
        onPick
          ? (e) => {
              e.stopPropagation();
              if (e.instanceId !== undefined) onPick(items[e.instanceId]);
            }
          : undefined
      }
    >
      <meshLambertMaterial
        ref={matRef}
        color={colorOf ? '#ffffff' : color}
        transparent={vanish}
        depthWrite={!vanish}
      />
    </instancedMesh>
  );
}
