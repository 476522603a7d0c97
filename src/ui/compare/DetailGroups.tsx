import { memo, useMemo } from 'react';
import type { CompareSession, CompareSnapshot } from '../../machines/compare/session';
import { BreakdownSection } from './BreakdownSection';
import { ConnectionsSection } from './ConnectionsSection';
import { CpuSection } from './CpuSection';
import { CurvesSection } from './CurvesSection';
import { FeatureTable } from './FeatureTable';
import { anyFailures, figuresOf } from './figures';
import { LatencySection } from './LatencySection';
import { LoadTotalsSection } from './LoadTotalsSection';
import { MemorySection } from './MemorySection';
import type { Selection } from './NumButton';
import { OutcomesSection } from './OutcomesSection';
import { QueueSection } from './QueueSection';
import { ScalingSection } from './ScalingSection';
import { SectionTabs } from './SectionTabs';
import type { CompareCatalog } from './types';
import { UncertaintySection } from './UncertaintySection';

/**
 * The detailed results, drawn from a deferred snapshot (`useDeferredValue` in ComparePage): a new
 * estimate or result puts the status and headlines on screen in one short task, and these groups follow
 * in a render React cuts into slices. Drawn with the status in one task, a pods-400 estimate or result
 * took 50–65 ms of the page's thread while the workers ran. Both components are memoised, so the
 * urgent render passes over them while the snapshot they draw is unchanged; their callbacks must be
 * stable for that.
 */
interface GroupProps {
  snap: CompareSnapshot;
  catalog: CompareCatalog;
  onSelect: (sel: Selection) => void;
}

function useFigures(snap: CompareSnapshot) {
  return useMemo(() => figuresOf(snap.estimate, snap.result), [snap.estimate, snap.result]);
}

/** Outcomes, latency and its breakdown: the group shown first, and all an embedded page shows. */
export const LatencyGroup = memo(function LatencyGroup({ snap, catalog, onSelect }: GroupProps) {
  const figures = useFigures(snap);
  return (
    <>
      <OutcomesSection
        figures={figures}
        simulated={snap.simulated}
        failureInjected={snap.scenario.failure.kind !== 'none'}
      />
      <LatencySection
        figures={figures}
        simulated={snap.simulated}
        level={snap.result?.level ?? 0.99}
        successOnly={anyFailures(figures)}
        onSelect={onSelect}
        scenario={snap.scenario}
        citations={catalog.citations}
      />
      <BreakdownSection figures={figures} simulated={snap.simulated} onSelect={onSelect} />
    </>
  );
});

/** Every group of the detailed results, one shown at a time. */
export const DetailGroups = memo(function DetailGroups({
  snap,
  catalog,
  onSelect,
  session,
  section,
  onSection,
}: GroupProps & { session: CompareSession; section: string; onSection: (id: string) => void }) {
  const figures = useFigures(snap);
  const s = snap.scenario;
  const simulated = snap.simulated;
  const level = snap.result?.level ?? 0.99;
  const approximations = [...new Set(figures.flatMap((f) => f.estimate?.approximations ?? []))];
  return (
    <SectionTabs
      label="Detailed results"
      current={section}
      onChange={onSection}
      tabs={[
        {
          id: 'latency',
          label: 'Latency',
          content: <LatencyGroup snap={snap} catalog={catalog} onSelect={onSelect} />,
        },
        {
          id: 'cpu',
          label: 'CPU',
          content: (
            <>
              <LoadTotalsSection figures={figures} scenario={s} simulated={simulated} />
              <CpuSection figures={figures} simulated={simulated} onSelect={onSelect} />
              <QueueSection
                figures={figures}
                simulated={simulated}
                level={level}
                onSelect={onSelect}
                waypointScope={s.topology.waypointScope}
              />
            </>
          ),
        },
        {
          id: 'memory',
          label: 'Memory',
          content: <MemorySection figures={figures} nodesGiven={s.topology.nodes} onSelect={onSelect} />,
        },
        {
          id: 'scaling',
          label: 'Scaling',
          content: (
            <>
              <CurvesSection
                figures={figures}
                simulated={simulated}
                sweep={snap.sweep}
                level={level}
                waypointScope={s.topology.waypointScope}
              />
              <ConnectionsSection
                figures={figures}
                scenario={s}
                citations={catalog.citations}
                sweep={snap.connections}
                phase={snap.phase}
                canRun={snap.canRun}
                onRun={() => session.sweepConnections()}
                onStop={() => session.cancel()}
              />
              <ScalingSection figures={figures} onSelect={onSelect} />
            </>
          ),
        },
        {
          id: 'uncertainty',
          label: 'Uncertainty',
          content: <UncertaintySection figures={figures} onSelect={onSelect} />,
        },
        {
          id: 'features',
          label: 'Features',
          content: (
            <>
              <FeatureTable catalog={catalog} architectures={s.architectures} />
              {approximations.length > 0 && (
                <details className="approximations">
                  <summary>How the analytic estimate approximates</summary>
                  <ul>
                    {approximations.map((a) => (
                      <li key={a}>{a}</li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          ),
        },
      ]}
    />
  );
});
