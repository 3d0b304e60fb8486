// What the CLI's text output says about each resource, by resource name and in the order it was
// printed: the step blocks of `pulumi preview --diff` and the finished steps of `pulumi up`.

export interface PreviewBlock {
  /** The step's symbol as printed: `~ `, `+ `, `- `, `+-`, `++`, `--`. */
  symbol: string;
  /** The step: update, replace, create-replacement, delete-replaced, ... */
  op: string;
  /** The resource name (the last part of its URN). */
  name: string;
  /** The property lines under the step. */
  lines: string[];
}

const HEADER = /^ *(\+-|\+\+|--|[~+-] |  )(\S+): \(([\w-]+)\)$/;
const URN = /^\s*\[urn=.*::([^:]+)\]$/;

/** The step blocks of `pulumi preview --diff --color=never` output. */
export function previewBlocks(text: string): PreviewBlock[] {
  const blocks: PreviewBlock[] = [];
  let current: PreviewBlock | undefined;
  for (const line of text.split("\n")) {
    const header = HEADER.exec(line);
    if (header) {
      current = { symbol: header[1], op: header[3], name: "", lines: [] };
      blocks.push(current);
      continue;
    }
    // The outputs section and the summary end the last block.
    if (/^\s*--outputs:--$|^Resources:$/.test(line)) current = undefined;
    if (!current) continue;
    const urn = URN.exec(line);
    if (urn && !current.name) current.name = urn[1];
    else if (line.trim() && !/^\s*\[id=/.test(line)) current.lines.push(line.trim());
  }
  return blocks;
}

export interface AppliedStep {
  symbol: string;
  name: string;
  /** As printed when the step finished: created, updated, replaced, created replacement, deleted original, deleted. */
  done: string;
}

const FINISHED = /^ (\+-|\+\+|--|[~+-] ) \S+ (\S+) (created replacement|deleted original|replaced|updated|created|deleted) /;

/** The finished steps of `pulumi up --color=never` output, in the order they finished. */
export function appliedSteps(text: string): AppliedStep[] {
  const out: AppliedStep[] = [];
  for (const line of text.split("\n")) {
    const m = FINISHED.exec(line);
    if (m) out.push({ symbol: m[1], name: m[2], done: m[3] });
  }
  return out;
}
