import { findTerm, glossaryIndex } from '../model/glossary';
import { shippedLessonContext } from '../model/lessonContext';
import { shippedModels } from '../model/models';
import { SCENARIO_PRESETS, isScenarioPresetId } from '../model/presets';

/** Names, glossary and sources the lesson page and the handout show, built once per page. */
export function catalogs() {
  const m = shippedModels();
  const index = glossaryIndex(shippedLessonContext().glossary);
  const cites = new Map(m.citations.map((c) => [c.id, c]));
  const short = (id: string) => {
    const c = cites.get(id);
    return c ? `${c.publisher}, ${c.version}` : id;
  };
  return {
    ctx: {
      term: (t: string) => findTerm(index, t),
      cite: (id: string) => {
        const c = cites.get(id);
        return c ? { short: short(id), title: `${c.title}: ${c.figure}` } : undefined;
      },
    },
    names: {
      architecture: (id: string) => m.architectures.get(id as never)?.name ?? id,
      hop: (kind: string) => m.hopKinds.get(kind)?.name ?? kind,
    },
    citations: (ids: readonly string[]) => ids.map(short),
    citation: (id: string) => cites.get(id),
    glossary: index,
    presetName: (id: string) => (isScenarioPresetId(id) ? SCENARIO_PRESETS[id].name : id),
  };
}
