/**
 * `idsync check` on many files uses every core: the targets (in path order) are cut into one
 * contiguous slice per job; the main thread checks the first slice while worker threads, each
 * running this same bundle, check the others; the outcomes come back in path order, so the report
 * is the same byte for byte whatever the number of jobs (test/cli/parallel.test.ts).
 *
 * A worker costs a start-up of the bundle (tens of milliseconds), so small runs stay on one
 * thread: below PARALLEL_MIN_FILES configs, or with --jobs 1.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FileChecker } from './check-files';
import type { CheckFilesOptions, CheckItem, Outcome } from './check-files';

/** Fewer configs than this are checked on the main thread alone. */
export const PARALLEL_MIN_FILES = 400;
/** At most this many threads, whatever the machine (past it, reading and merging dominate). */
export const MAX_JOBS = 8;

/** The message a worker is started with (its `workerData`). */
interface WorkerJob {
  idsyncCheckWorker: true;
  options: CheckFilesOptions;
  items: CheckItem[];
}

/** The number of threads `--jobs auto` uses for this many configs. */
export function autoJobs(configs: number): number {
  if (configs < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_JOBS, Math.floor(configs / (PARALLEL_MIN_FILES / 2))));
}

/**
 * Checks the items on `jobs` threads (the main one included) and returns their outcomes in the
 * items' order. `script` is the file a worker runs: the bundle itself (dist/cli.js).
 */
export async function checkFiles(items: readonly CheckItem[], options: CheckFilesOptions, jobs: number, script: string | undefined): Promise<Outcome[]> {
  if (jobs <= 1 || items.length < 2 || !script) return checkSlice(items, options);
  const n = Math.min(jobs, items.length);
  const size = Math.ceil(items.length / n);
  const slices: CheckItem[][] = [];
  for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
  const others = slices.slice(1).map((slice) => runWorker(script, { idsyncCheckWorker: true, options, items: slice }));
  // The main thread's own slice runs while the workers start; their messages wait in the queue.
  const first = checkSlice(slices[0], options);
  const rest = await Promise.all(others);
  return first.concat(...rest);
}

function checkSlice(items: readonly CheckItem[], options: CheckFilesOptions): Outcome[] {
  const checker = new FileChecker(options);
  return items.map((item) => checker.check(item));
}

function runWorker(script: string, job: WorkerJob): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job, stdout: false, stderr: false });
    let settled = false;
    worker.once('message', (outcomes: Outcome[]) => {
      settled = true;
      resolve(outcomes);
    });
    worker.once('error', (e) => {
      settled = true;
      reject(new Error(`a worker thread failed: ${e instanceof Error ? e.message : String(e)}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a worker thread exited with code ${code} before it answered`));
    });
  });
}

/** In a worker started by `checkFiles`: checks its slice, posts the outcomes, and returns true. */
export function runAsCheckWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const job = workerData as WorkerJob | undefined;
  if (!job || job.idsyncCheckWorker !== true) return false;
  parentPort.postMessage(checkSlice(job.items, job.options));
  return true;
}
