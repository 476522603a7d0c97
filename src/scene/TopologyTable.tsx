import { memo, useMemo } from 'react';
import { formatDuration } from '../model/humanTime';
import type { TraceLayout } from '../worker/trace/protocol';
import type { SceneLayout } from './layout';
import type { RouteView } from './route';
import { linkSummary, nodeRows, routeRows } from './topologyTable';

/**
 * The picture as tables, for screen readers and anyone who prefers rows: every node with its pods
 * and what runs in them, and the followed request's route hop by hop with each hop's mean cost and
 * where that number comes from. Needs no WebGL.
 */
export function TopologyTable({
  layout,
  scene,
  route,
}: {
  layout: TraceLayout;
  scene: SceneLayout;
  route: RouteView | null;
}) {
  return (
    <div className="sim-topology" data-testid="topology-table">
      <NodesTable layout={layout} scene={scene} />
      <RouteTable layout={layout} route={route} />
    </div>
  );
}

/** Static for a layout: kept out of the route's 10 Hz updates. */
const NodesTable = memo(function NodesTable({ layout, scene }: { layout: TraceLayout; scene: SceneLayout }) {
  const rows = useMemo(() => nodeRows(layout, scene), [layout, scene]);
  const links = useMemo(() => linkSummary(layout), [layout]);
  return (
    <section aria-labelledby="sim-topology-nodes-h">
      <h3 id="sim-topology-nodes-h">Nodes and pods of {layout.architecture.name}</h3>
      <div className="sim-topology-scroll" tabIndex={0} role="region" aria-label="Nodes and pods">
        <table data-testid="topology-nodes">
          <caption className="sr-only">
            Each node with its node proxy and kernel hooks, then its pods and what runs in each
          </caption>
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Role</th>
              <th scope="col">Containers and components</th>
            </tr>
          </thead>
          {rows.map((n) => (
            <tbody key={n.index} data-node={n.index}>
              <tr className="sim-topology-node">
                <th scope="rowgroup" colSpan={3}>
                  {n.name} · {n.cores} cores · node proxy: {n.nodeProxy ?? 'none'} · kernel hooks in use:{' '}
                  {n.hooks.length ? n.hooks.join(', ') : 'none beyond TCP/IP'}
                </th>
              </tr>
              {n.pods.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.id}</th>
                  <td>{p.role}</td>
                  <td>{p.components.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p>
        Links between nodes:{' '}
        {links.length ? links.map((k) => `${k.count} ${k.label}`).join('; ') : 'none (every pod on one node)'}
        .
      </p>
    </section>
  );
});

function RouteTable({ layout, route }: { layout: TraceLayout; route: RouteView | null }) {
  const rows = useMemo(() => (route ? routeRows(route, layout) : []), [route, layout]);
  return (
    <section aria-labelledby="sim-topology-route-h">
      <h3 id="sim-topology-route-h">
        {route ? `Route of request #${route.request}` : 'Route of the followed request'}
      </h3>
      {!route ? (
        <p className="hint" data-testid="topology-route-empty">
          No request is in flight at this moment: play or step to follow one.
        </p>
      ) : (
        <>
          <p data-testid="topology-route-meter">
            {route.current ? `Now at hop ${route.current.position} of ${route.hops}` : 'Between hops'} · so
            far: latency {route.soFar ? formatDuration(route.soFar.latencyUs) : '—'}, CPU{' '}
            {route.soFar ? formatDuration(route.soFar.cpuUs) : '—'} (this run).
          </p>
          <div className="sim-topology-scroll" tabIndex={0} role="region" aria-label="Route hop by hop">
            <table data-testid="topology-route">
              <caption className="sr-only">
                Hops of request #{route.request} in the order crossed; costs are means at this scenario’s
                profile, each with its standing and sources
              </caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Hop</th>
                  <th scope="col">Leg</th>
                  <th scope="col">Node</th>
                  <th scope="col">Component</th>
                  <th scope="col">Mean cost</th>
                  <th scope="col">Standing and sources</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.step}
                    className={r.current ? 'current' : undefined}
                    aria-current={r.current ? 'step' : undefined}
                  >
                    <td>{r.step}</td>
                    <th scope="row">{r.name}</th>
                    <td>{r.leg}</td>
                    <td>{r.where}</td>
                    <td>{r.component}</td>
                    <td>{r.cost}</td>
                    <td className="sim-topology-sources">
                      <span className={`standing standing-${r.standing}`}>{r.standing}</span>:{' '}
                      {r.sources.map((id, i) => (
                        <span key={id}>
                          {i > 0 && ', '}
                          {/* The Sources page lists each citation with its figure and link. */}
                          <a href={`#/sources/citation/${id}`}>{id}</a>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
