// Regenerates docs/RESOURCES.md (the field reference), docs/RULES.md (the rule catalogue) and the
// public resource classes in provider/resources from the built spec tables.
const fs = require("node:fs");
const path = require("node:path");
const { specs } = require("../dist/provider/spec");
const { resourcesMarkdown, rulesMarkdown } = require("../dist/provider/spec/docs");
const { resourceClasses } = require("../dist/provider/resources/generate");

const root = path.join(__dirname, "..");
fs.writeFileSync(path.join(root, "docs", "RESOURCES.md"), resourcesMarkdown(Object.values(specs)));
fs.writeFileSync(path.join(root, "docs", "RULES.md"), rulesMarkdown());
for (const [file, text] of Object.entries(resourceClasses())) fs.writeFileSync(path.join(root, "provider", "resources", file), text);
