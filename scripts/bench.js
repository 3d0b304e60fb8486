// `npm run bench [-- <area>...]`: builds dist/ when it is older than the sources (the bench
// measures the compiled package, as users run it), then runs test/bench/run.ts.
// Areas: engine, dataplane, apply, preview, cli (default: all). BENCH_QUICK=1 shrinks every N for a
// smoke run; `-- --markdown` prints the last results as Markdown tables without measuring.
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
execFileSync(process.execPath, [path.join(__dirname, "build-if-needed.js")], { cwd: root, stdio: "inherit" });
require("./ts-register");
require(path.join(root, "test", "bench", "run.ts"))
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
