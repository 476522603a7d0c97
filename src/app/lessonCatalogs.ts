import { findTerm, glossaryIndex } from '../model/glossary';
import { shippedLessonContext } from '../model/lessonContext';
import { shippedModels } from '../model/models';
import { SCENARIO_PRESETS, isScenarioPresetId } from '../model/presets';

/** Names, glossary and sources the lesson page and the handout show, built once per page. */
export function catalogs() {
  const m = shippedModels();
  const index = glossaryIndex(shippedLessonContext().glossary);
  const cites = new Map(m.citations.map((c) => [c.id, c]));
  // "Istio, 1.24" reads well in a sentence; a long or bookkeeping version ("default branch (no commit
  // recorded)") does not: then the title's first words name it, the full entry is one click away.
  const short = (id: string) => {
    const c = cites.get(id);
    if (!c) return id;
    const version = c.version.replace(/\s*\([^)]*\)\s*$/, '');
    if (version.length <= 24 && !/^default branch|^current docs/.test(version)) {
      // "Istio, Istio 1.24" says it twice: the version alone names both; "Zhu et al., ACM SoCC 2023,
      // pp. 142–157, SoCC 2023" too: the publisher alone does.
      if (version.startsWith(c.publisher.split(/[\s,(]/)[0])) return version;
      return c.publisher.includes(version) ? c.publisher : `${c.publisher}, ${version}`;
    }
    const title = c.title.split(/\s+[—:–-]\s+|\s*[(:]/)[0];
    return title.length <= 40 && title !== c.publisher ? `${c.publisher}: ${title}` : c.publisher;
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
      preset: (id: string) => (isScenarioPresetId(id) ? SCENARIO_PRESETS[id].name : id),
    },
    citations: (ids: readonly string[]) => ids.map(short),
    citation: (id: string) => cites.get(id),
    glossary: index,
    presetName: (id: string) => (isScenarioPresetId(id) ? SCENARIO_PRESETS[id].name : id),
  };
}
