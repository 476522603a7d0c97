// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../worker/client';
import { App } from './App';
import { offerUpdate } from './updates';

afterEach(cleanup);

describe('a new version of the site', () => {
  it('is offered above the page; Update now applies it, Later puts it off', () => {
    render(<App client={{} as EngineClient} onResult={() => {}} />);
    expect(screen.queryByTestId('update-notice')).toBeNull();
    const apply = vi.fn();
    act(() => offerUpdate(apply));
    expect(screen.getByTestId('update-notice')).toHaveTextContent('A new version of meshpath is ready');
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(apply).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-notice')).toBeNull();
    expect(apply).toHaveBeenCalledTimes(1);
  });
});
