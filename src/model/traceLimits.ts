/** Bounds on what the trace worker sends the Simulate page in one reply (see ChunkRequest). */

/** Records one chunk may carry at most, whatever the page asks: a reply is one bounded task on the page. */
export const MAX_CHUNK_RECORDS = 20_000;
/** Largest stride (every n-th sampled request kept) a page may ask for. */
export const MAX_STRIDE = 1 << 20;
