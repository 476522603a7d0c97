import { readFileSync } from 'node:fs';
import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';
import { environmentOf, runOrder, type FileKind } from './order.ts';

/**
 * vitest's own order (longest first when timings are cached, else largest file first), rearranged by
 * runOrder (scripts/vitest/order.ts): the files of one project and environment together, so a worker
 * keeps its process and loaded modules from one to the next, and the browser tests in a few clumps
 * spread through the rest.
 */
export class InterleavedSequencer implements TestSequencer {
  constructor(private readonly ctx: Vitest) {}

  // vitest/node is loaded only when tests run: vite.config.ts is also read by `vite build`.
  private async base(): Promise<TestSequencer> {
    const { BaseSequencer } = await import('vitest/node');
    return new BaseSequencer(this.ctx);
  }

  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await this.base()).shard(files);
  }

  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await (await this.base()).sort(files);
    const kinds = new Map<TestSpecification, FileKind>(
      sorted.map((s) => [
        s,
        {
          project: s.project.name,
          environment: environmentOf(readFileSync(s.moduleId, 'utf8'), s.project.config.environment),
        },
      ]),
    );
    return runOrder(sorted, (s) => kinds.get(s)!);
  }
}
