// `npm start` builds the TypeScript sources when dist/ is missing or older than them, and the web
// console when dist/console is missing or older than web/.
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "dist", "provider", "engine", "cli.js");

function newestSource(dir) {
  let newest = 0;
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|css|html)$/.test(ent.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const page = path.join(root, "dist", "console", "index.html");
const builtPage = fs.existsSync(page) ? fs.statSync(page).mtimeMs : 0;
if (builtPage < newestSource(path.join(root, "web"))) {
  execFileSync(process.execPath, [path.join(__dirname, "build-console.js")], { cwd: root, stdio: "inherit" });
}

const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
if (built < newestSource(path.join(root, "provider"))) {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], {
    cwd: root,
    stdio: "inherit",
  });
}
