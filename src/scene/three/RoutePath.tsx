import { useRouteView } from '../useRoute';
import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { packetScaleForSpan } from '../packets';
import { LEG_COLOR, PACKET_LIFT, type Leg } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { unitCylinder } from './primitives';

const LEGS: readonly Leg[] = ['request', 'handler', 'response'];
/** Tube radius by leg: the response a little thinner and lower, so where both legs share a path both show. */
const RADIUS: Record<Leg, number> = { request: 0.07, handler: 0.07, response: 0.05 };
const DROP: Record<Leg, number> = { request: 0, handler: 0, response: -0.18 };

/**
 * The drawn request's whole route: one instanced mesh of thin tubes per leg, in the leg's colour,
 * riding at packet height. Rebuilt only when the route's request or length changes, never per frame.
 */
export function RoutePath({ routeStore, scene }: Scene3DProps) {
  const route = useRouteView(routeStore);
  const invalidate = useThree((s) => s.invalidate);
  const segs = useMemo(() => {
    const up = new THREE.Vector3(0, 1, 0);
    // Thicker in a larger cluster, as packets are, so the route still shows from the overview at 30 nodes.
    const k = packetScaleForSpan(scene.bounds.span);
    const out = {} as Record<Leg, THREE.Matrix4[]>;
    for (const leg of LEGS) {
      out[leg] = [];
      for (const [a, b] of route?.segments[leg] ?? []) {
        const lift = PACKET_LIFT + DROP[leg];
        const va = new THREE.Vector3(a[0], a[1] + lift, a[2]);
        const vb = new THREE.Vector3(b[0], b[1] + lift, b[2]);
        const dir = vb.clone().sub(va);
        const len = dir.length();
        if (len < 1e-6) continue;
        const quat = new THREE.Quaternion().setFromUnitVectors(up, dir.clone().normalize());
        const pos = va.clone().addScaledVector(dir, 0.5);
        out[leg].push(
          new THREE.Matrix4().compose(pos, quat, new THREE.Vector3(RADIUS[leg] * k, len, RADIUS[leg] * k)),
        );
      }
    }
    return out;
    // The route object changes as the meter ticks; the tubes only when the request or its records do.
  }, [route?.request, route?.points, scene]);
  useEffect(() => invalidate(), [segs, invalidate]);
  return (
    <group name="route">
      {LEGS.map((leg) => (segs[leg].length ? <LegTubes key={leg} leg={leg} matrices={segs[leg]} /> : null))}
    </group>
  );
}

function LegTubes({ leg, matrices }: { leg: Leg; matrices: THREE.Matrix4[] }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    matrices.forEach((x, i) => m.setMatrixAt(i, x));
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
  }, [matrices]);
  return (
    <instancedMesh
      key={matrices.length}
      ref={ref}
      args={[unitCylinder, undefined, matrices.length]}
      name={`route-${leg}`}
      frustumCulled={false}
    >
      <meshBasicMaterial color={LEG_COLOR[leg]} toneMapped={false} />
    </instancedMesh>
  );
}
