import { request } from 'node:http';
import type { RunningEngine } from './engines.js';

/** A plain GET on the engine's socket, independent of stowage's own client: the reference answer. */
export function engineGet<T>(engine: RunningEngine, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: engine.socketPath, path, timeout: 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}
