import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import * as THREE from 'three';
import { STACK_PARTS } from '../kernelStack';
import { labelCounts, writeLabels } from '../labelDom';
import { placeLabels, type Obstacle } from '../labelPlacement';
import type { SceneLayout } from '../layout';
import { nodeDetail, sameDetail, type NodeDetail } from '../lod';
import { PRESENTATION_LABEL_SIZE } from '../palette';
import type { SceneProbe } from '../probe';
import { labels3d, pathOverlayBox, screenBounds } from '../sceneLabels';
import type { CameraPreset } from '../sceneProps';
import { projector, type Projector } from '../screen';
import { stackWallCorners } from './KernelStack';

/** The camera as the pure screen-space functions take it. */
export function cameraView(camera: THREE.Camera, width: number, height: number): Projector {
  const cam = camera as THREE.PerspectiveCamera;
  const dir = cam.getWorldDirection(new THREE.Vector3());
  const p = cam.position;
  return projector({
    position: [p.x, p.y, p.z],
    target: [p.x + dir.x, p.y + dir.y, p.z + dir.z],
    fovDeg: cam.fov ?? 45,
    width,
    height,
  });
}

interface Props {
  scene: SceneLayout;
  detail: NodeDetail;
  onDetail: (d: NodeDetail) => void;
  /** The node kept expanded whatever the distance (selected or looked into), or null. */
  focus: number | null;
  overlay: RefObject<HTMLDivElement | null>;
  presentation: boolean;
  camera: CameraPreset;
  probe: SceneProbe;
  /** A route is drawn, so the path overlay stands bottom left: labels keep off it. */
  pathShown: boolean;
}

/**
 * Screen-space work, done only when the camera, the canvas size or what is drawn changes (never
 * per frame while only packets move): which nodes are drawn pod by pod (lod.ts), and where the
 * labels go (labelPlacement.ts), written into the HTML overlay over the canvas by reference.
 */
export function ScreenLayer({
  scene,
  detail,
  onDetail,
  focus,
  overlay,
  presentation,
  camera: preset,
  probe,
  pathShown,
}: Props) {
  const { camera, size } = useThree();
  const pool = useMemo(() => new Map<string, HTMLElement>(), []);
  const last = useRef({
    m: new Float64Array(16).fill(NaN),
    w: 0,
    h: 0,
    detail,
    scene,
    focus,
    presentation,
    preset,
    pathShown,
  });
  useEffect(() => {
    const el = overlay.current;
    return () => {
      el?.replaceChildren();
      pool.clear();
    };
  }, [overlay, pool]);
  useFrame(() => {
    const el = overlay.current;
    if (!el || size.width <= 0 || size.height <= 0) return;
    const l = last.current;
    const m = camera.matrixWorld.elements;
    let same =
      l.w === size.width &&
      l.h === size.height &&
      l.detail === detail &&
      l.scene === scene &&
      l.focus === focus &&
      l.presentation === presentation &&
      l.preset === preset &&
      l.pathShown === pathShown;
    for (let i = 0; same && i < 16; i++) same = l.m[i] === m[i];
    if (same) return;
    l.m.set(m);
    Object.assign(l, {
      w: size.width,
      h: size.height,
      detail,
      scene,
      focus,
      presentation,
      preset,
      pathShown,
    });
    const view = cameraView(camera, size.width, size.height);
    const next = nodeDetail(scene, view, focus, detail);
    if (!sameDetail(next, detail)) onDetail(next);
    const obstacles: Obstacle[] = pathShown ? [pathOverlayBox(size.width, size.height, presentation)] : [];
    const kernelNode = preset.kind === 'kernel' ? scene.nodes[preset.node] : undefined;
    if (kernelNode) {
      const wall = screenBounds(view, stackWallCorners(kernelNode, STACK_PARTS.length));
      if (wall) obstacles.push(wall);
    }
    const plan = labels3d(scene, next, view, {
      scale: presentation ? PRESENTATION_LABEL_SIZE : 1,
      obstacles,
    });
    const placed = placeLabels(plan.requests, { view: plan.view, obstacles: plan.obstacles, gap: 2 });
    writeLabels(el, pool, plan.labels, placed);
    probe.labels = labelCounts(plan.labels, placed);
    const expanded = next.reduce((a, b) => a + b, 0);
    probe.lod = { aggregated: next.length - expanded, expanded };
  });
  return null;
}
