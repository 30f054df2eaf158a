// The benchmarks, one table: each figure a median with min and max, next to its reference
// measured in the same run. `node bench/run.mjs [--runs N] [--only name,...]` after `npm run build`.
// `--against OTHER/dist/bundle/stowage.js` measures the explorer's first frame, bytes per move and
// key latency of this build against another build's, interleaved, the other build as the reference.
import { execFileSync, spawnSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSshd } from '../dist/test/support/sshd.js';
import { api, CLI, EXE, inTerminal, largeHost, stats, timeCommand } from './lib.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' }, against: { type: 'string' }, 'watch-seconds': { type: 'string', default: '60' } } });
const RUNS = Number(values.runs);
const only = values.only?.split(',');
const AGAINST = values.against;
/** The commands an explorer figure is measured for: this build, then the other one when given. */
const explorers = AGAINST ? [CLI, AGAINST] : [CLI];
/** Runs `measure` once for each explorer, `runs` times, the order turned each run: samples by explorer. */
async function interleaved(runs, measure) {
  const samples = explorers.map(() => []);
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? [...explorers.keys()].reverse() : [...explorers.keys()];
    for (const index of order) samples[index].push(...[await measure(explorers[index])].flat());
  }
  return samples.map(stats);
}
const rows = [];
const fmt = (value, unit) => (value === undefined ? '—' : unit === 's' ? `${value.toFixed(3)} s` : `${Math.round(value)} ${unit}`);
const cell = (s, unit) => (s ? `${fmt(s.median, unit)} (${fmt(s.min, unit)}–${fmt(s.max, unit)})` : '—');
function record(name, ours, reference, unit, target, met) {
  rows.push({ name, ours: cell(ours, unit), reference: reference ? cell(reference, unit) : 'not available here', ratio: reference ? (ours.median / reference.median).toFixed(2) : '—', target, met: met === null ? '—' : met ? 'yes' : 'NO' });
}

/** Waits until the terminal has had nothing new for 60 ms (at most 2 s): the move is drawn. */
async function quiet(session) {
  const deadline = Date.now() + 2000;
  let seen = -1;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 60));
    if (session.bytes === seen && seen !== -1) return;
    seen = session.bytes;
  }
}

