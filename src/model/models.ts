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
  if (!cached) {
    cached = {
      citations: (read.citations ??= loadCitations()),
      hopKinds: (read.hopKinds ??= new Map(loadHopCatalog().map((h) => [h.id, h]))),
      architectures: (read.architectures ??= loadArchitectures()),
      features: (read.features ??= loadFeatureMatrix()),
    };
  }
  return cached;
}

/**
 * The shipped models, a catalog per step: their first read parses four catalogs (about 20 ms on a
 * page), which a caller working in slices, as the Compare page's analysis does, spreads over its tasks.
 */
export function* shippedModelsSteps(): Generator<void, Models, void> {
  if (cached) return cached;
  read.citations ??= loadCitations();
  yield;
  read.hopKinds ??= new Map(loadHopCatalog().map((h) => [h.id, h]));
  yield;
  read.architectures ??= loadArchitectures();
  yield;
  return shippedModels();
}
