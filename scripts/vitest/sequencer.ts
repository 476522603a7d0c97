import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';

/**
 * Spreads the browser tests evenly through the unit tests, so that while one worker drives Chromium
 * (mostly waiting on the page) the other runs unit tests, instead of the two projects running one
 * after the other. Within each project the order is vitest's own (longest first when timings are
 * cached, else largest file first).
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
    const browser = sorted.filter((s) => s.project.name === 'e2e');
    const rest = sorted.filter((s) => s.project.name !== 'e2e');
    const out: TestSpecification[] = [];
    let b = 0;
    for (let i = 0; i < rest.length; i++) {
      // Browser file b goes in at the fraction b / browser.length of the way through the rest.
      while (b < browser.length && b * rest.length <= i * browser.length) out.push(browser[b++]);
      out.push(rest[i]);
    }
    return [...out, ...browser.slice(b)];
  }
}
