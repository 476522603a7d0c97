import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_CHARS, workerMessage } from './workerMessage';

describe('worker messages as shown', () => {
  it('says the worker once when a wrapper repeats it', () => {
    expect(workerMessage('The trace worker failed: The trace worker failed: Uncaught Error: boom')).toBe(
      'The trace worker failed: Uncaught Error: boom',
    );
    expect(
      workerMessage('The trace worker failed: The trace worker stopped answering; it was restarted.'),
    ).toBe('The trace worker stopped answering; it was restarted.');
  });

  it('leaves other messages alone, including a prefix naming another worker', () => {
    expect(workerMessage('The trace worker failed: trace ring overflow')).toBe(
      'The trace worker failed: trace ring overflow',
    );
    expect(workerMessage('Invalid scenario. seed: Too small')).toBe('Invalid scenario. seed: Too small');
    expect(workerMessage('The trace worker failed: The engine worker said no')).toBe(
      'The trace worker failed: The engine worker said no',
    );
  });

  it('bounds a runaway message to one line', () => {
    const out = workerMessage(`The trace worker failed: ${'at frame\n'.repeat(2_000)}`);
    expect(out.length).toBe(MAX_SHOWN_CHARS);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('\n');
  });
});
