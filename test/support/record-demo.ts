// Records demo.gif (`npm run demo:gif`): the built CLI in a real terminal (tmux), against a real
// hermetic Docker 26.1 engine holding the seed situations plus one busy web app. Each screen is
// read back with `capture-pane -e`, drawn with a console font (terminal-image.ts) and the frames
// are joined by ImageMagick. Needs tmux, ImageMagick and console-setup-linux's fonts;
// `npm run demo:gif -- --keep-frames` keeps the frames (PPM) and says where.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { docker } from './docker-cli.js';
import { PROJECT_ROOT, type RunningEngine, startEngine } from './engines.js';
import { CLI } from './run-cli.js';
import { BUSYBOX, createBindTraps, createSituations } from './situations.js';
import { type Cell, DARK_PALETTE, drawGrid, type Fonts, loadPsfFont, parseScreen, Picture, type Rgb } from './terminal-image.js';
import { TmuxTerminal } from './tmux.js';
import { waitFor } from './wait.js';
import { scratchDir } from './scratch.js';

const COLUMNS = 100;
const ROWS = 30;
const FONT = '/usr/share/consolefonts/Uni2-Terminus16.psf.gz';
const BOLD_FONT = '/usr/share/consolefonts/Uni2-TerminusBold16.psf.gz';
const OUTPUT = join(PROJECT_ROOT, 'demo.gif');
const MAX_BYTES = 2 * 1024 * 1024;
/** Margin around the terminal, in pixels. */
const MARGIN = 8;

/** Fails in one line when a tool the recording needs is missing. */
function requireTools(): void {
  let version = '';
  try {
    // /usr/local/bin/convert may be a stand-in that only converts PNGs: ask for the real one.
    version = execFileSync('convert', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    // Reported below.
  }
  const missing = [
    /^Version: ImageMagick/m.test(version) ? null : 'ImageMagick (apt-get install imagemagick)',
    existsSync(FONT) && existsSync(BOLD_FONT) ? null : `the console fonts ${FONT} (apt-get install console-setup-linux)`,
  ].filter(Boolean);
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
  } catch {
    missing.push('tmux (apt-get install tmux)');
  }
  if (!existsSync(CLI)) missing.push(`the built CLI ${CLI} (npm run build)`);
  if (missing.length) {
    console.error(`record-demo: needs ${missing.join(', ')}`);
    process.exit(1);
  }
}

/** What the bar under the terminal says: the key just pressed and what it does. */
interface Caption {
  key: string;
  text: string;
}

/** What shows that a key has done its work: a text on the screen, or a test of the screen. */
type Until = string | RegExp | ((screen: string) => boolean);

interface Frame {
  screen: string;
  caption: Caption;
  ms: number;
}

/** The frames of the recording, each a screen as tmux shows it and how long it stays. */
class Recording {
  readonly frames: Frame[] = [];
  private caption: Caption = { key: '', text: '' };

  constructor(private readonly terminal: TmuxTerminal) {}

  /** Adds the screen as it is now, shown for `ms`; the same screen again only lengthens the last frame. */
  shot(ms: number): string {
    const screen = this.terminal.screenWithEscapes();
    const last = this.frames.at(-1);
    if (last && last.screen === screen && last.caption === this.caption) last.ms += ms;
    else this.frames.push({ screen, caption: this.caption, ms });
    return screen;
  }

  /** Waits until the screen shows what `until` expects, then stays the same for a moment (Ink has drawn it all). */
  async settle(until: Until, timeoutMs = 20_000): Promise<void> {
    if (typeof until === 'function') await this.terminal.waitForScreen('the next screen', until, timeoutMs);
    else await this.terminal.waitForText(until, timeoutMs);
    let before = this.terminal.screenWithEscapes();
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      await delay(300);
      const now = this.terminal.screenWithEscapes();
      // A braille spinner means something is still being collected.
      if (now === before && !/[\u2800-\u28ff]/.test(now)) return;
      before = now;
    }
  }

  /** Presses a key, waits for what it brings up, and holds that screen with a caption. */
  async step(key: string, label: string, text: string, until: Until, holdMs: number): Promise<void> {
    this.caption = { key: label, text };
    this.terminal.press(key);
    await this.settle(until);
    this.shot(holdMs);
  }

  /** Records every change of the screen, at its real pace, until `until` shows; fails on `failure`. */
  async follow(until: string, failure: string, timeoutMs = 120_000): Promise<void> {
    let last = Date.now();
    for (const deadline = last + timeoutMs; Date.now() < deadline; ) {
      await delay(100);
      const now = Date.now();
      const screen = this.shot(now - last);
      last = now;
      if (screen.includes(failure)) throw new Error(`the app says "${failure}":\n${this.terminal.screen()}`);
      if (screen.includes(until)) return;
    }
    throw new Error(`timed out waiting for "${until}":\n${this.terminal.screen()}`);
  }

  setCaption(key: string, text: string): void {
    this.caption = { key, text };
  }
}

