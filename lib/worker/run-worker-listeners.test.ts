import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runWorker, WORKER_JOBS } from "./worker";

it("runs as many jobs as the worker has on one stop signal without a listener-leak warning", async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning.name);
  process.on("warning", onWarning);
  try {
    const stop = new AbortController();
    const jobs = WORKER_JOBS.map((job) => ({ name: job.name, everyMs: 20, run: async () => {} }));
    expect(jobs.length).toBeGreaterThan(10); // beyond Node's default of 10 listeners per signal
    const worker = runWorker({ db: null as unknown as Db, signal: stop.signal, jobs, log: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    await worker;
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  } finally {
    process.off("warning", onWarning);
  }
});
