import type { Figures } from './figures';

/**
 * The designs whose added memory is used but not reserved: their charts set no resource requests by
 * default (Linkerd's proxy, Cilium's agent and Envoy), so the scheduler sets nothing aside for it and the
 * reserved bar reads 0 beside a used bar that does not. Said in words, so a zero is not read as "free".
 */
export function unreservedNote(figures: readonly Figures[]): string | null {
  const unreserved = figures.filter((f) => {
    const fp = f.estimate?.footprint;
    return !!fp && fp.perPod.reservedMemoryMiB === 0 && fp.perPod.usedMemoryMiB > 0;
  });
  // A library lives in the app's process: its memory falls under the app's own requests, none added.
  const inApp = (f: Figures) => f.estimate!.footprint!.components.every((c) => c.component === 'library');
  const charts = unreserved.filter((f) => !inApp(f)).map((f) => f.name);
  const libraries = unreserved.filter(inApp).map((f) => f.name);
  const parts: string[] = [];
  if (charts.length)
    parts.push(
      `${listed(charts)} reserve${charts.length === 1 ? 's' : ''} no memory: by default ` +
        `${charts.length === 1 ? 'its chart sets' : 'their charts set'} no resource requests, so the scheduler ` +
        'sets nothing aside for the memory used (which is real, and counted above).',
    );
  if (libraries.length)
    parts.push(
      `${listed(libraries)} add${libraries.length === 1 ? 's' : ''} no requests of ${libraries.length === 1 ? 'its' : 'their'} own: ` +
        'a library’s memory is inside the app’s process, under the app’s requests.',
    );
  if (parts.length === 0) return null;
  return `${parts.join(' ')} Each design’s components and sources say what it sets.`;
}

const listed = (names: string[]) =>
  names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
