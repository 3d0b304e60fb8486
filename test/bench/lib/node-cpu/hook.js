// Preloaded (NODE_OPTIONS=--require) into every Node process a `pulumi` command of the CLI
// benchmark starts — the language host running the program, the dynamic-provider plugin's
// `node -e require.resolve(...)` lookup and its host — to record the process's own CPU time,
// `process.cpuUsage()` (user + system of all its threads since it started), with its command
// line, to `$BENCH_NODE_CPU_DIR/<pid>.json` (see ../node-cpu.ts).
//
// The CLI ends a plugin by sending SIGINT to its process group and SIGKILL 5 s later
// (`Kill` in sdk/go/common/resource/plugin/plugin.go), so a plugin never exits on its own:
// - on SIGINT the final reading is written; with no other SIGINT listener the signal is raised
//   again with this handler gone, so the process dies of it exactly as it would have without
//   the hook (a process with listeners of its own has them called as usual);
// - a normal exit writes the final reading too;
// - every 100 ms a reading is written as well, so a process killed outright still leaves a
//   figure at most 100 ms short; such a reading says `final: false`.
// Each reading replaces the last by rename, so a kill mid-write never leaves half a file.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_NODE_CPU_DIR;
if (dir) {
  const file = path.join(dir, `${process.pid}.json`);
  const command = [...process.execArgv, ...process.argv.slice(1)];
  const record = (final) => {
    const { user, system } = process.cpuUsage();
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, command, userUs: user, systemUs: system, final }));
    fs.renameSync(tmp, file);
  };
  record(false);
  setInterval(() => record(false), 100).unref();
  process.once("exit", () => record(true));
  const onInterrupt = () => {
    record(true);
    process.removeListener("SIGINT", onInterrupt);
    if (process.listenerCount("SIGINT") === 0) process.kill(process.pid, "SIGINT");
  };
  process.on("SIGINT", onInterrupt);
}
