// @vitest-environment jsdom
// Isolated (vite.config.ts MOCKING_FILES): it needs the encoder's presets unprepared, as on a fresh page.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import { SCENARIO_PRESET_IDS } from '../../model/presets';
import { ScenarioSchema } from '../../model/scenario';
import { shortLinksPrepared } from '../../model/shortLink';
import { ShareBar } from './ShareBar';

afterEach(cleanup);

describe('the share bar on a fresh page', () => {
  it('makes its first link only once the presets are prepared, one per idle moment, none in a render', async () => {
    expect(shortLinksPrepared()).toBe(false);
    const moments: (() => void)[] = [];
    const idle = (run: () => void) => {
      moments.push(run);
      return () => {};
    };
    const parse = vi.spyOn(ScenarioSchema, 'parse');
    const makeLink = vi.fn(() => 'https://example.test/#/compare?s=one');
    act(() => {
      render(
        <ShareBar
          scenario={ScenarioSchema.parse(preset)}
          makeLink={makeLink}
          result={null}
          estimate={null}
          download={() => {}}
          onLoad={() => {}}
          idle={idle}
        />,
      );
    });
    const field = screen.getByLabelText<HTMLInputElement>('Link to this scenario');
    const parsedByRender = parse.mock.calls.length - 1; // the scenario above
    expect(parsedByRender).toBe(0);
    expect(makeLink).not.toHaveBeenCalled();
    expect(field.value).toBe('');
    let count = 0;
    while (moments.length) {
      expect(field.value).toBe('');
      await act(async () => moments.shift()!());
      count++;
    }
    expect(count).toBe(SCENARIO_PRESET_IDS.length);
    expect(shortLinksPrepared()).toBe(true);
    expect(makeLink).toHaveBeenCalledTimes(1);
    expect(field.value).toBe('https://example.test/#/compare?s=one');
    parse.mockRestore();
  });
});
