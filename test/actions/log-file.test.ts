// Emptying a log takes exactly the file that was sized and shown, under the engine's containers
// folder and reached without a link, or nothing: on a real file tree laid out like an engine's
// root, with a victim file each attack points at, whose bytes must stay whole.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { emptyLogFile, LogFileRefusal, placeRefusal, readLogFile } from '../../src/actions/log-file.js';
import { scratchDir } from '../support/scratch.js';

const ID = 'c0ffee'.repeat(10) + 'abcd';
const LOG = 'x'.repeat(116_000);
const PRECIOUS = 'the only copy of something that matters\n';

describe('the log file a truncation may empty', () => {
  const top = scratchDir('stw-logfile-');
  const containers = join(top, 'root', 'containers');
  const folder = join(containers, ID);
  const log = join(folder, `${ID}-json.log`);
  const victim = join(top, 'victim');
  after(() => rmSync(top, { recursive: true, force: true }));
  beforeEach(() => {
    rmSync(join(top, 'root'), { recursive: true, force: true });
    rmSync(join(top, 'elsewhere'), { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(log, LOG);
    writeFileSync(victim, PRECIOUS);
  });
  const refusedWith = (pattern: RegExp) => (error: unknown) => error instanceof LogFileRefusal && pattern.test(error.message);

  it('empties the log that was sized, and says how many bytes it held', async () => {
    const shown = await readLogFile(log);
    assert.equal(shown.sizeBytes, LOG.length);
    assert.equal(shown.inode, BigInt(statSync(log).ino));
    assert.equal(await emptyLogFile(log, shown), LOG.length);
    assert.equal(statSync(log).size, 0);
  });

  it('refuses a container folder replaced by a link, even to a file that looks like the log', async () => {
    mkdirSync(join(top, 'elsewhere'));
    renameSync(folder, join(top, 'elsewhere', ID));
    writeFileSync(join(top, 'elsewhere', ID, `${ID}-json.log`), PRECIOUS);
    symlinkSync(join(top, 'elsewhere', ID), folder);
    await assert.rejects(readLogFile(log), refusedWith(new RegExp(`^${folder} is a symbolic link$`)));
    assert.equal(readFileSync(join(top, 'elsewhere', ID, `${ID}-json.log`), 'utf8'), PRECIOUS);
  });

  it('refuses a link anywhere above, not only at the last step', async () => {
    symlinkSync(join(top, 'root'), join(top, 'linked-root'));
    await assert.rejects(readLogFile(join(top, 'linked-root', 'containers', ID, `${ID}-json.log`)), refusedWith(/linked-root is a symbolic link$/));
  });

  it('refuses a log hard-linked to another file, and leaves that file whole', async () => {
    rmSync(log);
    linkSync(victim, log);
    await assert.rejects(readLogFile(log), refusedWith(/has 2 names \(hard links\): another file shares its bytes$/));
    assert.equal(readFileSync(victim, 'utf8'), PRECIOUS);
  });

  it('refuses a log that is a link itself, or a FIFO, without opening it for real', async () => {
    rmSync(log);
    symlinkSync(victim, log);
    await assert.rejects(readLogFile(log), refusedWith(/ is a symbolic link$/));
    rmSync(log);
    execFileSync('mkfifo', [log]);
    await assert.rejects(readLogFile(log), refusedWith(/ is not a regular file$/));
    assert.equal(readFileSync(victim, 'utf8'), PRECIOUS);
  });

  it('refuses a file put in the log\'s place after it was shown', async () => {
    const shown = await readLogFile(log);
    writeFileSync(join(folder, 'new'), PRECIOUS);
    renameSync(join(folder, 'new'), log);
    await assert.rejects(emptyLogFile(log, shown), refusedWith(/ is not the file that was shown: it was replaced since$/));
    assert.equal(readFileSync(log, 'utf8'), PRECIOUS);
  });

  it("takes only a path inside the engine's own folder of that container", () => {
    assert.equal(placeRefusal(log, containers, ID), null);
    assert.match(placeRefusal(victim, containers, ID) ?? '', /^its log path \S+victim is outside the engine's own folder for it \(\S+\/containers\/c0ffee\S+\/\)$/);
    assert.match(placeRefusal(join(containers, 'b'.repeat(64), 'b-json.log'), containers, ID) ?? '', /outside the engine's own folder/);
    assert.match(placeRefusal(`${folder}/../../../victim`, containers, ID) ?? '', /is not a plain absolute path$/);
    assert.match(placeRefusal(`${folder}//x.log`, containers, ID) ?? '', /is not a plain absolute path$/);
    assert.match(placeRefusal(folder, containers, ID) ?? '', /outside the engine's own folder/);
    assert.match(placeRefusal(log, `${containers}/../containers`, ID) ?? '', /containers folder .* is not a plain absolute path$/);
  });
});
