import type { ArchitectureId } from '../../model/architecture';
import type { Citation } from '../../model/citation';
import type { FeatureMatrix } from '../../model/features';
import type { Scenario } from '../../model/scenario';

/** Models the Compare page shows, injected by the app (the UI does not load model files itself). */
export interface CompareCatalog {
  modelVersion: string;
  architectures: { id: ArchitectureId; name: string; summary: string; family: string }[];
  features: FeatureMatrix;
  citations: Citation[];
  presets: { id: string; name: string; description?: string; scenario: Scenario }[];
}

/** A scenario edit: the controls call it with a function of the current scenario. */
export type Update = (f: (s: Scenario) => Scenario) => void;
