import ambientWaypoint from '../../models/architectures/ambient-waypoint.json';
import ambient from '../../models/architectures/ambient.json';
import ciliumEbpf from '../../models/architectures/cilium-ebpf.json';
import library from '../../models/architectures/library.json';
import noMesh from '../../models/architectures/no-mesh.json';
import proxylessGrpc from '../../models/architectures/proxyless-grpc.json';
import sidecarEbpfRedirect from '../../models/architectures/sidecar-ebpf-redirect.json';
import sidecarEnvoy from '../../models/architectures/sidecar-envoy.json';
import sidecarLinkerd from '../../models/architectures/sidecar-linkerd.json';
import { ArchitectureSchema, DATAPLANE_HOP, type Architecture, type ArchitectureId } from './architecture';
import { CatalogError, formatZodError } from './catalogs';
import type { HopKind } from './hopKind';

/** The shipped architecture files, keyed by file name (for error messages). */
export const SHIPPED_ARCHITECTURE_FILES: Record<string, unknown> = {
  'models/architectures/no-mesh.json': noMesh,
  'models/architectures/library.json': library,
  'models/architectures/proxyless-grpc.json': proxylessGrpc,
  'models/architectures/sidecar-envoy.json': sidecarEnvoy,
  'models/architectures/sidecar-linkerd.json': sidecarLinkerd,
  'models/architectures/sidecar-ebpf-redirect.json': sidecarEbpfRedirect,
  'models/architectures/cilium-ebpf.json': ciliumEbpf,
  'models/architectures/ambient.json': ambient,
  'models/architectures/ambient-waypoint.json': ambientWaypoint,
};

/** Validated architectures; throws CatalogError naming the file and field of each problem. */
export function loadArchitectures(
  files: Record<string, unknown> = SHIPPED_ARCHITECTURE_FILES,
): Map<ArchitectureId, Architecture> {
  const out = new Map<ArchitectureId, Architecture>();
  const problems: string[] = [];
  for (const [file, raw] of Object.entries(files)) {
    const r = ArchitectureSchema.safeParse(raw);
    if (!r.success) {
      problems.push(...formatZodError(r.error, file, raw));
      continue;
    }
    if (out.has(r.data.id)) problems.push(`${file}: id: duplicate architecture '${r.data.id}'`);
    out.set(r.data.id, r.data);
  }
  if (problems.length) throw new CatalogError(problems);
  return out;
}

/** Segments naming a hop kind the catalog lacks (placeholders for the service dataplane excepted). */
export function checkArchitectureHops(archs: Iterable<Architecture>, hops: readonly HopKind[]): string[] {
  const known = new Set(hops.map((h) => h.id));
  const problems: string[] = [];
  for (const a of archs) {
    for (const leg of ['request', 'response'] as const) {
      a[leg].forEach((s, i) => {
        if (s.hop === DATAPLANE_HOP || s.hop === `${DATAPLANE_HOP}.connect`) return;
        if (!known.has(s.hop))
          problems.push(`models/architectures/${a.id}.json: ${leg}[${i}].hop: unknown hop kind '${s.hop}'`);
      });
    }
  }
  return problems;
}
