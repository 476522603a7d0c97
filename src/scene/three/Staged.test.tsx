// @vitest-environment jsdom
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { Staged } from './Staged';

// React schedules for real here (no act), so what mounts in the first task and what later can be told apart.

const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
let root: Root | null = null;
afterEach(() => {
  root?.unmount();
  g.IS_REACT_ACT_ENVIRONMENT = true;
});

describe('Staged', () => {
  it('mounts its children in a later task than its own synchronous mount', async () => {
    g.IS_REACT_ACT_ENVIRONMENT = false;
    const el = document.createElement('div');
    root = createRoot(el);
    // As react-three-fiber mounts its tree: synchronously.
    flushSync(() =>
      root!.render(
        <>
          <i>frame</i>
          <Staged>
            <b>scene</b>
          </Staged>
        </>,
      ),
    );
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(el.innerHTML).toBe('<i>frame</i>');
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    expect(el.innerHTML).toBe('<i>frame</i><b>scene</b>');
  });
});
