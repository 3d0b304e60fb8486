// Prints the report of `npm run test:reliability` from .reliability/report.jsonl.
const fs = require("node:fs");
const path = require("node:path");

const file = path.join(__dirname, "..", ".reliability", "report.jsonl");
const rows = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
const sum = (k) => rows.reduce((n, r) => n + (r[k] ?? 0), 0);
const line = (label, value) => console.log(`  ${label.padEnd(20)} ${value}`);
console.log("\nReliability report");
for (const r of rows) console.log(`  - ${r.check}: ${r.violations} violation(s)${r.detail ? ` (${r.detail})` : ""}`);
line("requests fuzzed", sum("requestsFuzzed"));
line("faults injected", sum("faultsInjected"));
line("kills survived", sum("killsSurvived"));
line("objects checked", sum("objectsChecked"));
line("violations", sum("violations"));
process.exitCode = rows.length === 0 || sum("violations") > 0 ? 1 : 0;
