import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule (docs/ARCHITECTURE.md) is enforced by eslint.config.js; these probes prove it bites.
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rule', () => {
  it('the engine may not import upper layers or view libraries, nor use wall clocks or Math.random', async () => {
    const msgs = await problems(
      'src/engine/probe.ts',
      "import '../ui/panel';\nimport 'react';\nexport const x = Math.random() + Date.now();\n",
    );
    expect(msgs.filter((m) => m.includes('no-restricted-imports'))).toHaveLength(2);
    expect(msgs.filter((m) => m.includes('no-restricted-properties'))).toHaveLength(2);
  });

  it('other layers enter the engine through its index only', async () => {
    const deep = await problems(
      'src/worker/probe.ts',
      "import { compileScenario } from '../engine/scenario/compileScenario';\nexport const c = compileScenario;\n",
    );
    expect(deep.some((m) => m.includes('through src/engine/index.ts'))).toBe(true);
    const entry = await problems(
      'src/worker/probe.ts',
      "import { compileScenario } from '../engine';\nexport const c = compileScenario;\n",
    );
    expect(entry).toEqual([]);
  });

  it('the design tokens import nothing of ours; the scene and the UI may read them, the engine may not', async () => {
    const out = await problems(
      'src/design/probe.ts',
      "import { z } from '../model/zod';\nexport const s = z;\n",
    );
    expect(out.some((m) => m.includes('src/design may not import'))).toBe(true);
    const read = "import { LEG } from '../design/tokens';\nexport const l = LEG;\n";
    expect(await problems('src/scene/probe.ts', read)).toEqual([]);
    expect(await problems('src/ui/probe.ts', read)).toEqual([]);
    expect(
      (await problems('src/engine/probe.ts', read)).some((m) => m.includes('src/engine may not import')),
    ).toBe(true);
  });

  it('the model imports nothing of ours', async () => {
    const msgs = await problems(
      'src/model/probe.ts',
      "import { Simulation } from '../engine/simulation';\nexport const s = Simulation;\n",
    );
    expect(msgs.some((m) => m.includes('src/model may not import'))).toBe(true);
  });

  it('the UI may import engine types but not engine code', async () => {
    const typeOnly = await problems(
      'src/ui/probe.ts',
      "import type { RunSummary } from '../model/result';\nimport type { Simulation } from '../engine/simulation';\nexport type T = [RunSummary, Simulation];\n",
    );
    expect(typeOnly).toEqual([]);
    const value = await problems(
      'src/ui/probe.ts',
      "import { Simulation } from '../engine/simulation';\nexport const s = Simulation;\n",
    );
    expect(value.some((m) => m.includes('only types'))).toBe(true);
  });

  it('the CLI may use the engine; the engine may use the model', async () => {
    expect(
      await problems(
        'src/cli/probe.ts',
        "import { simulate } from '../engine/index';\nexport const f = simulate;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/engine/probe.ts',
        "import { SimSpecSchema } from '../model/simSpec';\nexport const s = SimSpecSchema;\n",
      ),
    ).toEqual([]);
  });
});
