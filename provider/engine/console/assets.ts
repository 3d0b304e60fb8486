// The console's page, built by `npm run build` into dist/console (web/ is its source). The engine
// reads the built files once when it starts and serves them from memory.
import * as fs from "node:fs";
import * as path from "node:path";

export interface Asset {
  type: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * Where the built console is: dist/console beside the compiled engine (dist/provider/engine/console,
 * as an installed package has it), or the checkout's dist/console when the engine runs from its
 * TypeScript sources (tests).
 */
export function consoleAssetsDir(): string | undefined {
  const candidates = [path.resolve(__dirname, "../../../console"), path.resolve(__dirname, "../../../dist/console")];
  return candidates.find((dir) => fs.existsSync(path.join(dir, "index.html")));
}

/** The built files by the path they are served at (`/console/console.js`); empty when not built. */
export function loadAssets(dir = consoleAssetsDir()): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!dir) return assets;
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    assets.set(name === "index.html" ? "/console" : `/console/${name}`, { type, body: fs.readFileSync(path.join(dir, name)) });
  }
  return assets;
}
