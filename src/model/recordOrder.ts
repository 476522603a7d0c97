/**
 * The one order of hop records, by entry time (then leaving time, request and hop, so every tie is
 * broken the same way): the trace worker sends records in it and the page's buffer keeps them so.
 */
export const byEnter = (
  a: { enter: number; leave: number; request: number; hop: number },
  b: { enter: number; leave: number; request: number; hop: number },
): number => a.enter - b.enter || a.leave - b.leave || a.request - b.request || a.hop - b.hop;
