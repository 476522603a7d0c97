import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { TraceEvent } from '../../machines/simulate/buffer';
import { boxEdges, type Emphasis as EmphasisData } from '../emphasis';
import type { Vec3 } from '../layout';
import { packetPosition } from '../packets';
import { EMPHASIS_COLOR, PACKET_LIFT } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { unitBox } from './boxes';

/**
 * What a lesson's narration points at, drawn over the topology: a glowing shell and an outline
 * around each named component, the matching hops' paths as bright lines, and a halo on the named
 * packet. Drawn without depth test, so a mark inside a pod or under a platform still shows. Also
 * tells the probe where the marks are on screen (for the browser test that reads their pixels).
 */
export function Emphasis(p: Scene3DProps & { emphasis: EmphasisData }) {
  const { emphasis, scene, actor, buffer, probe } = p;
  const invalidate = useThree((s) => s.invalidate);
  const shells = useRef<THREE.InstancedMesh>(null);
  const halo = useRef<THREE.Mesh>(null);
  const lines = useMemo(() => {
    const pts: number[] = [];
    for (const m of emphasis.marks) boxEdges(m.pos, m.size, 0.12, pts);
    const paths: number[] = [];
    const lift = (v: Vec3) => [v[0], v[1] + PACKET_LIFT, v[2]];
    for (const h of emphasis.hops) {
      const path = scene.paths[h];
      for (let i = 1; i < path.length; i++) paths.push(...lift(path[i - 1]), ...lift(path[i]));
    }
    for (const i of emphasis.links) {
      const l = scene.links[i];
      paths.push(...l.from, ...l.to);
    }
    const geometry = (xs: number[]) => {
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.Float32BufferAttribute(xs, 3));
      return g;
    };
    const material = new THREE.LineBasicMaterial({ color: EMPHASIS_COLOR, depthTest: false });
    return {
      outline: pts.length ? new THREE.LineSegments(geometry(pts), material) : null,
      paths: paths.length ? new THREE.LineSegments(geometry(paths), material) : null,
      material,
    };
  }, [emphasis, scene]);
  useEffect(
    () => () => {
      lines.outline?.geometry.dispose();
      lines.paths?.geometry.dispose();
      lines.material.dispose();
    },
    [lines],
  );
  useLayoutEffect(() => {
    const m = shells.current;
    if (!m) return;
    const o = new THREE.Object3D();
    emphasis.marks.forEach((mk, i) => {
      o.position.set(...mk.pos);
      o.scale.set(mk.size[0] + 0.3, mk.size[1] + 0.3, mk.size[2] + 0.3);
      o.updateMatrix();
      m.setMatrixAt(i, o.matrix);
    });
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
    invalidate();
  }, [emphasis, invalidate]);

  const list = useMemo(() => [] as TraceEvent[], []);
  const at: Vec3 = [0, 0, 0];
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const v = useMemo(() => new THREE.Vector3(), []);
  useFrame(() => {
    const h = halo.current;
    if (h) {
      let shown = false;
      if (emphasis.packet !== null) {
        const t = actor.getSnapshot().context.t;
        const e = buffer.inFlight(t, list).find((x) => x.request === emphasis.packet);
        if (e) {
          packetPosition(e, t, scene, at);
          h.position.set(at[0], at[1] + PACKET_LIFT, at[2]);
          shown = true;
        }
      }
      h.visible = shown;
      probe.highlight.packetShown = shown;
    }
    // Where each mark's centre is on the canvas (CSS px), for tests reading pixels.
    probe.highlight.screen = emphasis.marks.slice(0, 16).map((mk) => {
      v.set(...mk.pos).project(camera);
      return [Math.round(((v.x + 1) / 2) * size.width), Math.round(((1 - v.y) / 2) * size.height)];
    });
  });
  return (
    <group name="emphasis">
      {emphasis.marks.length > 0 && (
        <instancedMesh
          key={emphasis.marks.length}
          ref={shells}
          args={[unitBox, undefined, emphasis.marks.length]}
          renderOrder={10}
        >
          <meshBasicMaterial
            color={EMPHASIS_COLOR}
            transparent
            opacity={0.5}
            depthTest={false}
            depthWrite={false}
          />
        </instancedMesh>
      )}
      {lines.outline && <primitive object={lines.outline} renderOrder={11} />}
      {lines.paths && <primitive object={lines.paths} renderOrder={11} />}
      <mesh ref={halo} visible={false} renderOrder={12}>
        <sphereGeometry args={[0.6, 16, 10]} />
        <meshBasicMaterial color={EMPHASIS_COLOR} wireframe depthTest={false} />
      </mesh>
    </group>
  );
}