/**
 * The seed situations (findings included) and a web app that uses all four destinations: 6 MB
 * in its writable layer, a read-only bind mount, 100 MB of photos in a named volume (so the
 * backup's progress shows for a few seconds) and a tmpfs. It stops at once on SIGTERM.
 */
async function populate(engine: RunningEngine): Promise<void> {
  const situations = await createSituations(engine);
  await createBindTraps(engine, situations.hostDir);
  await docker(engine, 'volume', 'create', 'uploads');
  await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'uploads:/u', BUSYBOX, 'sh', '-c',
    'mkdir -p /u/photos && for i in $(seq 1 10); do dd if=/dev/urandom of=/u/photos/IMG_$i.jpg bs=1M count=10 2>/dev/null; done');
  await docker(engine, 'run', '-d', '--name', 'webapp', '--network', 'none', '--memory', '256m',
    '-v', 'uploads:/srv/uploads', '-v', `${join(situations.hostDir, 'site')}:/srv/www:ro`, '--tmpfs', '/tmp:size=64m',
    BUSYBOX, 'sh', '-c',
    'trap "exit 0" TERM; mkdir -p /var/cache/webapp && dd if=/dev/urandom of=/var/cache/webapp/thumbs.bin bs=1M count=6 2>/dev/null && echo > /tmp/ready; while :; do sleep 1; done');
  await waitFor('webapp to fill its writable layer', () => docker(engine, 'exec', 'webapp', 'cat', '/tmp/ready').then(() => true, () => false), 30_000);
}

/** The storyline: every view and action the README talks about, in about half a minute. */
async function record(recording: Recording, terminal: TmuxTerminal, engine: RunningEngine): Promise<void> {
  recording.setCaption('', 'DOCKER_HOST points at a real, throwaway Docker 26.1 engine');
  recording.shot(500);
  for (const char of 'stowage') {
    terminal.press(char);
    await terminal.waitForScreen(`"${char}" typed`, (screen) => screen.trimEnd().endsWith(char));
    recording.shot(90);
  }
  recording.shot(500);
  await recording.step('Enter', '⏎', 'containers, and where each one\'s bytes live', /webapp · .* on disk/, 2500);

  await recording.step('Tab', 'Tab', 'pane 1: the writable layer, lost on docker rm', '▸Writable layer', 1300);
  await recording.step('Tab', 'Tab', 'pane 2: bind mounts, files on the host', '▸Bind mounts', 1100);
  await recording.step('Tab', 'Tab', 'pane 3: volumes', '▸Volumes', 1100);
  await recording.step('Tab', 'Tab', 'pane 4: tmpfs, memory rather than disk', '▸tmpfs', 1100);
  await recording.step('Tab', 'Tab', 'back to the list', (screen) => !screen.includes('▸'), 300);
  await recording.step('j', 'j', 'a finding, noted where it applies', '── mysql-in-layer', 2000);

  await recording.step('4', '4', 'findings: storage mistakes, worst first', '[4 Findings', 1900);
  await recording.step('Enter', '⏎', 'why it matters, and the fix', /^Fix$/m, 3000);
  await recording.step('Escape', 'Esc', 'back', /^\s+SEVERITY/m, 400);

  await recording.step('2', '2', 'volumes: size, users, dangling ones', '[2 Volumes]', 1900);
  await recording.step('p', 'p', 'prune: a preview of exactly what would go', 'Exactly these, one by one:', 3000);
  await recording.step('Escape', 'Esc', 'cancelled: nothing deleted', /^\s+NAME\s+KIND/m, 500);

  await recording.step('b', 'b', 'back up the selected volume: its writer is running', '── Back up', 2100);
  await recording.step('s', 's', 'stop the writer for the backup, start it again after', 'They will be stopped', 1500);
  recording.setCaption('⏎', 'tar through the engine, gzip on every core, sha256');
  terminal.press('Enter');
  await recording.follow('Backup written and verified', 'Backup failed');
  await waitFor('webapp to run again', async () => (await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'webapp')) === 'true', 30_000);
  recording.setCaption('', 'read back and verified; webapp is running again');
  await recording.settle('Backup written and verified');
  recording.shot(2800);
  await recording.step('Enter', '⏎', 'stowage: see where a Docker host\'s bytes live', /^\s+NAME\s+KIND/m, 1200);
}

