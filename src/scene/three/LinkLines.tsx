import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { simUsPerMs } from '../../machines/simulate/playback';
import type { Protection } from '../../worker/trace/protocol';
import {
  filterLinks,
  hopLinks,
  LINK_HOLD_MS,
  linkEmphasis,
  markActiveLinks,
  selectedNode,
} from '../linkFilter';
import { PROTECTION_COLOR } from '../palette';
import type { Scene3DProps } from '../sceneProps';
import { unitCylinder } from './primitives';

interface Seg {
  pos: THREE.Vector3;
  quat: THREE.Quaternion;
  len: number;
  link: number;
}

const KINDS: Protection[] = ['mtls', 'node', 'plain'];
const RADIUS: Record<Protection, number> = { mtls: 0.1, node: 0.1, plain: 0.07 };
const HIDDEN = new THREE.Matrix4().makeScale(0, 0, 0);

/**
 * Links between nodes, coloured by what protects them (plaintext dashed). Which links are drawn
 * follows the link filter; with "carrying traffic now" the set is recomputed each frame from the
 * trace buffer by reference and the instance matrices are rewritten only when it changes.
 */
export function LinkLines({
  scene,
  layout,
  buffer,
  actor,
  selection,
  probe,
  linkFilter = 'all',
}: Scene3DProps) {
  const invalidate = useThree((s) => s.invalidate);
  const segs = useMemo(() => {
    const out: Record<Protection, Seg[]> = { mtls: [], node: [], plain: [] };
    const up = new THREE.Vector3(0, 1, 0);
    scene.links.forEach((l, link) => {
      const a = new THREE.Vector3(...l.from);
      const b = new THREE.Vector3(...l.to);
      const dir = b.clone().sub(a);
      const len = dir.length();
      if (len === 0) return;
      dir.normalize();
      const quat = new THREE.Quaternion().setFromUnitVectors(up, dir);
      const dash = l.protection === 'plain' ? 0.5 : len;
      const gap = l.protection === 'plain' ? 0.35 : 0;
      for (let s = 0; s < len - 1e-9; s += dash + gap) {
        const segLen = Math.min(dash, len - s);
        out[l.protection].push({
          pos: a.clone().addScaledVector(dir, s + segLen / 2),
          quat,
          len: segLen,
          link,
        });
      }
    });
    return out;
  }, [scene]);
  const hopLink = useMemo(() => hopLinks(layout.hops, layout.links), [layout]);
  const masks = useMemo(
    () => ({
      active: new Uint8Array(scene.links.length),
      shown: new Uint8Array(scene.links.length),
      drawn: new Uint8Array(scene.links.length).fill(2), // 2: nothing written yet
      width: -1,
    }),
    [scene],
  );
  const meshes = useRef<Record<Protection, THREE.InstancedMesh | null>>({
    mtls: null,
    node: null,
    plain: null,
  });
  const node = selectedNode(selection, layout);

  // Redraw when the filter or the selected node change while paused (the canvas renders on demand).
  useEffect(() => invalidate(), [linkFilter, node, invalidate]);

  useFrame(() => {
    if (linkFilter === 'traffic') {
      const { t, slowdown } = actor.getSnapshot().context;
      markActiveLinks(buffer, t, LINK_HOLD_MS * simUsPerMs(slowdown), hopLink, masks.active);
    }
    const count = filterLinks(linkFilter, layout.links, masks.active, node, masks.shown);
    const { opacity, width } = linkEmphasis(count);
    let changed = width !== masks.width;
    for (let i = 0; i < masks.shown.length && !changed; i++) changed = masks.shown[i] !== masks.drawn[i];
    probe.linksDrawn = count;
    probe.linkFilter = linkFilter;
    if (!changed) return;
    masks.drawn.set(masks.shown);
    masks.width = width;
    const m4 = new THREE.Matrix4();
    const scale = new THREE.Vector3();
    for (const k of KINDS) {
      const mesh = meshes.current[k];
      if (!mesh) continue;
      segs[k].forEach((s, i) => {
        if (masks.shown[s.link])
          mesh.setMatrixAt(
            i,
            m4.compose(s.pos, s.quat, scale.set(RADIUS[k] * width, s.len, RADIUS[k] * width)),
          );
        else mesh.setMatrixAt(i, HIDDEN);
      });
      mesh.instanceMatrix.needsUpdate = true;
      mesh.computeBoundingSphere();
      const mat = mesh.material as THREE.MeshBasicMaterial;
      mat.opacity = opacity;
      mat.depthWrite = opacity >= 1;
    }
  });

  return (
    <group name="links">
      {KINDS.map(
        (k) =>
          segs[k].length > 0 && (
            <instancedMesh
              key={`${k}-${segs[k].length}`}
              ref={(m) => {
                // A new mesh starts with unit matrices: have the next frame write every instance.
                meshes.current[k] = m;
                masks.drawn.fill(2);
              }}
              args={[unitCylinder, undefined, segs[k].length]}
              name={`links-${k}`}
              frustumCulled={false}
            >
              <meshBasicMaterial color={PROTECTION_COLOR[k]} transparent />
            </instancedMesh>
          ),
      )}
    </group>
  );
}
