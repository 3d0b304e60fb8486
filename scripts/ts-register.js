// Lets plain `node` load the benchmark's TypeScript files (test/bench/**/*.ts), in the bench
// process and in the server processes it starts: each file is transpiled on require with the
// TypeScript compiler the project already depends on. Type checking stays with `npm run
// typecheck`; the code being measured is never loaded through here, it comes from dist/.
const fs = require("node:fs");
const ts = require("typescript");

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
