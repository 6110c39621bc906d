/**
 * A CPU profile of a process that cannot take `--cpu-prof` (Node refuses it in NODE_OPTIONS): preloaded with
 * `--import`, it profiles from start to exit and writes CPU_PROFILE_DIR/<pid>.cpuprofile (Chrome DevTools format).
 *
 *   BENCH_SERVER_NODE_OPTIONS="--import ./bench/cpu-profile-hook.mjs" CPU_PROFILE_DIR=/tmp/prof npm run bench:…
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.CPU_PROFILE_DIR ?? process.cwd();
const session = new Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.start");

let written = false;
function writeProfile() {
  if (written) return;
  written = true;
  session.post("Profiler.stop", (error, result) => {
    if (!error) writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}
process.on("exit", writeProfile);
// On a signal the profile is written first; a process with handlers of its own (the web server closes gracefully) is
// left to them, and one without exits as the signal would have made it.
for (const [signal, number] of [
  ["SIGTERM", 15],
  ["SIGINT", 2],
]) {
  process.once(signal, () => {
    writeProfile();
    if (process.listenerCount(signal) === 0) process.exit(128 + number);
  });
}
