// Starts a CLI worker thread from the TypeScript sources (npm run sim runs them through tsx): a worker
// does not inherit the main thread's loader, so it registers tsx's own before importing the thread.
import { tsImport } from 'tsx/esm/api';

await tsImport('./thread.ts', import.meta.url);