/** Key-to-screen times while the explorer collects: each j press until its first byte arrives. */
async function keyLatencies(host, presses = 30, command = CLI) {
  const session = inTerminal(`${command} --host ${host}`);
  await session.waitFor((output) => /\[1 Containers\]/.test(output), 120_000);
  const samples = [];
  for (let press = 0; press < presses; press++) {
    const before = session.bytes;
    const started = process.hrtime.bigint();
    session.press(press % 2 ? 'k' : 'j');
    await session.waitFor(() => session.bytes > before, 10_000);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await session.stop();
  const sorted = [...samples].sort((a, b) => a - b);
  return { p95: sorted[Math.ceil(sorted.length * 0.95) - 1], median: sorted[Math.floor(sorted.length / 2)], samples };
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const dockerdPid = (engine) => Number(readFileSync(join(engine.dir, 'pid'), 'utf8'));

/** Peak RSS (MB), wall time and CPU seconds of `stowage --json` on a host, with dockerd's CPU seconds meanwhile. */
function jsonRun(host, engine, command = CLI) {
  const started = process.hrtime.bigint();
  const dockerdBefore = engine ? cpuSeconds(dockerdPid(engine)) : 0;
  const { stderr } = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, '--json', '--host', host], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const [rss, user, system] = stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return {
    seconds: Number(process.hrtime.bigint() - started) / 1e9, rssMb: rss / 1024,
    cpuSeconds: user + system, dockerdCpuSeconds: engine ? cpuSeconds(dockerdPid(engine)) - dockerdBefore : null,
  };
}

/**
 * What watching costs: `stowage watch --json --interval 2` runs for `seconds` after its first
 * line; CPU seconds per minute of it and of dockerd over that time, and the lines it printed.
 */
async function watchCost(engine, seconds) {
  const child = spawn(CLI, ['watch', '--json', '--interval', '2', '--host', engine.host], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  let firstLine;
  const first = new Promise((resolve) => (firstLine = resolve));
  child.stdout.on('data', (chunk) => {
    lines += chunk.toString().split('\n').length - 1;
    if (lines) firstLine();
  });
  await first;
  const linesBefore = lines;
  const before = { watch: cpuSeconds(child.pid), dockerd: cpuSeconds(dockerdPid(engine)) };
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const perMinute = (now, then) => ((now - then) * 60) / seconds;
  const cost = { watch: perMinute(cpuSeconds(child.pid), before.watch), dockerd: perMinute(cpuSeconds(dockerdPid(engine)), before.dockerd), lines: lines - linesBefore };
  child.kill('SIGINT');
  await new Promise((resolve) => child.on('exit', resolve));
  return cost;
}

const watchLine = (sizes, cost, collection) =>
  `${sizes.containers} containers, watching (interval 2 s) for ${values['watch-seconds']} s: stowage ${cost.watch.toFixed(2)} CPU s/min, dockerd ${cost.dockerd.toFixed(2)} CPU s/min, ${cost.lines} lines; one full collection (--json): stowage ${collection.cpuSeconds.toFixed(2)} CPU s, dockerd ${collection.dockerdCpuSeconds.toFixed(2)} CPU s, ${collection.seconds.toFixed(2)} s`;

if (only?.includes('watch') && !only.includes('scale')) {
  const sizes = { containers: 500, volumes: 1000, files: 50_000 };
  console.error(`building a host: ${sizes.containers} containers, ${sizes.volumes} volumes…`);
  const engine = await largeHost(sizes);
  try {
    const collection = jsonRun(engine.host, engine);
    console.log(watchLine(sizes, await watchCost(engine, Number(values['watch-seconds'])), collection));
  } finally {
    await engine.stop();
  }
  process.exit(0);
}

const SIZES = { containers: 500, volumes: 1000, files: 50_000 };
if (only?.includes('scale')) {
  // Its own, larger host: 10× the containers and volumes, against the standard host's figures.
  const rows10 = [];
  for (const sizes of [SIZES, { containers: 5000, volumes: 10_000, files: 50_000 }]) {
    console.error(`building a host: ${sizes.containers} containers, ${sizes.volumes} volumes…`);
    const host = await largeHost(sizes);
    try {
      const runs = [jsonRun(host.host, host), jsonRun(host.host, host), jsonRun(host.host, host)];
      // The single executable runs without the #! line's V8 flag: its peak counts too.
      const exeRuns = existsSync(EXE) ? [jsonRun(host.host, host, EXE), jsonRun(host.host, host, EXE), jsonRun(host.host, host, EXE)] : [];
      const latency = await keyLatencies(host.host);
      const watching = await watchCost(host, Number(values['watch-seconds']));
      rows10.push({ sizes, seconds: stats(runs.map((run) => run.seconds)), rss: Math.max(...runs.map((run) => run.rssMb)), exeRss: exeRuns.length ? Math.max(...exeRuns.map((run) => run.rssMb)) : null, latency, watching, collection: runs[1] });
    } finally {
      await host.stop();
    }
  }
  for (const row of rows10) {
    console.log(watchLine(row.sizes, row.watching, row.collection));
    console.log(`${row.sizes.containers} containers, ${row.sizes.volumes} volumes: --json ${row.seconds.median.toFixed(2)} s (${row.seconds.min.toFixed(2)}–${row.seconds.max.toFixed(2)}), peak RSS ${row.rss.toFixed(0)} MB (the executable: ${row.exeRss === null ? 'not built' : `${row.exeRss.toFixed(0)} MB`}), key to screen while collecting p95 ${row.latency.p95.toFixed(0)} ms (median ${row.latency.median.toFixed(0)} ms)`);
  }
  const [small, large] = rows10;
  console.log(`time ratio at 10× the size: ${(large.seconds.median / small.seconds.median).toFixed(1)}× (linear: 10×)`);
  process.exit(0);
}
console.error(`building a host: ${SIZES.containers} containers, ${SIZES.volumes} volumes, ${SIZES.files} files…`);
const engine = await largeHost(SIZES);
const dockerEnv = { ...process.env, DOCKER_HOST: engine.host };
const want = (name) => !only || only.includes(name);

try {
  if (want('first-frame')) {
    const [ours, reference] = await interleaved(RUNS, async (command) => {
      const started = process.hrtime.bigint();
      const session = inTerminal(`${command} --host ${engine.host}`);
      await session.waitFor((output) => output.includes('bench-0000'));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await session.stop();
      return seconds;
    });
    record('first frame listing the containers', ours, reference, 's', '< 0.3 s (lazydocker: 0.24–0.32 s)', ours.median < 0.3);
  }

  if (want('key-latency')) {
    // Key to first byte on screen while the explorer collects, 30 presses a run.
    const [ours, reference] = await interleaved(Math.min(RUNS, 3), async (command) => (await keyLatencies(engine.host, 30, command)).samples);
    record('key to screen while collecting (30 presses a run)', ours, reference, 'ms', '≤ 50 ms', ours.median <= 50);
  }

  if (want('first-frame-exe')) {
    // The single executable and the npm command, and lazydocker when it is on PATH, started in turn
    // (interleaved, so a busy moment costs each alike), each until its screen lists a container.
    if (!existsSync(EXE) || statSync(EXE).mtimeMs < statSync(CLI).mtimeMs) execFileSync(process.execPath, [new URL('../scripts/build-exe.mjs', import.meta.url).pathname], { stdio: ['ignore', 'ignore', 'inherit'] });
    const lazydocker = spawnSync('sh', ['-c', 'command -v lazydocker'], { encoding: 'utf8' }).stdout.trim();
    const commands = { exe: `${EXE} --host ${engine.host}`, npm: `${CLI} --host ${engine.host}`, ...(lazydocker ? { lazydocker: `env DOCKER_HOST=${engine.host} ${lazydocker}` } : {}) };
    const frame = async (command, holdMs = 0) => {
      const started = process.hrtime.bigint();
      const session = inTerminal(command);
      await session.waitFor((output) => output.includes('bench-0000'));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The npm command writes its code cache a second after a start that found none.
      if (holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
      await session.stop();
      return seconds;
    };
    for (const command of Object.values(commands)) await frame(command, 1500); // warm: page cache, code cache
    const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    for (let run = 0; run < Math.max(RUNS, 9); run++) {
      const names = Object.keys(commands);
      for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) samples[name].push(await frame(commands[name]));
    }
    const exe = stats(samples.exe);
    const npm = stats(samples.npm);
    record('first frame listing the containers: the executable (dist/stowage) vs the npm command', exe, npm, 's', '≤ 1× the npm command', exe.median <= npm.median);
    if (lazydocker) {
      const theirs = stats(samples.lazydocker);
      record('first frame listing the containers: the executable vs lazydocker', exe, theirs, 's', '≤ 1× lazydocker', exe.median <= theirs.median);
      record('first frame listing the containers: the npm command vs lazydocker', npm, theirs, 's', '≤ 1× lazydocker', npm.median <= theirs.median);
    } else {
      record('first frame listing the containers: the executable vs lazydocker (not on PATH here, so not measured)', exe, null, 's', '≤ 1× lazydocker', null);
    }
  }

  if (want('full-data')) {
    const ours = [];
    const reference = [];
    const ids = execFileSync('docker', ['ps', '-aq'], { env: dockerEnv, encoding: 'utf8' }).trim().split('\n');
    for (let run = 0; run < Math.min(RUNS, 3); run++) {
      ours.push(timeCommand(CLI, ['--json', '--host', engine.host]));
      const started = process.hrtime.bigint();
      execFileSync('docker', ['ps', '-a', '--size'], { env: dockerEnv, stdio: 'ignore' });
      execFileSync('docker', ['inspect', ...ids], { env: dockerEnv, stdio: 'ignore', maxBuffer: 1 << 30 });
      execFileSync('docker', ['system', 'df', '-v'], { env: dockerEnv, stdio: 'ignore' });
      reference.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    const o = stats(ours);
    const r = stats(reference);
    record('full data (--json, with findings) vs docker ps --size, inspect, system df -v', o, r, 's', '≤ 0.8× the CLI', o.median <= 0.8 * r.median);
  }

  if (want('keystroke-bytes')) {
    for (const [view, keys, target] of [['containers', '', 3000], ['volumes', '2', 700]]) {
      const [ours, reference] = await interleaved(1, async (command) => {
        const samples = [];
        const session = inTerminal(`${command} --host ${engine.host}`);
        await session.waitFor((output) => output.includes('bench-0000'));
        await session.waitFor((output) => output.includes('4 Findings'), 120_000);
        // Let collection finish: the progress words go away.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        if (keys) session.press(keys);
        await quiet(session);
        for (let press = 0; press < 10; press++) {
          const before = session.bytes;
          session.press('j');
          await quiet(session);
          samples.push(session.bytes - before);
        }
        await session.stop();
        return samples;
      });
      record(`bytes per selection move, ${view} view, 120x40`, ours, reference, 'B', `≤ ${target} B`, ours.median <= target);
    }
  }

  if (want('ssh')) {
    // The same host over ssh: a real sshd on 127.0.0.1 whose session reaches the engine, and the
    // same through a ProxyCommand that holds every chunk 20 ms each way (a 40 ms round trip).
    const sshd = await startSshd({
      server: { environment: { DOCKER_HOST: engine.host } },
      far: { environment: { DOCKER_HOST: engine.host }, proxyCommand: `node ${new URL('./delay-proxy.mjs', import.meta.url).pathname} %p 20` },
    });
    const env = { ...process.env, PATH: sshd.env.PATH };
    delete env.DOCKER_HOST;
    const ids = execFileSync('docker', ['ps', '-aq'], { env: dockerEnv, encoding: 'utf8' }).trim().split('\n');
    const dockerCli = (host) => {
      const started = process.hrtime.bigint();
      const hostEnv = { ...env, DOCKER_HOST: host };
      const options = { env: hostEnv, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30, timeout: 600_000 };
      execFileSync('docker', ['ps', '-a', '--size'], options);
      execFileSync('docker', ['inspect', ...ids], options);
      execFileSync('docker', ['system', 'df', '-v'], options);
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    try {
      const samples = { socket: [], ssh: [], cli: [], far: [], farCli: [] };
      for (let run = 0; run < Math.min(RUNS, 5); run++) {
        console.error(`ssh run ${run + 1}`);
        samples.socket.push(timeCommand(CLI, ['--json', '--host', engine.host], env));
        samples.ssh.push(timeCommand(CLI, ['--json', '--host', 'ssh://server'], env));
        samples.cli.push(dockerCli('ssh://server'));
        samples.far.push(timeCommand(CLI, ['--json', '--host', 'ssh://far'], env));
        samples.farCli.push(dockerCli('ssh://far'));
      }
      const [socket, ssh, cli, far, farCli] = ['socket', 'ssh', 'cli', 'far', 'farCli'].map((key) => stats(samples[key]));
      record(`--json over ssh:// (localhost) vs the same over the socket`, ssh, socket, 's', 'noted', true);
      record(`--json over ssh:// (localhost) vs docker ps --size, inspect, system df -v over the same ssh`, ssh, cli, 's', '≤ 1× the CLI', ssh.median <= cli.median);
      record(`--json over ssh:// (40 ms round trip) vs the docker CLI over the same`, far, farCli, 's', '≤ 1× the CLI', far.median <= farCli.median);
      const frames = [];
      for (let run = 0; run < RUNS; run++) {
        const started = process.hrtime.bigint();
        const session = inTerminal(`${CLI} --host ssh://server`, { env: { PATH: env.PATH } });
        await session.waitFor((output) => output.includes('bench-0000'));
        frames.push(Number(process.hrtime.bigint() - started) / 1e9);
        await session.stop();
      }
      record('first frame listing the containers, over ssh:// (localhost)', stats(frames), null, 's', 'noted', true);
    } finally {
      await sshd.stop();
    }
  }

  if (want('drill-down')) {
    const mountpoint = join(engine.dir, 'data', 'volumes');
    const ours = [];
    const reference = [];
    const scan = new URL('./scan-once.mjs', import.meta.url).pathname;
    for (let run = 0; run < RUNS; run++) {
      ours.push(Number(execFileSync('node', [scan, mountpoint], { encoding: 'utf8' }).split(' ')[0]));
      reference.push(timeCommand('du', ['-s', mountpoint]));
    }
    const o = stats(ours);
    const r = stats(reference);
    record(`drill-down scan of ${SIZES.files} files (Enter to full tree) vs du -s`, o, r, 's', 'no slower than du', o.median <= r.median);
  }

  if (want('backup')) {
    await api(engine, 'POST', '/volumes/create', { Name: 'bench-backup' });
    const mountpoint = join(engine.dir, 'data', 'volumes', 'bench-backup', '_data');
    cpSync('/usr/share/doc', join(mountpoint, 'doc'), { recursive: true, verbatimSymlinks: true });
    cpSync('/usr/lib/x86_64-linux-gnu', join(mountpoint, 'lib'), { recursive: true, verbatimSymlinks: true });
    const volumeBytes = Number(execFileSync('du', ['-sb', mountpoint], { encoding: 'utf8' }).split('\t')[0]);
    const out = mkdtempSync('/tmp/stw-bench-');
    const ours = [];
    const reference = [];
    const sizes = { ours: 0, reference: 0 };
    for (let run = 0; run < Math.min(RUNS, 3); run++) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      ours.push(timeCommand(CLI, ['backup', '--volume', 'bench-backup', '--output', out, '--host', engine.host]));
      const file = readdirSync(out).find((name) => name.endsWith('.tar.gz'));
      sizes.ours = Number(execFileSync('stat', ['-c', '%s', join(out, file)], { encoding: 'utf8' }));
      reference.push(timeCommand('docker', ['run', '--rm', '--network', 'none', '-v', 'bench-backup:/data', '-v', `${out}:/backup`, 'fixture/busybox:1',
        'sh', '-c', 'mkdir -p /x && ln -sf /bin/busybox /x/gzip && PATH=/x:$PATH busybox tar czf /backup/x.tar.gz /data'], dockerEnv));
      sizes.reference = Number(execFileSync('stat', ['-c', '%s', join(out, 'x.tar.gz')], { encoding: 'utf8' }));
    }
    const o = stats(ours);
    const r = stats(reference);
    const share = (100 * sizes.ours) / sizes.reference;
    record(`backup of ${(volumeBytes / 1e9).toFixed(2)} GB vs docker run … tar czf (size ${share.toFixed(1)}%)`, o, r, 's', '≤ 0.33× its time, ≤ 105% size', r.median / o.median >= 3 && share <= 105);
    // Keys during a backup: the main thread's event-loop delay while one runs bounds their latency.
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const responsiveness = new URL('./backup-responsiveness.mjs', import.meta.url).pathname;
    const [p95, max] = execFileSync('node', [responsiveness, engine.host, 'bench-backup', out], { encoding: 'utf8' }).trim().split(' ').map(Number);
    rows.push({ name: `event-loop delay during the backup (bounds key latency), max ${max} ms`, ours: `p95 ${p95} ms`, reference: '—', ratio: '—', target: '≤ 50 ms (p95)', met: p95 <= 50 ? 'yes' : 'NO' });
    rmSync(out, { recursive: true, force: true });
  }
} finally {
  await engine.stop();
}

const headers = { name: 'benchmark', ours: 'stowage median (min–max)', reference: 'reference median (min–max)', ratio: 'ratio', target: 'target', met: 'met' };
const widths = Object.fromEntries(Object.keys(headers).map((key) => [key, Math.max(headers[key].length, ...rows.map((row) => row[key].length))]));
const line = (row) => `| ${Object.keys(headers).map((key) => row[key].padEnd(widths[key])).join(' | ')} |`;
console.log([line(headers), `|${Object.keys(headers).map((key) => '-'.repeat(widths[key] + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
