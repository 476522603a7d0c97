// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import failures from '../../../models/presets/failures-and-retries.json';
import { traceFixture } from '../../test/traceFixture';
import { ResourceTable } from './ResourceTable';

afterEach(cleanup);

const rowNames = () =>
  [...screen.getByRole('region', { name: 'Resources' }).querySelectorAll('tbody th')].map(
    (th) => th.textContent,
  );

describe('ResourceTable', () => {
  it('lists every resource of the layout, and after a switch to a design with fewer, only the new ones', () => {
    const sidecar = traceFixture('sidecar-envoy', 4, failures);
    const ambient = traceFixture('ambient', 4, failures);
    expect(ambient.layout.stations.length).toBeLessThan(sidecar.layout.stations.length);
    const props = (f: typeof sidecar) => ({
      layout: f.layout,
      buffer: f.buffer,
      actor: f.actor,
      onPick: () => {},
    });
    const { rerender } = render(<ResourceTable {...props(sidecar)} limit={100} />);
    expect(rowNames().sort()).toEqual(sidecar.layout.stations.map((s) => s.label).sort());
    // The first render with the new layout comes before its rows are read: the old rows' indices past
    // the new layout's end must not be looked up in it.
    rerender(<ResourceTable {...props(ambient)} limit={100} />);
    expect(rowNames().sort()).toEqual(ambient.layout.stations.map((s) => s.label).sort());
  });
});
