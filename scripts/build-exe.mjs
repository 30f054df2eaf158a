// Builds dist/stowage: one Linux executable holding Node and stowage, for a server with Docker and
// nothing else. A Node single executable application (SEA): the bundle (scripts/build-options.mjs)
// and a V8 code cache are assets of a blob that postject injects into a stripped copy of the node
// running this script. The code cache comes from a training run of the executable, in a
// pseudo-terminal on the demo host, so the functions of the first frame start compiled.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildFailed, bundleText, root } from './build-options.mjs';

const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const output = join(root, 'dist', 'stowage');
const bundleSource = await bundleText(build).catch(buildFailed);
const work = mkdtempSync(join(tmpdir(), 'stowage-exe-'));

/** The SEA's main script; `training` makes the one that writes the code cache when it quits. */
async function loader(training) {
  const result = await build({
    entryPoints: [join(root, 'scripts/loaders/sea.cjs')],
    write: false,
    outfile: 'main.cjs',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    define: { STOWAGE_TRAINING: String(training) },
    logLevel: 'warning',
  });
  const file = join(work, training ? 'main-training.cjs' : 'main.cjs');
  writeFileSync(file, result.outputFiles[0].text);
  return file;
}

/** A copy of node without its symbols (a third of its size), to inject blobs into. */
function strippedNode() {
  const file = join(work, 'node');
  copyFileSync(process.execPath, file);
  chmodSync(file, 0o755);
  try {
    execFileSync('strip', [file], { stdio: 'ignore' });
  } catch {
    copyFileSync(process.execPath, file); // no strip here: a larger file, the same program
  }
  return file;
}

/** Runs node with `args`, showing what it said only when it fails. */
function quietly(args) {
  try {
    execFileSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
    throw error;
  }
}

/** Writes an executable at `file` from node, `main` and `assets`. */
function singleExecutable(node, file, main, assets) {
  const config = join(work, 'sea-config.json');
  const blob = join(work, 'sea.blob');
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, assets }));
  quietly(['--experimental-sea-config', config]);
  copyFileSync(node, file);
  // postject's ELF library warns about note sections it does not know.
  quietly([join(root, 'node_modules', 'postject', 'dist', 'cli.js'), file, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE]);
  chmodSync(file, 0o755);
}

/**
 * Runs the training executable on the demo host in a pseudo-terminal (util-linux `script`) until
 * it shows its first container, quits it with q, and returns the code cache it wrote.
 */
function train(executable) {
  const cache = join(work, 'stowage.v8cache');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec '${executable}' --demo`, '/dev/null'], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TERM: 'xterm-256color', STOWAGE_TRAINING_CACHE: cache },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let screen = '';
    let quitting = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the training run showed no container in 30 s: ${JSON.stringify(screen.slice(-300))}`));
    }, 30_000);
    child.stdout.on('data', (chunk) => {
      screen += chunk.toString('utf8');
      if (!quitting && screen.includes('app-user')) {
        quitting = true;
        child.stdin.write('q');
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (existsSync(cache) && statSync(cache).size > 0) resolve(cache);
      else reject(new Error('the training run wrote no code cache'));
    });
  });
}

try {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const bundle = join(work, 'stowage.cjs');
  writeFileSync(bundle, bundleSource);
  const node = strippedNode();
  const trainer = join(work, 'stowage-training');
  singleExecutable(node, trainer, await loader(true), { 'stowage.cjs': bundle });
  const cache = await train(trainer);
  const staged = `${output}.tmp`;
  singleExecutable(node, staged, await loader(false), { 'stowage.cjs': bundle, 'stowage.v8cache': cache });
  renameSync(staged, output);
  const size = statSync(output).size;
  console.log(`dist/stowage: ${(size / 1e6).toFixed(0)} MB, Node ${process.version}, code cache ${(statSync(cache).size / 1e6).toFixed(1)} MB`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
