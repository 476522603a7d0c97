// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Fold } from './Fold';

afterEach(cleanup);

describe('Fold', () => {
  it('starts closed, names what it holds in its summary, and keeps the folded text in the document', () => {
    render(
      <Fold summary="Table: CPU per 1000 rps">
        <table data-testid="t">
          <tbody>
            <tr>
              <td>0.42 vCPU</td>
            </tr>
          </tbody>
        </table>
      </Fold>,
    );
    const details = screen.getByText('Table: CPU per 1000 rps').closest('details')!;
    expect(details.open).toBe(false);
    expect(screen.getByTestId('t').textContent).toBe('0.42 vCPU');
    // The summary is the details' first child, so the browser opens it from the keyboard
    // (e2e/compare-tabs.e2e.test.ts presses Enter on it).
    expect(details.firstElementChild?.tagName).toBe('SUMMARY');
  });
});
