// `--json` is written in pieces; what arrives must be exactly JSON.stringify(snapshot, null, 2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Writable } from 'node:stream';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { writeJson } from '../../src/report/json-output.js';

async function written(value: unknown, highWaterMark = 16 * 1024): Promise<string> {
  const chunks: string[] = [];
  // A slow reader: every write waits a turn, so the writer has to wait for 'drain'.
  const out = new Writable({ highWaterMark, write: (chunk, _encoding, done) => void setImmediate(() => { chunks.push(String(chunk)); done(); }) });
  await writeJson(out, value);
  await new Promise((resolve) => out.end(resolve));
  return chunks.join('');
}

test('a snapshot is written as JSON.stringify(snapshot, null, 2) and a newline', async () => {
  const snapshot = loadDemoSnapshot();
  const many = { ...snapshot, containers: Array.from({ length: 400 }, (_, index) => ({ ...snapshot.containers[index % snapshot.containers.length]!, id: String(index) })) };
  for (const value of [snapshot, many, snapshot.findings]) assert.equal(await written(value), `${JSON.stringify(value, null, 2)}\n`);
});

test('empty lists and objects, undefined fields and list holes come out as JSON.stringify has them', async () => {
  const value = { a: [], b: {}, c: undefined, d: [1, undefined, { e: null }], f: 'x\ny', g: [[]] };
  assert.equal(await written(value), `${JSON.stringify(value, null, 2)}\n`);
  assert.equal(await written({}), '{}\n');
  assert.equal(await written([]), '[]\n');
});
