import { useLayoutEffect, useRef } from 'react';
import * as THREE from 'three';

/** Opaque boxes are drawn in one batch (see boxes.tsx); re-exported here, where the other primitives live. */
export { Boxes, unitBox, type Box } from './boxes';

export const unitCylinder = new THREE.CylinderGeometry(1, 1, 1, 8);

/** Labels are drawn in one batch (see labels.tsx); re-exported here, where the other primitives live. */
export { Label } from './labels';

export function LinkSegments({
  segs,
  color,
  radius,
}: {
  segs: { pos: THREE.Vector3; quat: THREE.Quaternion; len: number }[];
  color: string;
  radius: number;
}) {
  const ref = useRef<THREE.InstancedMesh>(null);
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    const mat = new THREE.Matrix4();
    segs.forEach((s, i) => {
      mat.compose(s.pos, s.quat, new THREE.Vector3(radius, s.len, radius));
      m.setMatrixAt(i, mat);
    });
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
  }, [segs, radius]);
  if (!segs.length) return null;
  return (
    <instancedMesh
      key={segs.length}
      ref={ref}
      args={[unitCylinder, undefined, segs.length]}
      name={`links-${color}`}
    >
      <meshBasicMaterial color={color} />
    </instancedMesh>
  );
}

export function setBox(
  a: Float32Array,
  o: number,
  x: number,
  y: number,
  z: number,
  sx: number,
  sy: number,
  sz: number,
): void {
  a[o] = sx;
  a[o + 1] = 0;
  a[o + 2] = 0;
  a[o + 3] = 0;
  a[o + 4] = 0;
  a[o + 5] = sy;
  a[o + 6] = 0;
  a[o + 7] = 0;
  a[o + 8] = 0;
  a[o + 9] = 0;
  a[o + 10] = sz;
  a[o + 11] = 0;
  a[o + 12] = x;
  a[o + 13] = y;
  a[o + 14] = z;
  a[o + 15] = 1;
}
