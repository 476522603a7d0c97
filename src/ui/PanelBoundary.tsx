import { Component, useRef, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { workerMessage } from './workerMessage';

/**
 * An error boundary around one panel: if the panel throws while rendering, its box says so (with the
 * error's message and a Try again button) and the rest of the page keeps working. It clears itself
 * when `resetKey` changes (new data may render fine) or when Try again is pressed.
 */
interface Props {
  /** What the panel shows, for the message: "The event list could not be shown." */
  name: string;
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.key) ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for whoever debugs it; the page itself goes on.
    console.error(`${this.props.name} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          The {this.props.name} could not be shown: {workerMessage(error.message || String(error))}. The rest
          of the page still works.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

/**
 * The component inside its own PanelBoundary, reset whenever any prop changes (a section given new
 * figures gets a fresh chance to render).
 */
export function withPanelBoundary<P extends object>(name: string, Inner: ComponentType<P>): ComponentType<P> {
  function Guarded(props: P) {
    return (
      <PanelBoundary name={name} resetKey={useShallowKey(props)}>
        <Inner {...props} />
      </PanelBoundary>
    );
  }
  Guarded.displayName = `Guarded(${Inner.displayName ?? Inner.name})`;
  return Guarded;
}

/** A token that changes when any prop's identity does (a shallow comparison, per instance). */
function useShallowKey(props: object): object {
  const last = useRef<{ values: unknown[]; token: object } | null>(null);
  const values = Object.values(props);
  const prev = last.current;
  if (prev && prev.values.length === values.length && prev.values.every((v, i) => Object.is(v, values[i])))
    return prev.token;
  const next = { values, token: {} };
  last.current = next;
  return next.token;
}
