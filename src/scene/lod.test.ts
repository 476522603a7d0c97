import { describe, expect, it } from 'vitest';
import { COLLAPSE_PX, EXPAND_PX, nodeBlocks, nodeDetail, podCellPx } from './lod';
import { presetScene, overviewView } from '../test/sceneScale';
import { projector } from './screen';

describe('level of detail', () => {
  it('pods-400 from the overview: every node is one block with its pod count, 401 pods in all', () => {
    const s = presetScene('pods-400', 'sidecar-envoy');
    const view = overviewView(s, 798, 496);
    const d = nodeDetail(s, view, null);
    expect([...d]).toEqual(new Array(20).fill(0));
    const blocks = nodeBlocks(s, d);
    expect(blocks).toHaveLength(20);
    expect(blocks.reduce((a, b) => a + b.pods, 0)).toBe(401);
    // Each block covers its node's pods and carries a sidecar strip (every pod has a sidecar).
    for (const b of blocks) {
      const n = s.nodes[b.node];
      expect(Math.abs(b.pos[0] - n.center[0])).toBeLessThan(n.width / 2);
      expect(b.sidecarStrip).not.toBeNull();
    }
    // A selected node is drawn pod by pod, whatever the distance.
    const focused = nodeDetail(s, view, 7);
    expect(focused[7]).toBe(1);
    expect(nodeBlocks(s, focused)).toHaveLength(19);
  });

  it('a node expands when the camera comes near, and no sidecar strip without sidecars', () => {
    const s = presetScene('pods-400', 'ambient');
    const n = s.nodes[12];
    const near = projector({
      position: [n.center[0], 12, n.center[2] + 14],
      target: [n.center[0], 0, n.center[2]],
      fovDeg: 45,
      width: 798,
      height: 496,
    });
    const d = nodeDetail(s, near, null);
    expect(d[12]).toBe(1);
    expect(podCellPx(s, near)[12]).toBeGreaterThanOrEqual(EXPAND_PX);
    expect(nodeBlocks(s, d).every((b) => b.sidecarStrip === null)).toBe(true);
  });

  it('small scenes stay pod by pod from the overview', () => {
    for (const preset of ['one-request-slowly', 'failures-and-retries', 'fan-out-under-load'] as const) {
      const s = presetScene(preset, 'sidecar-envoy');
      expect([...nodeDetail(s, overviewView(s, 798, 496), null)].every((v) => v === 1)).toBe(true);
    }
  });

  it('hysteresis: between the two thresholds a node keeps what it was', () => {
    const s = presetScene('nodes-30', 'sidecar-envoy');
    // Find a camera distance where node 0's pod cell is between COLLAPSE_PX and EXPAND_PX.
    const n = s.nodes[0];
    let found = false;
    for (let dist = 10; dist < 200 && !found; dist += 0.5) {
      const v = projector({
        position: [n.center[0], dist * 0.6, n.center[2] + dist * 0.8],
        target: n.center,
        fovDeg: 45,
        width: 798,
        height: 496,
      });
      const px = podCellPx(s, v)[0];
      if (px >= COLLAPSE_PX && px < EXPAND_PX) {
        found = true;
        const open = new Uint8Array(s.nodes.length).fill(1);
        const closed = new Uint8Array(s.nodes.length);
        expect(nodeDetail(s, v, null, open)[0]).toBe(1);
        expect(nodeDetail(s, v, null, closed)[0]).toBe(0);
      }
    }
    expect(found).toBe(true);
  });
});
