// Makes this package resolvable by its own name from the repository root
// (node_modules/pulumi-elb -> ..). The serialized dynamic providers load their
// implementation with require("pulumi-elb/..."), and the Pulumi provider host
// resolves that from the program's working directory, exactly as it does in a
// user's project where pulumi-elb is an installed dependency.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const modules = path.join(root, "node_modules");
const link = path.join(modules, "pulumi-elb");
if (!fs.existsSync(modules)) process.exit(0); // installed as a dependency: nothing to do
try {
  const current = fs.readlinkSync(link);
  if (current === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // no link yet
}
fs.symlinkSync("..", link, "dir");
