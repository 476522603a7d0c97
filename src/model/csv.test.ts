import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import noMesh from '../../models/architectures/no-mesh.json';
import bench from '../../models/presets/istio-benchmark.json';
import { runCli } from '../cli/main';
import { runComparison } from '../engine/compare';
import { toComparisonView } from '../engine/scenario/view';
import { comparisonCsv } from '../ui/compare/exporters';
import { csvCell } from './csv';
import { ScenarioSchema } from './scenario';

const tmp = mkdtempSync(join(tmpdir(), 'meshpath-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FORMULA = '=HYPERLINK("http://x.example","y")';
const tiny = { ...bench, architectures: ['no-mesh'], run: { warmupRequests: 0, measuredRequests: 300 } };

describe('CSV cells (OWASP CSV injection)', () => {
  it('prefixes text that a spreadsheet would run as a formula with a single quote', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${lead}cmd`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(FORMULA)).toBe(`"'=HYPERLINK(""http://x.example"",""y"")"`);
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('plain, text')).toBe('"plain, text"');
  });

  it('leaves numbers, negative ones included, as numbers', () => {
    for (const n of ['-3.5', '-0', '+2', '-1e-7', '12', '0.25', '-.5']) expect(csvCell(n)).toBe(n);
  });

  it("the page's CSV export neutralises free text from a link (modelVersion)", () => {
    const s = ScenarioSchema.parse({ ...tiny, modelVersion: FORMULA });
    const csv = comparisonCsv(toComparisonView(runComparison(s, { replications: 2 })), null);
    expect(csv).toContain(`,"'=HYPERLINK(""http://x.example"",""y"")",`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("the CLI's --csv neutralises free text from edited models (an architecture's name)", () => {
    const dir = join(tmp, 'models');
    mkdirSync(join(dir, 'architectures'), { recursive: true });
    writeFileSync(
      join(dir, 'architectures', 'no-mesh.json'),
      JSON.stringify({ ...noMesh, name: '@SUM(1+1)' }),
    );
    const scenario = join(tmp, 's.json');
    writeFileSync(scenario, JSON.stringify(tiny));
    let out = '';
    const code = runCli([scenario, '--csv', '--replications', '2', '--models', dir], {
      stdout: { write: (x: string) => (out += x) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    const row = out.trim().split('\n')[1];
    expect(row).toMatch(/^no-mesh,'@SUM\(1\+1\),true,/);
  });
});
