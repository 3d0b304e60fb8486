// Regenerates docs/RESOURCES.md (the field reference) and docs/RULES.md (the rule catalogue)
// from the built spec tables.
const fs = require("node:fs");
const path = require("node:path");
const { specs } = require("../dist/provider/spec");
const { resourcesMarkdown, rulesMarkdown } = require("../dist/provider/spec/docs");

const docs = path.join(__dirname, "..", "docs");
fs.writeFileSync(path.join(docs, "RESOURCES.md"), resourcesMarkdown(Object.values(specs)));
fs.writeFileSync(path.join(docs, "RULES.md"), rulesMarkdown());
