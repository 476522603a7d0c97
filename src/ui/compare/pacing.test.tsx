// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import {
  decodeScenarioParam,
  encodeScenarioParam,
  parseScenarioFile,
  scenarioFileText,
} from '../../model/scenarioCodec';
import { LoadControls } from './LoadControls';

const istio = ScenarioSchema.parse(preset);

/** Renders the controls on a scenario; every edit is applied to it, as the page does. */
function controls(start: Scenario) {
  let s = start;
  const update = (f: (x: Scenario) => Scenario) => {
    s = f(s);
    view.rerender(<LoadControls scenario={s} update={update} />);
  };
  const view = render(<LoadControls scenario={s} update={update} />);
  return { now: () => s };
}

afterEach(cleanup);

describe('pacing controls (Fortio) on Compare', () => {
  it('show the scenario’s pacing: the Istio benchmark runs -uniform -nocatchup without -jitter', () => {
    controls(istio);
    expect(screen.getByRole('radio', { name: /Uniform \(-uniform\)/ })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: /Start together/ })).toHaveProperty('checked', false);
    expect(screen.getByRole('checkbox', { name: /Jitter/ })).toHaveProperty('checked', false);
    expect(screen.getByRole('checkbox', { name: /No catch-up/ })).toHaveProperty('checked', true);
  });

  it('hints say what each does in Fortio’s words, tied to their controls', () => {
    controls(istio);
    const hint = (name: RegExp) => {
      const id = screen
        .getByRole(/Jitter|catch-up/.test(name.source) ? 'checkbox' : 'radio', { name })
        .getAttribute('aria-describedby')!;
      return document.getElementById(id)!.textContent!;
    };
    expect(hint(/Start together/)).toMatch(/every connection’s ticker starts at the same instant/);
    expect(hint(/Uniform/)).toContain('de-synchronize parallel clients’ requests uniformly');
    expect(hint(/Jitter/)).toContain('de-synchronize parallel clients’ by 10%');
    expect(hint(/No catch-up/)).toContain(
      'prevent fortio from trying to catchup when the target fails to keep up temporarily',
    );
  });

  it('each control changes only its own flag', () => {
    const c = controls(istio);
    fireEvent.click(screen.getByRole('radio', { name: /Start together/ }));
    expect(c.now().workload.load).toEqual({
      kind: 'paced',
      rps: 1000,
      connections: 16,
      uniform: false,
      jitter: false,
      noCatchUp: true,
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /Jitter/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /No catch-up/ }));
    expect(c.now().workload.load).toEqual({
      kind: 'paced',
      rps: 1000,
      connections: 16,
      uniform: false,
      jitter: true,
      noCatchUp: false,
    });
    fireEvent.click(screen.getByRole('radio', { name: /Uniform/ }));
    expect(c.now().workload.load).toMatchObject({ uniform: true, jitter: true, noCatchUp: false });
  });

  it('are shown for paced load only', () => {
    controls({
      ...istio,
      workload: { ...istio.workload, load: { kind: 'open', rps: 1000, connections: 16 } },
    });
    expect(screen.queryByTestId('pacing')).toBeNull();
  });

  it('every combination round-trips through the share link and a scenario file', () => {
    for (const uniform of [false, true])
      for (const jitter of [false, true])
        for (const noCatchUp of [false, true]) {
          const load = { kind: 'paced' as const, rps: 1000, connections: 8, uniform, jitter, noCatchUp };
          const s: Scenario = { ...istio, workload: { ...istio.workload, load } };
          const link = decodeScenarioParam(encodeScenarioParam(s));
          const file = parseScenarioFile(scenarioFileText(s));
          expect(link.ok && link.scenario.workload.load, `link ${JSON.stringify(load)}`).toEqual(load);
          expect(file.ok && file.scenario.workload.load, `file ${JSON.stringify(load)}`).toEqual(load);
        }
  });
});
