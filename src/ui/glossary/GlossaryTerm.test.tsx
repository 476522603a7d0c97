// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Term } from './GlossaryTerm';

afterEach(cleanup);

/** A page's glossary link: the glossary arrives when the first popover opens; Escape gives focus back. */
describe('Term', () => {
  it('opens the entry’s definition (loaded on demand), closes with Escape back onto the term', async () => {
    render(
      <h3>
        CPU per <Term id="vcpu-per-1000-rps">1000 requests per second</Term>
      </h3>,
    );
    // The heading's name is unchanged by the link.
    expect(screen.getByRole('heading').textContent).toBe('CPU per 1000 requests per second');
    const term = screen.getByRole('button', { name: '1000 requests per second' });
    expect(term).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(term);
    expect(term).toHaveAttribute('aria-expanded', 'true');
    const pop = screen.getByTestId('glossary-popover');
    await screen.findByText(/^vCPU per 1000 rps$/, { selector: 'strong' });
    expect(pop).toHaveAttribute('role', 'dialog');
    expect(pop.textContent).toMatch(/vCPU per 1000 rps: .{10,}/);
    const close = screen.getByRole('button', { name: 'Close' });
    close.focus();
    await act(async () => {
      fireEvent.keyDown(close, { key: 'Escape' });
    });
    expect(screen.queryByTestId('glossary-popover')).toBeNull();
    expect(document.activeElement).toBe(term);
  });
});
