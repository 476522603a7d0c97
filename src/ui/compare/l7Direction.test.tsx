// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import type { ScenarioEstimate } from '../../model/comparison';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import { decodeScenarioParam, encodeScenarioParam } from '../../model/scenarioCodec';
import { FeatureControls } from './FeatureControls';

const istio = ScenarioSchema.parse(preset);

function controls(start: Scenario, estimate: ScenarioEstimate | null = null) {
  let s = start;
  const update = (f: (x: Scenario) => Scenario) => {
    s = f(s);
    view.rerender(<FeatureControls scenario={s} estimate={estimate} update={update} />);
  };
  const view = render(<FeatureControls scenario={s} estimate={estimate} update={update} />);
  return { now: () => s };
}

afterEach(cleanup);

describe("the L7 rule's side on Compare", () => {
  it('is asked only once L7 policy is on, and moves the rule to the client’s side', () => {
    const c = controls(istio);
    expect(screen.queryByLabelText('The L7 rule is')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'L7 policy' }));
    const side = screen.getByLabelText('The L7 rule is') as HTMLSelectElement;
    expect(side.value).toBe('ingress');
    fireEvent.change(side, { target: { value: 'egress' } });
    expect(c.now().features).toMatchObject({ l7Policy: true, l7Direction: 'egress' });
    // The choice travels in the link.
    const back = decodeScenarioParam(encodeScenarioParam(c.now()));
    expect(back.ok && back.scenario.features.l7Direction).toBe('egress');
  });

  it("shows a design's note when it cannot move the rule", () => {
    const on = { ...istio, features: { ...istio.features, l7Policy: true, l7Direction: 'egress' as const } };
    const estimate = {
      results: [
        {
          name: 'Istio sidecar (Envoy)',
          notes: [
            { feature: 'L7 policy on egress', mode: 'unavailable', reason: 'drawn at the server sidecar' },
          ],
        },
      ],
    } as unknown as ScenarioEstimate;
    controls(on, estimate);
    const hint = document.getElementById('feature-l7Direction-hint')!.textContent!;
    expect(hint).toContain('Istio sidecar (Envoy): drawn at the server sidecar');
  });

  it('a bad value in a file is refused, naming the field', () => {
    const r = ScenarioSchema.safeParse({ ...preset, features: { l7Policy: true, l7Direction: 'sideways' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['features', 'l7Direction']);
  });
});
