/**
 * `npm run sim`: the CLI's entry. Loading the engine takes this thread most of a second, and each worker
 * thread as long again; so when the arguments ask for a comparison, the worker threads are started first,
 * from this small module, and load theirs meanwhile. Only then is the CLI (main.ts) loaded and run.
 */
import { closePrestarted, prestartThreads, threadsToPrestart } from './threads';

prestartThreads(threadsToPrestart(process.argv.slice(2)));
const { runCli } = await import('./main');
// `npm run sim | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = runCli(process.argv.slice(2), process);
closePrestarted();
