// `stowage --help` is the reference a user reads in a terminal: every flag the parser takes is
// on its own line there, and it fits 80 columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HELP, parseCli } from '../../src/args.js';
import { FLAGS } from '../../src/commands/flags.js';
import { UsageError } from '../../src/errors.js';
import { PRUNE_KINDS } from '../../src/model/prune-plan.js';

const optionLines = HELP.split('\n').filter((line) => /^ {2}-/.test(line));

test('every flag the parser accepts has a line of help, and every help line is a flag it accepts', () => {
  for (const [name, option] of Object.entries(FLAGS)) {
    const short = 'short' in option ? `-${option.short}, ` : '';
    assert.ok(optionLines.some((line) => line.startsWith(`  ${short}--${name}`)), `--${name} in --help`);
  }
  for (const line of optionLines) {
    const long = /--([a-z-]+)/.exec(line)?.[1] ?? '';
    assert.ok(long in FLAGS, `${line.trim()} is parsed`);
  }
});

test('help names every prune kind and fits an 80-column terminal', () => {
  for (const kind of PRUNE_KINDS) assert.ok(HELP.includes(kind), kind);
  for (const line of HELP.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
});

test('an unknown flag is refused with the way to the help', () => {
  assert.throws(() => parseCli(['--colour']), (error: unknown) => error instanceof UsageError && /unknown option '--colour'.*stowage --help/i.test(error.message));
});
