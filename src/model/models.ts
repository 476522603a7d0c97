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

/** The shipped models (validated on first use). */
export function shippedModels(): Models {
  if (!cached) {
    cached = {
      citations: loadCitations(),
      hopKinds: new Map(loadHopCatalog().map((h) => [h.id, h])),
      architectures: loadArchitectures(),
      features: loadFeatureMatrix(),
    };
  }
  return cached;
}
