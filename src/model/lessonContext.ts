import glossaryJson from '../../lessons/glossary/glossary.json';
import { GLOSSARY_FILE } from './glossary';
import { LessonError, loadGlossary, type LessonContext } from './lessons';
import { shippedModels } from './models';
import { SCENARIO_PRESETS, SCENARIO_PRESET_IDS } from './presets';

/**
 * What the shipped lessons may name: presets, architectures, hop kinds and citations from models/,
 * and the glossary. `glossary` replaces the shipped one (tests feed a broken glossary).
 */
export function shippedLessonContext(glossary: unknown = glossaryJson): LessonContext {
  const models = shippedModels();
  const citations = new Set(models.citations.map((c) => c.id));
  const g = loadGlossary(glossary, citations, GLOSSARY_FILE);
  if (g.problems.length) throw new LessonError(g.problems);
  return {
    presets: new Map(
      SCENARIO_PRESET_IDS.map((id) => [id, { protocol: SCENARIO_PRESETS[id].workload.protocol ?? 'http1' }]),
    ),
    architectures: models.architectures,
    hopKinds: new Set(models.hopKinds.keys()),
    citations,
    glossary: g.entries,
  };
}
