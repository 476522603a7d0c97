// Work the page does for later — installing the service worker (its install precaches 45 files, 3 MB)
// and fetching the other pages — waits until the page is quiet: loaded, held by no page, and the browser
// idle. Compare holds it until its comparison and load sweep are done: on a 2-core laptop a shared pods-400 link's
// runs otherwise shared the cores with the service worker's install (about 0.3 s of its 5.7 s).

export interface QuietEnv {
  loaded(): boolean;
  onLoad(f: () => void): void;
  /** Runs `f` when the browser is idle (or after a bounded wait). */
  idle(f: () => void): void;
  setTimeout(f: () => void, ms: number): void;
}

/**
 * A hold ends by itself after this long, so a page that never finishes cannot keep the site from working
 * offline. Long enough for the largest preset: on a 2-core test machine large-mesh's link had its precise
 * result at 83–105 s and its load sweep done 20–22 s later; at 60 s the background work started in the
 * middle of its rounds (a task of 156 ms).
 */
export const HOLD_LIMIT_MS = 180_000;

export interface Quiet {
  /** The page is busy with work a user waits for; background work waits until every hold is released. */
  hold(): () => void;
  /** Runs `f` once, when the page is next quiet. */
  whenQuiet(f: () => void): void;
}

export function createQuiet(env: QuietEnv, limitMs = HOLD_LIMIT_MS): Quiet {
  let holds = 0;
  let loaded = env.loaded();
  let pending: (() => void)[] = [];
  let idleAsked = false;
  const maybeRun = () => {
    if (!loaded || holds > 0 || pending.length === 0 || idleAsked) return;
    idleAsked = true;
    env.idle(() => {
      idleAsked = false;
      // A page took a hold while we waited for idle: its release asks again.
      if (holds > 0) return;
      const run = pending;
      pending = [];
      for (const f of run) f();
    });
  };
  if (!loaded)
    env.onLoad(() => {
      loaded = true;
      maybeRun();
    });
  return {
    hold() {
      holds++;
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        holds--;
        maybeRun();
      };
      env.setTimeout(release, limitMs);
      return release;
    },
    whenQuiet(f) {
      pending.push(f);
      maybeRun();
    },
  };
}

/** The browser's load event and idle callback (a 2 s timeout where requestIdleCallback is missing). */
export function browserQuietEnv(doc: Document = document, win: Window = window): QuietEnv {
  return {
    loaded: () => doc.readyState === 'complete',
    onLoad: (f) => win.addEventListener('load', f, { once: true }),
    idle: (f) =>
      void (typeof win.requestIdleCallback === 'function'
        ? win.requestIdleCallback(f, { timeout: 4000 })
        : win.setTimeout(f, 2000)),
    setTimeout: (f, ms) => void win.setTimeout(f, ms),
  };
}

let app: Quiet | null = null;
let bootHold: (() => void) | null = null;

/** The app's one gate (made on first use, so modules that import this file load outside a browser). */
export function appQuiet(): Quiet {
  return (app ??= createQuiet(browserQuietEnv()));
}

/**
 * Taken at boot when the first page is one that holds (a link straight to Compare), so nothing starts in
 * the background while its code loads; the page takes it over with `pageHold`.
 */
export function holdFromBoot(): void {
  bootHold ??= appQuiet().hold();
}

/** A page's hold: the boot's if it is still held, else a new one. */
export function pageHold(): () => void {
  const taken = bootHold;
  bootHold = null;
  return taken ?? appQuiet().hold();
}
