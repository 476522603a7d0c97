import type { ReactNode } from 'react';
import type { ArchitectureId } from '../../model/architecture';

/** What a details panel is asked to explain: all of an architecture's hops, or those behind one figure. */
export type Focus =
  | { kind: 'all'; label: string }
  | { kind: 'category'; category: string; label: string }
  | { kind: 'component'; component: string; label: string }
  | { kind: 'cpu-class'; cpuClass: 'container' | 'kernel'; label: string }
  | { kind: 'memory'; label: string };

export interface Selection {
  architecture: ArchitectureId;
  focus: Focus;
}

export type Select = (s: Selection) => void;

/** A figure that opens the hops and citations behind it. */
export function NumButton({
  children,
  label,
  onClick,
}: {
  children: ReactNode;
  label: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className="num" onClick={onClick} aria-label={label}>
      {children}
    </button>
  );
}
