import { describe, expect, it, vi } from 'vitest';
import pods400 from '../../../models/presets/pods-400.json';
import { parseScenario } from '../../model/valid';
import * as codec from '../../model/scenarioCodec';
import { linkKeyOf, linkOf, linkParams, readLink } from './link';

// Count every encoding of a scenario into a link's `s`, whoever asks (the page's render, the session).
vi.mock('../../model/scenarioCodec', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../model/scenarioCodec')>();
  return { ...orig, encodeScenarioParam: vi.fn(orig.encodeScenarioParam) };
});

describe('the Compare link encodes a scenario once', () => {
  it('a trusted scenario is encoded once however often its link is asked for (the page asks on every render)', () => {
    const encode = vi.mocked(codec.encodeScenarioParam);
    encode.mockClear();
    const s = parseScenario(pods400);
    const first = linkParams(s, 5, 0.02).toString();
    for (let i = 0; i < 20; i++) expect(linkParams(s, 5, 0.02).toString()).toBe(first);
    expect(linkOf(s, 5, 0.02).params.toString()).toBe(first);
    expect(linkKeyOf(s, 5, 0.02)).toBe(linkOf(s, 5, 0.02).key);
    expect(encode).toHaveBeenCalledTimes(1);
    // A change is a new object: encoded afresh, and its link differs.
    const changed = parseScenario({ ...pods400, seed: 2 });
    expect(linkParams(changed, 5, 0.02).toString()).not.toBe(first);
    expect(encode).toHaveBeenCalledTimes(2);
  });

  it('a page opened from a link keeps the link’s own encoding: the scenario is not encoded again', () => {
    const encode = vi.mocked(codec.encodeScenarioParam);
    const made = linkParams(parseScenario({ ...pods400, seed: 11 }), 5, 0.02);
    encode.mockClear();
    const { requested } = readLink(made);
    if (!requested || !('scenario' in requested)) throw new Error('the link did not open');
    expect(linkOf(requested.scenario, 5, 0.02).params.toString()).toBe(made.toString());
    expect(linkKeyOf(requested.scenario, 5, 0.02)).toBe(requested.key);
    expect(encode).toHaveBeenCalledTimes(0);
    // And the link kept is the one encoding would give.
    expect(codec.encodeScenarioParam(requested.scenario)).toBe(made.get('s'));
  });

  it('a link of the first format is encoded afresh, in the current format', () => {
    const encode = vi.mocked(codec.encodeScenarioParam);
    const s = parseScenario({ ...pods400, seed: 12 });
    const old = new URLSearchParams({ s: Buffer.from(JSON.stringify(s)).toString('base64url'), r: '5' });
    encode.mockClear();
    const { requested } = readLink(old);
    if (!requested || !('scenario' in requested)) throw new Error('the link did not open');
    const written = linkOf(requested.scenario, 5, 0.02).params.get('s')!;
    expect(written).not.toBe(old.get('s'));
    expect(written.startsWith('2.')).toBe(true);
    expect(encode).toHaveBeenCalledTimes(1);
  });

  it('raw (unvalidated) objects are encoded each time, since they may be changed in place', () => {
    const encode = vi.mocked(codec.encodeScenarioParam);
    encode.mockClear();
    const raw = structuredClone(parseScenario(pods400));
    linkParams(raw, 5, null);
    raw.seed = 7;
    expect(linkParams(raw, 5, null).get('s')).toBe(codec.encodeScenarioParam(raw));
    expect(encode).toHaveBeenCalledTimes(3);
  });
});
