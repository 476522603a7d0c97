import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';

/**
 * Spreads the browser tests through the unit tests, so that while one worker drives Chromium (mostly
 * waiting on the page) the other runs unit tests, instead of the two projects running one after the
 * other. The browser files go in a few clumps rather than one by one: a worker that switches project
 * starts afresh, and a unit file after a browser file would load the engine's modules again (isolate:
 * false keeps them only between files of one project). Within each project the order is vitest's own
 * (longest first when timings are cached, else largest file first).
 */
const CLUMPS = 4;

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
    const browser = sorted.filter((s) => s.project.name === 'e2e');
    const rest = sorted.filter((s) => s.project.name !== 'e2e');
    // Clump c of the browser files (every CLUMPS-th, so each clump mixes long and short ones) goes in
    // at the fraction c / CLUMPS of the way through the rest.
    const clumps = Array.from({ length: CLUMPS }, (_, c) => browser.filter((_, i) => i % CLUMPS === c));
    const out: TestSpecification[] = [];
    let c = 0;
    for (let i = 0; i < rest.length; i++) {
      while (c < CLUMPS && c * rest.length <= i * CLUMPS) out.push(...clumps[c++]);
      out.push(rest[i]);
    }
    while (c < CLUMPS) out.push(...clumps[c++]);
    return out;
  }
}
