import { Activity, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * The detailed results in groups, one shown at a time, so the page at 1280 wide is a few screens
 * rather than twenty: the WAI-ARIA tabs pattern (arrow keys, Home and End move between tabs, Tab goes
 * into the panel). Every panel stays in the document, hidden, so a chart keeps its state and a search
 * in the page's text still finds what a hidden group says.
 */

export interface SectionTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function SectionTabs({
  tabs,
  current,
  onChange,
  label,
}: {
  tabs: readonly SectionTab[];
  current: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const active = tabs.some((t) => t.id === current) ? current : tabs[0]?.id;
  const move = (e: KeyboardEvent, i: number) => {
    const last = tabs.length - 1;
    const to =
      e.key === 'ArrowRight'
        ? i === last
          ? 0
          : i + 1
        : e.key === 'ArrowLeft'
          ? i === 0
            ? last
            : i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (to === null) return;
    e.preventDefault();
    onChange(tabs[to].id);
    refs.current[to]?.focus();
  };
  return (
    <div className="section-tabs">
      <div role="tablist" aria-label={label} className="section-tablist">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-controls={`${base}-panel-${t.id}`}
            aria-selected={t.id === active}
            tabIndex={t.id === active ? 0 : -1}
            data-section={t.id}
            onClick={() => onChange(t.id)}
            onKeyDown={(e) => move(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${base}-panel-${t.id}`}
          aria-labelledby={`${base}-tab-${t.id}`}
          hidden={t.id !== active}
          data-section-panel={t.id}
        >
          {/* A hidden group re-renders at the lowest priority, in slices, after the shown one is on screen:
              a large mesh's result no longer renders every group's charts in one task. */}
          <Activity mode={t.id === active ? 'visible' : 'hidden'}>{t.content}</Activity>
        </div>
      ))}
    </div>
  );
}
