// Large answers are slimmed as they stream: the result must be slim(JSON.parse(body), shape)
// whatever the chunks' boundaries, and nothing when the body is not JSON.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CONTAINER_SUMMARY_SHAPE, DISK_USAGE_SHAPE, VOLUME_SHAPE } from '../../src/engine/raw.js';
import { slim, type Shape } from '../../src/engine/slim.js';
import { readSlimJson, slimJsonText } from '../../src/engine/slim-stream.js';

const container = (index: number) => ({
  Id: `${index}`.padStart(64, 'c'),
  Names: [`/web-${index}`],
  Image: 'fixture/busybox:1',
  Command: 'sh -c "echo [ { , } ] \\" \\\\"',
  State: index % 2 ? 'running' : 'exited',
  SizeRw: index * 10,
  Labels: { 'com.example.ü': 'é — 😀 [x]', '{"a":1}': '\\' },
  Mounts: [{ Type: 'volume', Name: `v${index}`, Destination: '/data', RW: true }],
  NetworkSettings: { Networks: { none: { IPAddress: '' } } },
});
const volume = (index: number) => ({
  Name: `v${index}`, Driver: 'local', Mountpoint: `/var/lib/docker/volumes/v${index}/_data`, CreatedAt: '2026-01-01T00:00:00Z',
  Labels: null, Scope: 'local', Options: null, UsageData: { Size: index, RefCount: 1 }, Status: { x: [1, 2, [3]] },
});
const df = {
  LayersSize: 1234,
  Images: [{ Id: 'sha256:1', Created: 1, RepoTags: ['a:1'], Size: 5, SharedSize: -1, VirtualSize: 5, Containers: 2, Labels: {} }],
  Containers: Array.from({ length: 40 }, (_, index) => container(index)),
  Volumes: Array.from({ length: 40 }, (_, index) => volume(index)),
  BuildCache: [{ ID: 'b', Size: 1, InUse: false, Parents: ['x', 'y'] }],
  Unknown: [{ big: 'x'.repeat(1000) }],
  ImageUsage: { ActiveCount: 1, Items: [1, 2] },
};

const cases: [string, string, Shape][] = [
  ['a container list', JSON.stringify(df.Containers), CONTAINER_SUMMARY_SHAPE],
  ['an indented container list', JSON.stringify(df.Containers, null, 2), CONTAINER_SUMMARY_SHAPE],
  ['a volume list in its object', JSON.stringify({ Volumes: df.Volumes, Warnings: ['w [ ,'] }), { Volumes: VOLUME_SHAPE }],
  ['system df', JSON.stringify(df), DISK_USAGE_SHAPE],
  ['an indented system df', JSON.stringify(df, null, 3), DISK_USAGE_SHAPE],
  ['empty lists and nulls', '{ "Images" : [ ], "Containers":null, "Volumes":[],"LayersSize":0 }', DISK_USAGE_SHAPE],
  ['an empty list', ' [ ] ', CONTAINER_SUMMARY_SHAPE],
  ['a list of scalars and lists', '[1, "a,]", null, [2, [3]], {"Id": "x"}]', CONTAINER_SUMMARY_SHAPE],
  ['a repeated member', '{"Volumes":[{"Name":"a"}],"Volumes":[{"Name":"b"}]}', { Volumes: VOLUME_SHAPE }],
  ['a scalar', '"just text"', CONTAINER_SUMMARY_SHAPE],
  ['null', 'null', DISK_USAGE_SHAPE],
];

describe('slimming an answer as it streams', () => {
  for (const [what, text, shape] of cases) {
    it(`gives slim(JSON.parse(body)) for ${what}, however it is cut`, () => {
      const expected = slim(JSON.parse(text), shape);
      for (const chunkBytes of [1, 2, 3, 7, 64, 1000, 1 << 20]) {
        assert.deepEqual(slimJsonText(text, shape, chunkBytes), expected, `chunks of ${chunkBytes} bytes`);
      }
    });
  }

  it('keeps the fields in the order slim() gives them', () => {
    const text = JSON.stringify(df);
    assert.equal(JSON.stringify(slimJsonText(text, DISK_USAGE_SHAPE, 5)), JSON.stringify(slim(JSON.parse(text), DISK_USAGE_SHAPE)));
  });

  for (const text of ['', '   ', '<html>', '[1,]', '[,1]', '[1 2]', '{"Volumes":[{]}', '{"Containers":[{"Id":"a"}]', '[{"Id":"a"}]]', '{"a":1} x', '"open']) {
    it(`gives nothing for ${JSON.stringify(text)}, which is not JSON`, () => {
      for (const chunkBytes of [1, 4, 1000]) assert.equal(slimJsonText(text, DISK_USAGE_SHAPE, chunkBytes), undefined);
    });
  }

  it('reads a stream', async () => {
    const text = JSON.stringify(df);
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 333) }, (_, index) => bytes.subarray(index * 333, (index + 1) * 333));
    assert.deepEqual(await readSlimJson(Readable.from(chunks), DISK_USAGE_SHAPE), slim(JSON.parse(text), DISK_USAGE_SHAPE));
    assert.equal(await readSlimJson(Readable.from([Buffer.from('{"a":')]), DISK_USAGE_SHAPE), undefined);
    // Past a megabyte it is read as it streams.
    const large = JSON.stringify({ ...df, Containers: Array.from({ length: 3000 }, (_, index) => container(index)) });
    const largeBytes = Buffer.from(large);
    const largeChunks = Array.from({ length: Math.ceil(largeBytes.length / 65536) }, (_, index) => largeBytes.subarray(index * 65536, (index + 1) * 65536));
    assert.ok(largeBytes.length > 1 << 20);
    assert.deepEqual(await readSlimJson(Readable.from(largeChunks), DISK_USAGE_SHAPE), slim(JSON.parse(large), DISK_USAGE_SHAPE));
    assert.equal(await readSlimJson(Readable.from([...largeChunks, Buffer.from(']')]), DISK_USAGE_SHAPE), undefined);
  });
});
