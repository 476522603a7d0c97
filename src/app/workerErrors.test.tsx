// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { fromCallback } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulateSession } from '../machines/simulate/session';
import { fakeTracePort } from '../test/fakeTracePort';
import { traceFixture } from '../test/traceFixture';
import { SimulatePage, type SimulatePageProps } from '../ui/simulate/SimulatePage';
import { connectTraceClient } from '../worker/trace/client';

afterEach(cleanup);

const count = (text: string, part: string) => text.split(part).length - 1;

describe('worker errors on the Simulate page', () => {
  it('a crashed trace worker is named once in the message shown, not twice', async () => {
    const port = fakeTracePort(1); // answers the open, then nothing
    const client = connectTraceClient(port);
    const session = createSimulateSession(
      { trace: client, ticker: fromCallback(() => () => {}) },
      {
        choices: {
          presetId: 'one-request-slowly',
          seed: null,
          protocol: null,
          arch: 'sidecar-envoy',
          view: 'trace',
        },
      },
    );
    const result = {
      get current() {
        return session.page().view;
      },
    };
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
    session.dispose();
    client.dispose();
  });
});
