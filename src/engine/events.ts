/**
 * Event kinds and their tie-break priority. At one instant: completions first (resources free up),
 * then timeouts and window marks, then new work (arrivals, sends).
 */
export const K_CPU_DONE = 0;
export const K_DELAY_DONE = 1;
export const K_TIMEOUT = 2;
export const K_WINDOW_START = 3;
export const K_WINDOW_END = 4;
export const K_ARRIVAL = 5;
export const K_SEND = 6;
export const PRIORITY = [0, 0, 1, 2, 2, 3, 3];
