// Regenerates docs/RESOURCES.md from the built spec tables.
const fs = require("node:fs");
const path = require("node:path");
const { specs } = require("../dist/provider/spec");
const { resourcesMarkdown } = require("../dist/provider/spec/docs");
fs.writeFileSync(path.join(__dirname, "..", "docs", "RESOURCES.md"), resourcesMarkdown(Object.values(specs)));
