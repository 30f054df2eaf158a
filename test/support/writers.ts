// Containers that write at known rates, for the growth tests and the benchmark's checks by hand.
import { docker } from './docker-cli.js';
import type { RunningEngine } from './engines.js';
import { BUSYBOX } from './situations.js';

/** 64 KiB of x and a newline a second, into the json-file log (which wraps each 16 KiB in JSON). */
export const LOG_WRITER = ['sh', '-c', 'while :; do head -c 65536 /dev/zero | tr "\\0" x; echo; sleep 1; done'];
/** 256 KiB a second into new files of the writable layer. */
export const LAYER_WRITER = ['sh', '-c', 'i=0; while :; do dd if=/dev/zero of=/grow-$i bs=1024 count=256 2>/dev/null; i=$((i+1)); sleep 1; done'];
/** Starts the three containers: `log-writer`, `layer-writer` and `idle`. */
export async function startWriters(engine: RunningEngine): Promise<void> {
  await docker(engine, 'run', '-d', '--name', 'log-writer', '--network', 'none', BUSYBOX, ...LOG_WRITER);
  await docker(engine, 'run', '-d', '--name', 'layer-writer', '--network', 'none', '--log-driver', 'none', BUSYBOX, ...LAYER_WRITER);
  await docker(engine, 'run', '-d', '--name', 'idle', '--network', 'none', BUSYBOX, 'sleep', '100000');
}

