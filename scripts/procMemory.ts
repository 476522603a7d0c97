// Memory of the browser a benchmark launched (Linux /proc): the resident set of every process descended
// from this Node process, and of its renderers alone (the page and its workers live there). Sampled on a
// timer so a benchmark can report the peak over a phase, the figure "memory bounded" is read against.
import fs from 'node:fs';

const PAGE = 4096;

interface Proc {
  pid: number;
  ppid: number;
  rssBytes: number;
  renderer: boolean;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields after the last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const rssPages = Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return { pid, ppid, rssBytes: rssPages * PAGE, renderer: cmd.includes('--type=renderer') };
  } catch {
    return null; // gone between the listing and the read
  }
}

/** Resident bytes of this process's descendants now: all of them, and the renderers alone. */
export function descendantsRss(root = process.pid): { totalBytes: number; rendererBytes: number } {
  const procs = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== null);
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let totalBytes = 0;
  let rendererBytes = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    totalBytes += p.rssBytes;
    if (p.renderer) rendererBytes += p.rssBytes;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return { totalBytes, rendererBytes };
}

/** Samples every `everyMs` until stopped; `peak()` gives the largest figures since the last `reset()`. */
export function memorySampler(everyMs = 250) {
  let peak = { totalBytes: 0, rendererBytes: 0 };
  const sample = () => {
    const now = descendantsRss();
    peak = {
      totalBytes: Math.max(peak.totalBytes, now.totalBytes),
      rendererBytes: Math.max(peak.rendererBytes, now.rendererBytes),
    };
  };
  const timer = setInterval(sample, everyMs);
  return {
    reset() {
      peak = { totalBytes: 0, rendererBytes: 0 };
      sample();
    },
    peak() {
      sample();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
