// The explorer as the shipped bundle draws it: Ink and its dependencies with the patches of
// scripts/build-options.mjs, built with the same options. Each frame must be, byte for byte, the
// frame Ink as installed draws, so a patch that changes what a user sees fails here.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { build, type BuildOptions } from 'esbuild';
import { scratchDir } from '../support/scratch.js';
import { waitFor } from '../support/wait.js';

type DemoExplorer = typeof import('../support/demo-explorer.js');
type Rendered = ReturnType<DemoExplorer['openDemoExplorer']>;

// Colours on, so that styles are compared too (chalk reads this once, as it loads).
process.env.FORCE_COLOR = '3';
const installed: DemoExplorer = await import('../support/demo-explorer.js');
const bundled = await bundledDemoExplorer();

async function bundledDemoExplorer(): Promise<DemoExplorer> {
  const options = (await import(new URL('../../../scripts/build-options.mjs', import.meta.url).href)) as { root: string; commonOptions(): BuildOptions };
  const outfile = join(scratchDir('stw-bundled-ink-'), 'demo-explorer.cjs');
  await build({ ...options.commonOptions(), entryPoints: [join(options.root, 'test/support/demo-explorer.tsx')], outfile });
  return createRequire(import.meta.url)(outfile) as DemoExplorer;
}

const plain = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');

/** The first line where the two frames differ, both ways, escaped. */
function firstDifference(ours: string, theirs: string): string {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  const row = a.findIndex((line, index) => line !== b[index]);
  return row === -1 ? `${a.length} lines against ${b.length}` : `row ${row}: bundled ${JSON.stringify(a[row])}, installed ${JSON.stringify(b[row])}`;
}

const opened: Rendered[] = [];
after(() => opened.forEach((app) => app.unmount()));

describe('the explorer drawn by the bundled Ink', () => {
  it('gives the same frames as Ink as installed: lists, panes, a field typed into at once, a table and help', async () => {
    const ours = bundled.openDemoExplorer(120, 40);
    const theirs = installed.openDemoExplorer(120, 40);
    opened.push(ours, theirs);
    // What to type, and what the frame then shows.
    const steps: [keys: string, shows: string][] = [
      ['', '── mysql-in-layer'],
      ['j', '── pg-named'],
      ['\t', '▸Writable layer'],
      ['\x1b2', '[2 Volumes]'],
      ['3', 'RECLAIMABLE'],
      ['1/pg', '2 matches'],
      ['\r?', 'Esc or ? closes this help.'],
    ];
    for (const [keys, shows] of steps) {
      if (keys) for (const app of [ours, theirs]) app.stdin.write(keys);
      await waitFor(`the installed Ink to show ${shows}`, () => plain(theirs.lastFrame() ?? '').includes(shows), 3000);
      await waitFor(`the bundled frame with ${shows} to be the installed one`, () => ours.lastFrame() === theirs.lastFrame(), 3000).catch((error: Error) => {
        throw new Error(`${error.message}; ${firstDifference(ours.lastFrame() ?? '', theirs.lastFrame() ?? '')}`);
      });
    }
    assert.match(theirs.lastFrame() ?? '', /\x1b\[36m/, 'the frames are in colour');
  });
});
