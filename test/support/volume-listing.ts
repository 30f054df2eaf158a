import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Path, type, size, mode, owner, link target and content digest of every entry of a folder (a
 * volume's mountpoint), the root included; names byte for byte (latin1), since they need not be UTF-8.
 */
export function listing(mountpoint: string, skip: (path: string) => boolean = () => false): string {
  const file = (path: string) => Buffer.concat([Buffer.from(`${mountpoint}/`), Buffer.from(path, 'latin1')]);
  return execFileSync('find', ['.', '-printf', '%P\t%y\t%s\t%m\t%U:%G\t%l\n'], { cwd: mountpoint, encoding: 'latin1' })
    .split('\n').filter((line) => line && !skip(line.split('\t')[0] ?? '')).sort()
    .map((line) => (line.split('\t')[1] === 'f' ? `${line}\t${createHash('sha256').update(readFileSync(file(line.split('\t')[0] ?? ''))).digest('hex').slice(0, 12)}` : line))
    .join('\n');
}
