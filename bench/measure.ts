/**
 * The measurement harness every benchmark shares: drive a function N times (one after another or from
 * concurrent loops), summarize latencies as percentiles, sample this process's and the machine's CPU, the
 * event loop's delay and this process's peak memory while a run goes on, and describe the machine the figures
 * came from.
 */
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";

export const benchLog = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The p-th percentile of ascending `sorted` (nearest rank, 0 for no samples). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export type Percentiles<P extends number> = { [K in P as `p${K}`]: number };

/** `{ p50, p95, … }` of unsorted samples (milliseconds), each rounded to `digits`. */
export function percentiles<const P extends number>(samples: number[], ps: readonly P[], digits = 3): Percentiles<P> {
  const sorted = [...samples].sort((a, b) => a - b);
  return Object.fromEntries(ps.map((p) => [`p${p}`, round(percentile(sorted, p), digits)])) as Percentiles<P>;
}

/** Runs `run` `count` times one after another; the duration of each, in milliseconds. */
export async function timeEach(count: number, run: (n: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    await run(n);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Milliseconds `run` takes, with its result. */
export async function timed<T>(run: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

export type Drive = { done: number; seconds: number; latencies: number[] };

/**
 * Runs `op` `total` times from `concurrency` loops, each waiting for its previous op, until done, past
 * `maxSeconds`, or `stop()` says so. The first failure stops the other loops and is thrown.
 */
export async function driveConcurrently({
  total,
  concurrency,
  op,
  maxSeconds = Infinity,
  stop = () => false,
}: {
  total: number;
  concurrency: number;
  op: (n: number) => Promise<unknown>;
  maxSeconds?: number;
  stop?: () => boolean;
}): Promise<Drive> {
  let next = 0;
  let failed = false;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  async function loop() {
    while (!failed && !stop() && performance.now() < deadline) {
      const n = next++;
      if (n >= total) return;
      const opStarted = performance.now();
      try {
        await op(n);
      } catch (error) {
        failed = true; // stops the other loops rather than leaving them running after the rejection
        throw error;
      }
      latencies.push(performance.now() - opStarted);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { done: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

/** Busy and total CPU time of every core since boot, in milliseconds. */
export function systemCpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

export type CpuSample = {
  /** This process's CPU time (user + system) over the sampled span. */
  processCpuMs: number;
  /** Busy and total time of all cores over the span: busy / total is how saturated the machine was. */
  systemCpu: { busy: number; total: number };
  /** How late the event loop ran at the 99th percentile. */
  eventLoopDelayP99Ms: number;
};

/** Starts sampling CPU and event-loop delay; `stop()` gives what the span used. */
export function sampleCpu(): { stop: () => CpuSample } {
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const processBefore = process.cpuUsage();
  const systemBefore = systemCpuTimes();
  return {
    stop: () => {
      loopDelay.disable();
      const used = process.cpuUsage(processBefore);
      const systemAfter = systemCpuTimes();
      return {
        processCpuMs: (used.user + used.system) / 1000,
        systemCpu: { busy: systemAfter.busy - systemBefore.busy, total: systemAfter.total - systemBefore.total },
        eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      };
    },
  };
}

export type RssSample = { rssAtStart: number; peakRss: number };

/** Starts sampling this process's resident memory every `everyMs`; `stop()` gives it at the start and at its peak. */
export function sampleRss(everyMs = 20): { stop: () => RssSample } {
  const rssAtStart = process.memoryUsage().rss;
  let peakRss = rssAtStart;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      return { rssAtStart, peakRss };
    },
  };
}

/** This process's CPU time (user + system) in milliseconds spent by `run`, with its result. */
export async function processCpuMsOf<T>(run: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

/** The machine the figures came from, printed with every report. */
export function machine() {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverage: os.loadavg().map((load) => round(load, 2)),
  };
}
