import featuresJson from '../../models/features.json';
import type { Architecture, ArchitectureId } from './architecture';
import { loadArchitectures } from './architectures';
import { CatalogError, formatZodError, loadCitations, loadHopCatalog } from './catalogs';
import type { Citation } from './citation';
import { FeatureMatrixSchema, type FeatureMatrix } from './features';
import type { HopKind } from './hopKind';

/** Everything the compiler needs from models/, validated once. */
export interface Models {
  citations: Citation[];
  hopKinds: Map<string, HopKind>;
  architectures: Map<ArchitectureId, Architecture>;
  features: FeatureMatrix;
}

export function loadFeatureMatrix(raw: unknown = featuresJson, file = 'models/features.json'): FeatureMatrix {
  const r = FeatureMatrixSchema.safeParse(raw);
  if (!r.success) throw new CatalogError(formatZodError(r.error, file, raw));
  return r.data;
}

let cached: Models | null = null;
/** The catalogs read so far by `shippedModelsSteps`, before all are. */
const read: Partial<Models> = {};

/** The shipped models (validated on first use). */
export function shippedModels(): Models {
  if (cached) return cached;
  const steps = shippedModelsSteps();
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/**
 * The shipped models, a catalog per step: their first read parses four catalogs (33 ms in a profile of
 * the page's unminified build), which a caller working in slices, as the Compare page's analysis does,
 * spreads over its tasks.
 */
export function* shippedModelsSteps(): Generator<void, Models, void> {
  if (cached) return cached;
  read.citations ??= loadCitations();
  yield;
  read.hopKinds ??= new Map(loadHopCatalog().map((h) => [h.id, h]));
  yield;
  read.architectures ??= loadArchitectures();
  yield;
  read.features ??= loadFeatureMatrix();
  cached = {
    citations: read.citations,
    hopKinds: read.hopKinds,
    architectures: read.architectures,
    features: read.features,
  };
  return cached;
}
