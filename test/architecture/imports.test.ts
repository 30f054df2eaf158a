// The layering of STYLE.md, pinned: the engine code sits at the bottom and imports nothing above
// it, and no module of src/ reaches itself again through its imports (type imports count too).
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraph } from './import-graph.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const graph = importGraph(ROOT, ['src', 'components']);
/** Below every layer: what the engine may import besides itself. They import only each other. */
const SHARED_LEAVES = ['src/errors.ts', 'src/stateful-paths.ts', 'src/outside-file.ts'];
const inSrc = (file: string) => file.startsWith('src/');

describe('the import graph', () => {
  it('is read from the sources', () => {
    assert.ok(graph.size > 50, `only ${graph.size} files found under ${ROOT}`);
    assert.ok(graph.get('src/cli.ts')?.includes('components/run-explorer.tsx'), 'the dynamic import of the explorer is seen');
    assert.ok(graph.get('src/engine/collect.ts')?.includes('src/engine/engine.ts'), 'type imports are seen');
  });

  it('finds a cycle when there is one', () => {
    const cyclic = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    assert.deepEqual(importCycles(cyclic), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});

describe('layering', () => {
  it('src/engine imports only src/engine and the shared leaves: never the model, the app or the views', () => {
    const upward = [...graph]
      .filter(([file]) => file.startsWith('src/engine/'))
      .flatMap(([file, targets]) => targets.filter((target) => !target.startsWith('src/engine/') && !SHARED_LEAVES.includes(target)).map((target) => `${file} → ${target}`));
    assert.deepEqual(upward, []);
  });

  it('the shared leaves import no project module but each other', () => {
    for (const leaf of SHARED_LEAVES) assert.deepEqual(graph.get(leaf)?.filter((target) => !SHARED_LEAVES.includes(target)), [], leaf);
  });

  it('no import cycle exists among src/ or among the views', () => {
    assert.deepEqual(importCycles(graph, inSrc).map((cycle) => cycle.join(' → ')), []);
    assert.deepEqual(importCycles(graph).map((cycle) => cycle.join(' → ')), []);
  });

  it('src/ reaches the views only where the CLI starts the explorer', () => {
    const upward = [...graph]
      .filter(([file]) => inSrc(file))
      .flatMap(([file, targets]) => targets.filter((target) => target.startsWith('components/')).map((target) => `${file} → ${target}`));
    assert.deepEqual(upward, ['src/cli.ts → components/run-explorer.tsx']);
  });
});
