// Builds the web console (web/) into dist/console: one script, one stylesheet and the page, with
// everything bundled in, so the engine serves it offline with nothing fetched from elsewhere.
// esbuild bundles and minifies the TypeScript and Preact sources in well under a second.
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist", "console");

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
esbuild.buildSync({
  entryPoints: { console: path.join(root, "web", "src", "main.tsx") },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: out,
  legalComments: "none",
  logLevel: "warning",
});
esbuild.buildSync({
  entryPoints: [path.join(root, "web", "src", "console.css")],
  bundle: true,
  minify: true,
  outdir: out,
  logLevel: "warning",
});
fs.copyFileSync(path.join(root, "web", "index.html"), path.join(out, "index.html"));
