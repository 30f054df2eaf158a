// A host whose names attack the operator's terminal: one of each class of control sequence or
// character, in every place outside text reaches the screen (file names in a volume, bind sources
// and targets, tmpfs targets, labels), and paths that a pasted fix command would split or run.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { displayable, displayableBytes } from '../../src/text/displayable.js';
import { docker } from './docker-cli.js';
import type { RunningEngine } from './engines.js';
import { BUSYBOX, importFixtureImages } from './situations.js';

/** One of each class, as text (valid UTF-8, so it can be an argument, a label, a path). */
export const HOSTILE_TEXT: Record<string, string> = {
  osc52: '\x1b]52;c;cHduZWQ=\x07',
  osc0: '\x1b]0;owned title\x07',
  osc8: '\x1b]8;;http:evil.example\x1b\\link\x1b]8;;\x1b\\',
  dcs: '\x1bP+q544e\x1b\\',
  apc: '\x1b_apc\x1b\\',
  c1: '\u009b31mred',
  bel: 'bell\x07',
  cr: 'over\rwrite',
  backspace: 'back\bspace',
  bidi: 'evil\u202etxt.sh',
  newline: 'new\nline',
  clear: '\x1b[2J',
};

/** Names that only bytes can hold: not UTF-8. */
export const HOSTILE_BYTES: Record<string, Buffer> = {
  raw9b: Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x38, 0x62, 0x69, 0x74]),
  ff: Buffer.from([0x62, 0x61, 0x64, 0xff]),
  c328: Buffer.from([0x62, 0x61, 0x64, 0xc3, 0x28]),
};

/** Every file name in the hostile volume, as bytes. */
export const HOSTILE_FILE_NAMES: Buffer[] = [...Object.values(HOSTILE_TEXT).map((text) => Buffer.from(text)), ...Object.values(HOSTILE_BYTES)];
/** A directory whose name is not UTF-8, holding one file of DIR_FILE_BYTES. */
export const INVALID_DIR = Buffer.from([0x64, 0x69, 0x72, 0xff, 0xfe]);
export const DIR_FILE_BYTES = 5000;
/** A directory named with an OSC 52 sequence, holding one file. */
export const OSC_DIR = Buffer.from(`d${HOSTILE_TEXT.osc52}`);

/** How a name of bytes is shown (the tests compare screens with it). */
export const shownBytes = (bytes: Buffer) => displayableBytes(bytes);
export const shownText = (text: string) => displayable(text);

/** A field of --mount's CSV, quoted: names may hold commas, colons, quotes and newlines. */
const csv = (field: string) => `"${field.replaceAll('"', '""')}"`;
const octal = (bytes: Buffer) => [...bytes].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
/** A shell word for busybox sh that stands for `bytes` exactly: printf writes them. */
const bytesWord = (bytes: Buffer) => `"$(printf '${octal(bytes)}')"`;

/** The script that fills a volume mounted at /d with the hostile names. */
export function fillScript(): string {
  return [
    ...HOSTILE_FILE_NAMES.map((name, index) => `printf '%0${100 + index}d' 0 > /d/${bytesWord(name)}`),
    `mkdir /d/${bytesWord(INVALID_DIR)}`,
    `dd if=/dev/zero of=/d/${bytesWord(INVALID_DIR)}/inside bs=${DIR_FILE_BYTES} count=1 2>/dev/null`,
    `mkdir /d/${bytesWord(OSC_DIR)}`,
    `printf hello > /d/${bytesWord(OSC_DIR)}/${bytesWord(Buffer.from(HOSTILE_TEXT.newline ?? ''))}`,
  ].join(' && ');
}

export interface HostileWorld {
  hostDir: string;
  /** Bind sources the container's user cannot write: each gives a fix with the path in it. */
  unwritableSources: string[];
  volume: string;
  /** A file the `$(...)` in a path would create if a fix ran it. */
  pwned: string;
}

/**
 * The hostile host: a volume of hostile file names with hostile compose labels; a container
 * with hostile bind sources and targets, tmpfs targets and a compose project label; a container
 * whose user cannot write to bind sources named to split or run a pasted command.
 */
export async function createHostileWorld(engine: RunningEngine): Promise<HostileWorld> {
  await importFixtureImages(engine);
  const hostDir = join(engine.dir, 'hostile');
  const pwned = join(engine.dir, 'pwned');
  const names = Object.values(HOSTILE_TEXT);
  const volume = 'hostile';
  await docker(engine, 'volume', 'create',
    '--label', `com.docker.compose.project=proj${HOSTILE_TEXT.osc0}${HOSTILE_TEXT.newline}`,
    '--label', `com.docker.compose.volume=vol${HOSTILE_TEXT.clear}: x`,
    '--label', `note=${HOSTILE_TEXT.osc52}${HOSTILE_TEXT.bidi}`,
    volume);
  await docker(engine, 'run', '--rm', '--network', 'none', '-v', `${volume}:/d`, BUSYBOX, 'sh', '-c', fillScript());

  const binds = names.flatMap((name, index) => {
    const source = join(hostDir, `b${index}-${name}`);
    mkdirSync(source, { recursive: true });
    return ['--mount', `type=bind,${csv(`source=${source}`)},${csv(`target=/t${index}-${name}`)}`];
  });
  const tmpfs = names.flatMap((name, index) => ['--mount', `type=tmpfs,${csv(`destination=/tmpfs${index}-${name}`)}`]);
  await docker(engine, 'run', '-d', '--network', 'none', '--name', 'hostile-mounts', '--memory', '64m',
    '--label', `com.docker.compose.project=p${HOSTILE_TEXT.osc8}`,
    '-v', `${volume}:/data`, ...binds, ...tmpfs,
    // A source that does not exist: the engine makes it, and the finding's fix names it.
    '-v', `${join(hostDir, `missing${HOSTILE_TEXT.clear}`, 'up')}:/up${HOSTILE_TEXT.osc0}`,
    BUSYBOX);

  const unwritableSources = [
    join(hostDir, 'srv/data /etc'),
    join(hostDir, `srv/$(touch ${pwned})`),
    join(hostDir, `srv/ctl${HOSTILE_TEXT.osc52}${HOSTILE_TEXT.newline}'q`),
  ];
  for (const source of unwritableSources) mkdirSync(source, { recursive: true, mode: 0o755 });
  await docker(engine, 'run', '-d', '--network', 'none', '--name', 'hostile-user', '--user', 'app',
    ...unwritableSources.flatMap((source, index) => ['-v', `${source}:/w${index}`]), BUSYBOX);
  return { hostDir, unwritableSources, volume, pwned };
}
