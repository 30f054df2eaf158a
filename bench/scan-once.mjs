// One drill-down scan: the time from Enter to the full tree, measured inside the process as the
// explorer sees it, printed in seconds for run.mjs to set against `du -s`.
import { scanLocalDirectory } from '../dist/src/scan/local-scan.js';

const started = process.hrtime.bigint();
const tree = await scanLocalDirectory(process.argv[2]);
console.log(Number(process.hrtime.bigint() - started) / 1e9, tree.sizeBytes, tree.items);
