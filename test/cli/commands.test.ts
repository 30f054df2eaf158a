// The command table is what --help says and what the parser takes: each command's flags are the
// ones it accepts, any other is refused with the commands that do take it, and help lists them all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HELP, parseCli } from '../../src/args.js';
import { COMMANDS } from '../../src/commands/commands.js';
import { EVERY_COMMAND_FLAGS, type FlagName, FLAGS } from '../../src/commands/flags.js';
import { UsageError } from '../../src/errors.js';

/** A value each flag takes, so that only whether the command takes it decides. */
const SAMPLE: Partial<Record<FlagName, string>> = {
  host: 'unix:///a.sock', context: 'a', timeout: '3', interval: '1', snapshot: 'saved.json', 'fail-on': 'warning', kinds: 'build-cache',
  'confirm-named': 'x', volume: 'v', output: '/tmp', level: '9', 'confirm-non-empty': 'v',
};
/** What each command needs besides the flag tried. */
const NEEDS: Record<string, string[]> = { backup: ['--volume', 'v'], restore: ['data.tar.gz', '--volume', 'v'] };

const argv = (command: string, flag: FlagName) => [command, ...(NEEDS[command] ?? []), `--${flag}`, ...(SAMPLE[flag] === undefined ? [] : [SAMPLE[flag]])];
const usage = HELP.slice(HELP.indexOf('Usage:'), HELP.indexOf('Options:'));
const optionLines = HELP.split('\n').filter((line) => /^ {2}-/.test(line));
const takers = (flag: FlagName) => COMMANDS.filter((command) => (command.flags as readonly FlagName[]).includes(flag));
const refusalOf = (args: string[]) => {
  try {
    parseCli(args);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  return null;
};

describe('the command table and --help', () => {
  it('lists every command under Usage with what it does, and every flag it takes under Options', () => {
    for (const command of COMMANDS) {
      const line = usage.split('\n').find((one) => one.startsWith(`  ${command.usage} `));
      assert.match(line ?? '', / {2}\S/, `${command.usage} under Usage`);
      assert.ok(line?.endsWith(`  ${command.summary}`), `${command.name}: ${line}`);
      for (const flag of command.flags) assert.ok(optionLines.some((line) => line.includes(`--${flag}`)), `${command.name}: --${flag} in --help`);
    }
  });

  it('a flag whose help names its commands ("prune: ...") is taken by each of them', () => {
    const isCommand = (word: string) => COMMANDS.some((command) => command.name === word);
    let prefixed = 0;
    for (const [flag, { help }] of Object.entries(FLAGS) as [FlagName, { help: readonly string[] }][]) {
      // "engine: unix://..." is a description, not a command's name.
      const named = (/^([a-z]+(?:, [a-z]+)*):/.exec(help[0] ?? '')?.[1]?.split(', ') ?? []).filter(isCommand);
      if (named.length) prefixed++;
      for (const name of named) assert.ok(takers(flag).some((command) => command.name === name), `--${flag} is taken by ${name}`);
    }
    assert.ok(prefixed >= 10, `${prefixed} flags name their commands`);
  });
});

describe('a command takes its flags and refuses the rest', () => {
  it('accepts each flag it lists, and --help and --version', () => {
    for (const command of COMMANDS) {
      for (const flag of [...command.flags, ...EVERY_COMMAND_FLAGS]) assert.equal(refusalOf(argv(command.name, flag)), null, `${command.name} --${flag}`);
    }
  });

  it('refuses every other flag, naming the commands that take it, or its own reason', () => {
    for (const command of COMMANDS) {
      for (const flag of Object.keys(FLAGS) as FlagName[]) {
        if ((command.flags as readonly FlagName[]).includes(flag) || (EVERY_COMMAND_FLAGS as readonly FlagName[]).includes(flag)) continue;
        const message = refusalOf(argv(command.name, flag));
        const own = command.refuses?.[flag];
        if (own) assert.equal(message, own);
        else {
          assert.match(message ?? '', new RegExp(`^--${flag} goes with `), `${command.name} --${flag}`);
          for (const taker of takers(flag)) assert.ok(message?.includes(taker.name === 'explore' ? 'the explorer' : `\`stowage ${taker.name}\``), `${message} names ${taker.name}`);
        }
      }
    }
  });

  it('says the refusals stowage said before in the same words', () => {
    assert.equal(refusalOf(['--fail-on', 'warning']), '--fail-on goes with `stowage check`');
    assert.equal(refusalOf(['prune', '--interval', '1']), '--interval goes with `stowage watch`');
    assert.equal(refusalOf(['--all-contexts']), '--all-contexts goes with `stowage check`; the explorer lists every host on its Hosts view (key 0)');
    assert.equal(refusalOf(['prune', '--read-only']), '--read-only: stowage prune would change the host; it is refused');
    assert.equal(refusalOf(['backup', '--volume', 'v', '--demo']), 'stowage backup acts on a live engine; --demo and --snapshot are read-only');
    assert.equal(refusalOf(['watch', '--snapshot', 'saved.json']), 'stowage watch samples a live engine; --demo and --snapshot hold saved data');
  });

  it('refuses a flag that did nothing for its command instead of ignoring it', () => {
    assert.equal(refusalOf(['check', '--kinds', 'build-cache']), '--kinds goes with `stowage prune`');
    assert.equal(refusalOf(['prune', '--json']), '--json goes with the explorer, `stowage check` and `stowage watch`');
    assert.equal(refusalOf(['watch', '--output', '/tmp']), '--output goes with the explorer, `stowage backup` and `stowage restore`');
  });

  it('gives each command its own options, and --help before what the command would need', () => {
    for (const command of COMMANDS) assert.equal((parseCli([command.name, ...(NEEDS[command.name] ?? [])]) as { command: string }).command, command.name);
    assert.deepEqual(parseCli(['restore', '--help']), { command: 'help' });
    assert.deepEqual(parseCli(['backup', '-v']), { command: 'version' });
  });
});
