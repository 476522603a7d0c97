// @vitest-environment jsdom
import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import oneRequest from '../../models/presets/one-request-slowly.json';
import { fakeTracePort } from '../test/fakeTracePort';
import { traceFixture } from '../test/traceFixture';
import { SimulatePage, type SimulatePageProps } from '../ui/simulate/SimulatePage';
import { connectTraceClient } from '../worker/trace/client';
import { useTraceSession } from './simulate/useTraceSession';

afterEach(cleanup);

const count = (text: string, part: string) => text.split(part).length - 1;

describe('worker errors on the Simulate page', () => {
  it('a crashed trace worker is named once in the message shown, not twice', async () => {
    const port = fakeTracePort(1); // answers the open, then nothing
    const client = connectTraceClient(port);
    const { result } = renderHook(() =>
      useTraceSession(client, {
        scenario: oneRequest,
        scenarioKey: 'one',
        arch: 'sidecar-envoy',
        view: 'trace',
        startT: 0,
        slowdown: 10_000,
      }),
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    // The worker breaks while the page is waiting for a window of records.
    await waitFor(() => expect(port.sent.some((m) => m.type === 'chunk')).toBe(true));
    port.crash('Uncaught Error: boom');
    await waitFor(() => expect(result.current.status).toBe('error'));
    const { layout, catalogs } = traceFixture();
    const props: SimulatePageProps = {
      presets: [{ id: 'one-request-slowly', name: 'One request, slowly' }],
      architectures: [{ id: 'sidecar-envoy', name: 'Istio sidecar (Envoy)' }],
      presetId: 'one-request-slowly',
      arch: 'sidecar-envoy',
      view: 'trace',
      onPreset: () => {},
      onArch: () => {},
      onView: () => {},
      session: result.current,
      lastLayout: layout,
      change: null,
      scene: null,
      catalogs,
      selection: null,
      onSelect: () => {},
      fetchState: () => new Promise(() => {}),
      fetchRequest: () => new Promise(() => {}),
    };
    render(<SimulatePage {...props} />);
    const shown = screen.getByRole('alert').textContent ?? '';
    expect(shown).toContain('Uncaught Error: boom');
    expect(count(shown, 'The trace worker')).toBe(1);
    client.dispose();
  });
});
