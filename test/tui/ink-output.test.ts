// The bundle's Output must give Ink's frames byte for byte: both are fed the same writes, clips
// and successive frames, with styles, wide characters and lines cut at the edges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Output from '../../src/tui/ink-output.js';

type Transformer = (line: string, index: number) => string;
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (size: { width: number; height: number }) => OutputLike;

const inkOutputFile = new URL('../../../node_modules/ink/build/output.js', import.meta.url);
const { default: InkOutput } = (await import(inkOutputFile.href)) as { default: OutputClass };

const STYLES = ['\x1b[1m', '\x1b[2m', '\x1b[7m', '\x1b[31m', '\x1b[90m', '\x1b[38;5;208m', '\x1b[38;2;10;20;30m', '\x1b[44m', '\x1b[1;33m', '\x1b[22m', '\x1b[39m', '\x1b[0m'];
const WORDS = ['web-1', 'postgres', '3.1 MB', '│', '─', '▸', '…', '漢字', '✔', '🙂', 'é', ' ', '  ', 'Writable layer', '/var/lib/docker'];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

function styledLine(next: (below: number) => number): string {
  let line = '';
  for (let part = next(8); part >= 0; part--) {
    if (next(3) === 0) line += STYLES[next(STYLES.length)];
    line += WORDS[next(WORDS.length)];
  }
  return next(2) ? `${line}\x1b[0m` : line;
}

type Step = { write: [number, number, string, Transformer[]] } | { clip: { x1?: number; x2?: number; y1?: number; y2?: number } } | { unclip: true };

function frame(next: (below: number) => number, width: number, height: number): Step[] {
  const steps: Step[] = [];
  let clips = 0;
  for (let count = 12 + next(30); count > 0; count--) {
    const kind = next(10);
    if (kind === 0) {
      steps.push({ clip: next(2) ? { x1: next(width), x2: next(width) + 5, y1: next(height), y2: next(height) + 3 } : { x1: next(10), x2: width - next(10) } });
      clips++;
    } else if (kind === 1 && clips > 0) {
      steps.push({ unclip: true });
      clips--;
    } else {
      const lines = Array.from({ length: 1 + next(3) }, () => styledLine(next)).join('\n');
      const transformers: Transformer[] = next(4) === 0 ? [(line) => `\x1b[32m${line}\x1b[39m`] : [];
      steps.push({ write: [next(width + 4) - 2, next(height + 2) - 1, lines, transformers] });
    }
  }
  return steps;
}

function render(Class: OutputClass, width: number, height: number, steps: Step[]): string {
  const output = new Class({ width, height });
  for (const step of steps) {
    if ('write' in step) output.write(step.write[0], step.write[1], step.write[2], { transformers: step.write[3] });
    else if ('clip' in step) output.clip(step.clip);
    else output.unclip();
  }
  return output.get().output;
}

test('gives the same frame as Ink for styled text, wide characters, clips and writes past the edges', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const width = 10 + next(60);
    const height = 3 + next(15);
    const steps = frame(next, width, height);
    assert.equal(render(Output, width, height, steps), render(InkOutput, width, height, steps), `seed ${seed}`);
  }
});

test('a frame drawn again after a small change still matches Ink, row for row', () => {
  const next = random(7);
  const steps = frame(next, 80, 20);
  for (let move = 0; move < 20; move++) {
    // As a selection move does: most writes stay, one line changes.
    const changed = steps.map((step, index) => ('write' in step && index === move % steps.length ? { write: [step.write[0], step.write[1], styledLine(next), step.write[3]] as [number, number, string, Transformer[]] } : step));
    assert.equal(render(Output, 80, 20, changed), render(InkOutput, 80, 20, changed), `move ${move}`);
  }
});