const CAPTION_BACKGROUND: Rgb = [44, 48, 58];
const KEY_COLOR: Rgb = DARK_PALETTE.ansi[6] ?? [86, 182, 194];

/** Draws one frame: the terminal, and the caption bar under it. */
function drawFrame(frame: Frame, fonts: Fonts): Picture {
  const { width, height } = fonts.regular;
  const captionTop = MARGIN * 2 + ROWS * height;
  const picture = new Picture(COLUMNS * width + MARGIN * 2, captionTop + height + MARGIN * 2, DARK_PALETTE.background);
  drawGrid(picture, parseScreen(frame.screen, COLUMNS, ROWS), fonts, MARGIN, MARGIN);
  picture.fill(0, captionTop - MARGIN / 2, picture.width, picture.height, CAPTION_BACKGROUND);
  const cells: Cell[] = [];
  const text = (chars: string, fg: Rgb, bg: Rgb, bold = false) => {
    for (const char of chars) cells.push({ char, fg, bg, bold, dim: false, underline: false, reverse: false });
  };
  if (frame.caption.key) {
    text(` ${frame.caption.key} `, CAPTION_BACKGROUND, KEY_COLOR, true);
    text('  ', DARK_PALETTE.foreground, CAPTION_BACKGROUND);
  }
  text(frame.caption.text, DARK_PALETTE.foreground, CAPTION_BACKGROUND);
  drawGrid(picture, [cells.slice(0, COLUMNS)], fonts, MARGIN, captionTop + MARGIN / 2);
  return picture;
}

/** Renders the frames to PPM files and joins them into the GIF. */
function writeGif(frames: Frame[], folder: string): void {
  const fonts: Fonts = { regular: loadPsfFont(FONT), bold: loadPsfFont(BOLD_FONT) };
  const args: string[] = ['-loop', '0'];
  frames.forEach((frame, index) => {
    const file = join(folder, `frame-${String(index).padStart(4, '0')}.ppm`);
    writeFileSync(file, drawFrame(frame, fonts).toPpm());
    // GIF delays are in hundredths of a second; most viewers treat under 2 as "as fast as possible".
    args.push('-delay', String(Math.max(2, Math.round(frame.ms / 10))), file);
  });
  execFileSync('convert', [...args, '+dither', '-layers', 'Optimize', OUTPUT], { stdio: 'inherit' });
}

async function main(): Promise<void> {
  requireTools();
  const started = Date.now();
  const keepFrames = process.argv.includes('--keep-frames');
  const work = scratchDir('stw-demo-');
  const backups = join(work, 'backups');
  const frames = join(work, 'frames');
  mkdirSync(backups);
  mkdirSync(frames);
  let engine: RunningEngine | undefined;
  let terminal: TmuxTerminal | undefined;
  let cleaning: Promise<void> | undefined;
  /** Kills the tmux server (and the app in it) and stops the engine; once, whatever happens. */
  const cleanUp = () =>
    (cleaning ??= (async () => {
      terminal?.kill();
      await engine?.stop();
      if (!keepFrames) rmSync(work, { recursive: true, force: true });
    })());
  // Ctrl-C would otherwise leave the engine running: it is detached from this process.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`record-demo: ${signal}, stopping the engine`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    engine = await startEngine('26.1');
    await populate(engine);
    terminal = new TmuxTerminal(COLUMNS, ROWS, { DOCKER_HOST: engine.host });
    terminal.run(`PS1='$ '; stowage() { node ${CLI} "$@"; }; cd ${backups}; clear`);
    await terminal.waitForScreen('a clear prompt', (screen) => screen.trim() === '$');
    const recording = new Recording(terminal);
    await record(recording, terminal, engine);
    writeGif(recording.frames, frames);
    const seconds = recording.frames.reduce((sum, frame) => sum + Math.max(20, Math.round(frame.ms / 10) * 10), 0) / 1000;
    const bytes = statSync(OUTPUT).size;
    console.log(`wrote demo.gif: ${recording.frames.length} frames, ${seconds.toFixed(1)} s, ${(bytes / 1024).toFixed(0)} KiB, recorded in ${Math.round((Date.now() - started) / 1000)} s`);
    if (keepFrames) console.log(`frames kept in ${frames}`);
    if (bytes > MAX_BYTES) throw new Error(`demo.gif is ${bytes} bytes, over the 2 MB it should stay under`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`record-demo: ${(error as Error).message}`);
  process.exitCode = 1;
});
