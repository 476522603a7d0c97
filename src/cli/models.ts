import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkArchitectureHops, loadArchitectures, SHIPPED_ARCHITECTURE_FILES } from '../model/architectures';
import { CatalogError, crossCheck, loadCitations, loadHopCatalog } from '../model/catalogs';
import { loadFootprints, type FootprintCatalog } from '../model/footprint';
import { loadFeatureMatrix, type Models } from '../model/models';
import { inputError } from './errors';
import { readJsonFile } from './scenario';

/**
 * `--models DIR`: edited model files replace the shipped ones — any of hop-kinds.json, citations.json,
 * features.json, footprints.json and architectures/<id>.json. Each is validated; a problem names the
 * file and the field, and nothing runs.
 */
export function loadModelDir(dir: string): { models: Models; footprints: FootprintCatalog } {
  if (!existsSync(dir)) throw inputError(`${dir}: no such models directory`);
  if (!isDirectory(dir))
    throw inputError(
      `${dir}: --models takes a directory (holding any of ${MODEL_FILES.join(', ')}, architectures/*.json), not a file`,
    );
  const file = (name: string) => (existsSync(join(dir, name)) ? readJsonFile(join(dir, name)) : undefined);
  const label = (name: string) => join(dir, name);
  try {
    const hopsRaw = file('hop-kinds.json');
    const citationsRaw = file('citations.json');
    const featuresRaw = file('features.json');
    const footprintsRaw = file('footprints.json');
    const hops = hopsRaw === undefined ? loadHopCatalog() : loadHopCatalog(hopsRaw, label('hop-kinds.json'));
    const citations =
      citationsRaw === undefined ? loadCitations() : loadCitations(citationsRaw, label('citations.json'));
    const features =
      featuresRaw === undefined
        ? loadFeatureMatrix()
        : loadFeatureMatrix(featuresRaw, label('features.json'));
    const footprints =
      footprintsRaw === undefined
        ? loadFootprints()
        : loadFootprints(footprintsRaw, label('footprints.json'));
    const archFiles: Record<string, unknown> = { ...SHIPPED_ARCHITECTURE_FILES };
    const archDir = join(dir, 'architectures');
    if (existsSync(archDir) && !isDirectory(archDir))
      throw inputError(`${archDir}: expected a directory of architecture files (<id>.json), not a file`);
    if (existsSync(archDir))
      for (const f of readdirSync(archDir)
        .filter((n) => n.endsWith('.json'))
        .sort()) {
        delete archFiles[`models/architectures/${f}`];
        archFiles[join(archDir, f)] = readJsonFile(join(archDir, f));
      }
    const architectures = loadArchitectures(archFiles);
    const archCitations = Object.entries(archFiles).map(([f, raw]) => ({
      file: f,
      sources: architectures.get((raw as { id: never }).id)?.sources ?? [],
    }));
    // Unknown citation ids and hop kinds are errors; unused citations are fine in edited models.
    const problems = [
      ...crossCheck(citations, hops, footprints, archCitations).filter((p) => p.includes('unknown citation')),
      ...checkArchitectureHops(architectures.values(), hops),
    ];
    if (problems.length) throw new CatalogError(problems);
    return {
      models: { citations, hopKinds: new Map(hops.map((h) => [h.id, h])), architectures, features },
      footprints,
    };
  } catch (err) {
    if (err instanceof CatalogError)
      throw inputError(
        err.problems.slice(0, 8).join('\n') +
          (err.problems.length > 8 ? `\n… and ${err.problems.length - 8} more` : ''),
      );
    throw err;
  }
}

/** The model files a --models directory may hold (besides architectures/). */
const MODEL_FILES = ['hop-kinds.json', 'citations.json', 'features.json', 'footprints.json'];

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
