// The project's own imports, read from the sources with TypeScript's import scanner (no type
// checking): every `import`, `import type`, `export … from` and `import()`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Each source file (relative to the root, with / separators) and the project files it imports. */
export type ImportGraph = Map<string, string[]>;

function sourcesUnder(root: string, folder: string): string[] {
  const directory = join(root, folder);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => join(folder, name).split('\\').join('/'))
    .sort();
}

/** `./x.js` as written in an ESM import, to the .ts or .tsx file it names; null outside the project. */
function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(root, dirname(from), specifier);
  const base = target.replace(/\.(m|c)?jsx?$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, target]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return relative(root, candidate).split('\\').join('/');
  }
  return null;
}

export function importGraph(root: string, folders: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of folders.flatMap((folder) => sourcesUnder(root, folder))) {
    const scanned = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = scanned.importedFiles.map((imported) => resolveSpecifier(root, file, imported.fileName));
    graph.set(file, [...new Set(targets.filter((target): target is string => target !== null))].sort());
  }
  return graph;
}

/** Every import cycle among the graph's files, each as the path that closes it (a → b → a). */
export function importCycles(graph: ImportGraph, within: (file: string) => boolean = () => true): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!within(next)) continue;
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].filter(within)) if (!state.has(file)) visit(file);
  return cycles;
}
