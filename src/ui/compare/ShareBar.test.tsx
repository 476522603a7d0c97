// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import { ScenarioSchema } from '../../model/scenario';
import { parseScenarioFile } from '../../model/scenarioCodec';
import { ShareBar } from './ShareBar';

const scenario = ScenarioSchema.parse(preset);

afterEach(cleanup);

describe('the share bar', () => {
  it('shows the link once made, in a render after the one that asked for it, and the new link after a change', async () => {
    const bar = (makeLink: () => string) => (
      <ShareBar
        scenario={scenario}
        makeLink={makeLink}
        result={null}
        estimate={null}
        download={() => {}}
        onLoad={() => {}}
      />
    );
    // What the page shows when the link is made: nothing yet if it is made within the bar's first
    // render; the bar with an empty field if it is made after it.
    const made: string[] = [];
    const first = vi.fn(() => {
      made.push(document.querySelector<HTMLInputElement>('#share-link')?.value ?? 'no bar yet');
      return 'https://example.test/#/compare?s=one';
    });
    let view!: ReturnType<typeof render>;
    act(() => {
      view = render(bar(first));
    });
    const field = screen.getByLabelText<HTMLInputElement>('Link to this scenario');
    await waitFor(() => expect(field.value).toBe('https://example.test/#/compare?s=one'));
    // Made once, after the bar was on the page.
    expect(made).toEqual(['']);
    view.rerender(bar(() => 'https://example.test/#/compare?s=two'));
    await waitFor(() => expect(field.value).toBe('https://example.test/#/compare?s=two'));
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('saves an edited preset under the page’s name for it, without the preset’s description', () => {
    const files: [string, string][] = [];
    const title = { text: 'Custom (edited from “Istio benchmark”)', edited: true };
    render(
      <ShareBar
        scenario={{ ...scenario, seed: 9 }}
        makeLink={() => ''}
        result={null}
        estimate={null}
        download={(name, text) => files.push([name, text])}
        onLoad={() => {}}
        title={title}
      />,
    );
    screen.getByRole('button', { name: 'Save scenario file' }).click();
    expect(files[0][0]).toBe('custom-edited-from-istio-benchmark.meshpath.json');
    const back = parseScenarioFile(files[0][1]);
    if (!back.ok) throw new Error(back.message);
    expect(back.scenario.name).toBe(title.text);
    expect(back.scenario.description).toBeUndefined();
    expect(back.scenario.seed).toBe(9);
    cleanup();
    // Unedited, the preset is saved as it is.
    const same: [string, string][] = [];
    render(
      <ShareBar
        scenario={scenario}
        makeLink={() => ''}
        result={null}
        estimate={null}
        download={(name, text) => same.push([name, text])}
        onLoad={() => {}}
        title={{ text: scenario.name!, edited: false }}
      />,
    );
    screen.getByRole('button', { name: 'Save scenario file' }).click();
    expect(same[0][0]).toBe('istio-benchmark.meshpath.json');
    expect(JSON.parse(same[0][1]).description).toBe(scenario.description);
  });
});
