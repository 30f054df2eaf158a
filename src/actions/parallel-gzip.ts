// gzip on every core, off the main thread: the stream is cut into blocks, each compressed by a
// worker into its own gzip member, and the members are written in order. Concatenated members are
// one valid .gz file (RFC 1952), which gunzip, tar and Docker read as one stream.
import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { Worker } from 'node:worker_threads';

const BLOCK_BYTES = 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { gzipSync } = require('node:zlib');
parentPort.on('message', ({ sequence, block }) => {
  const member = gzipSync(block, { level: workerData.level });
  parentPort.postMessage({ sequence, member }, [member.buffer]);
});
`;

interface Done {
  sequence: number;
  member: Uint8Array;
}

/** A Transform from bytes to gzip, compressing blocks in parallel in worker threads. */
export function parallelGzip(level: number, workers = Math.max(1, availableParallelism())): Transform {
  const pool = Array.from({ length: workers }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { level } }));
  const finished = new Map<number, Uint8Array>();
  let pending: Buffer = Buffer.alloc(0);
  let nextToSend = 0;
  let nextToWrite = 0;
  let round = 0;
  let waitingCallback: (() => void) | null = null;
  let flushCallback: TransformCallback | null = null;
  let failed: Error | null = null;

  const inFlight = () => nextToSend - nextToWrite - finished.size;
  const stop = () => Promise.all(pool.map((worker) => worker.terminate())).catch(() => undefined);

  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (failed) return callback(failed);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= BLOCK_BYTES) {
        send(pending.subarray(0, BLOCK_BYTES));
        pending = pending.subarray(BLOCK_BYTES);
      }
      // Hold the input while every worker has two blocks queued.
      if (inFlight() >= workers * 2) waitingCallback = callback;
      else callback();
    },
    flush(callback) {
      if (pending.length) send(pending);
      pending = Buffer.alloc(0);
      flushCallback = callback;
      drain();
    },
    destroy(error, callback) {
      void stop();
      callback(error);
    },
  });

  function send(block: Buffer) {
    const copy = Buffer.from(block);
    const worker = pool[round++ % pool.length] as Worker;
    worker.postMessage({ sequence: nextToSend++, block: copy }, [copy.buffer]);
  }

  function drain() {
    while (finished.has(nextToWrite)) {
      const member = finished.get(nextToWrite) as Uint8Array;
      transform.push(Buffer.from(member.buffer, member.byteOffset, member.byteLength));
      finished.delete(nextToWrite++);
    }
    if (waitingCallback && inFlight() < workers * 2) {
      const callback = waitingCallback;
      waitingCallback = null;
      callback();
    }
    if (flushCallback && nextToWrite === nextToSend) {
      const callback = flushCallback;
      flushCallback = null;
      void stop().then(() => callback());
    }
  }

  for (const worker of pool) {
    worker.on('message', ({ sequence, member }: Done) => {
      finished.set(sequence, member);
      drain();
    });
    worker.on('error', (error) => {
      failed = error;
      transform.destroy(error);
    });
  }
  return transform;
}
