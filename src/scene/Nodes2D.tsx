import { memo } from 'react';
import { POD, type SceneLayout } from './layout';
import { COMPONENT_COLOR, HOOK_COLOR, HOOK_LABEL, STAGE_OUTLINE } from './palette';
import type { SceneProps } from './sceneProps';
import { nodeBox2d } from './view2d';

/**
 * The 2D view's static shapes: each node's platform, kernel band, NIC, node proxy and hook marks,
 * its pods with their containers, and the components an architecture switch removed fading out.
 * Labels are not drawn here: they are placed over the picture with the 3D view's (labelPlacement.ts).
 */
export const Nodes2D = memo(function Nodes2D({
  scene,
  layout,
  change,
}: {
  scene: SceneLayout;
  layout: SceneProps['layout'];
  change: SceneProps['change'];
}) {
  const appear = (key: string) => (change?.appearing.has(key) ? 'sim-2d-appear' : undefined);
  return (
    <>
      {scene.nodes.map((n) => {
        const b = nodeBox2d(n);
        return (
          <g key={n.index}>
            <rect
              x={b.platform.x}
              y={b.platform.y}
              width={b.platform.w}
              height={b.platform.h}
              fill={COMPONENT_COLOR.platform}
              stroke={STAGE_OUTLINE}
              strokeWidth={0.05}
              data-node={n.index}
            />
            <rect
              x={b.band.x}
              y={b.band.y}
              width={b.band.w}
              height={b.band.h}
              fill={COMPONENT_COLOR.kernel}
              data-node={n.index}
            />
            <rect x={b.nic.x} y={b.nic.y} width={b.nic.w} height={b.nic.h} fill={COMPONENT_COLOR.nic} />
            {n.proxy && (
              <rect
                x={n.proxy[0] - 0.9}
                y={n.proxy[2] - 0.45}
                width={1.8}
                height={0.9}
                fill={COMPONENT_COLOR.nodeproxy}
                data-node={n.index}
                className={appear(`nodeproxy:${n.index}`)}
              >
                <title>{`${layout.architecture.nodeproxy ?? 'node proxy'} on node ${n.index}`}</title>
              </rect>
            )}
            {n.hooks.map((h, i) => (
              <rect
                key={i}
                x={h.at[0] - 0.35}
                y={b.band.y + 0.15}
                width={0.7}
                height={0.3}
                fill={HOOK_COLOR[h.kind]}
                data-node={n.index}
                className={appear(`hook:${n.index}:${h.kind}`)}
              >
                <title>{HOOK_LABEL[h.kind]}</title>
              </rect>
            ))}
          </g>
        );
      })}
      {scene.pods.map((pd) => (
        <g key={pd.id}>
          <rect
            x={pd.center[0] - POD / 2}
            y={pd.center[2] - POD / 2}
            width={POD}
            height={POD}
            fill={pd.role === 'loadgen' ? COMPONENT_COLOR.loadgen : COMPONENT_COLOR.pod}
            fillOpacity={0.55}
            data-pod={pd.id}
          />
          {pd.app && (
            <rect
              x={pd.app[0] - 0.35}
              y={pd.app[2] - 0.35}
              width={0.7}
              height={0.7}
              fill={COMPONENT_COLOR.app}
              data-pod={pd.id}
            />
          )}
          {pd.sidecar && (
            <rect
              x={pd.sidecar[0] - 0.25}
              y={pd.sidecar[2] - 0.25}
              width={0.5}
              height={0.5}
              fill={COMPONENT_COLOR.sidecar}
              data-pod={pd.id}
              className={appear(`sidecar:${pd.id}`)}
            />
          )}
          {pd.library && (
            <rect
              x={pd.library[0] - 0.15}
              y={pd.library[2] - 0.6}
              width={0.3}
              height={0.3}
              fill={COMPONENT_COLOR.library}
              data-pod={pd.id}
              className={appear(`library:${pd.id}`)}
            />
          )}
          {pd.proxy && (
            <rect
              x={pd.proxy[0] - 0.45}
              y={pd.proxy[2] - 0.45}
              width={0.9}
              height={0.9}
              fill={COMPONENT_COLOR.waypoint}
              data-pod={pd.id}
              className={appear(`waypoint:${pd.id}`)}
            />
          )}
        </g>
      ))}
      {change?.vanishing.map((v) => {
        const node = scene.nodes[v.node];
        const y = v.kind === 'hook' && node ? nodeBox2d(node).band.y + 0.15 + v.size[1] / 2 : v.pos[2];
        return (
          <rect
            key={`gone-${v.key}`}
            className="sim-2d-vanish"
            data-gone={v.kind}
            x={v.pos[0] - v.size[0] / 2}
            y={y - (v.kind === 'hook' ? v.size[1] : v.size[2]) / 2}
            width={v.size[0]}
            height={v.kind === 'hook' ? v.size[1] : v.size[2]}
            fill={v.kind === 'hook' ? (v.hook ? HOOK_COLOR[v.hook] : '#ffffff') : COMPONENT_COLOR[v.kind]}
          />
        );
      })}
    </>
  );
});
