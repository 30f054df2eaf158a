// A directory tree with sizes, as ncdu shows it: each directory's bytes and items include
// everything below it. Built entry by entry while a scan runs. A name is the entry's bytes, one
// character per byte (latin1): names need not be UTF-8, and each is listed, sized and openable.
import { displayableBytes } from '../text/displayable.js';

export interface TreeNode {
  /** The name's bytes as latin1: the entry's identity (see `displayName` for the screen). */
  name: string;
  /** The name as shown, worked out when first shown. */
  label?: string;
  directory: boolean;
  /** Apparent bytes of this entry and everything below it. */
  sizeBytes: number;
  /** Entries below it (for a directory). */
  items: number;
  children: Map<string, TreeNode> | null;
}

export function newTree(name: string): TreeNode {
  return { name, directory: true, sizeBytes: 0, items: 0, children: new Map() };
}

/**
 * Adds one entry at `path` (parts below the root; [] is the root itself). Missing parent
 * directories are made on the way; every ancestor's bytes grow with it, and its items when new.
 */
export function addEntry(root: TreeNode, path: string[], sizeBytes: number, directory: boolean): void {
  const ancestors: TreeNode[] = [];
  let node = root;
  for (const [depth, part] of path.entries()) {
    ancestors.push(node);
    const last = depth === path.length - 1;
    let child = node.children?.get(part);
    if (!child) {
      child = { name: part, directory: last ? directory : true, sizeBytes: 0, items: 0, children: last && !directory ? null : new Map() };
      (node.children ??= new Map()).set(part, child);
      for (const ancestor of ancestors) ancestor.items += 1;
    } else if (last && directory && !child.children) {
      child.directory = true;
      child.children = new Map();
    }
    node = child;
  }
  for (const ancestor of ancestors) ancestor.sizeBytes += sizeBytes;
  node.sizeBytes += sizeBytes;
}

/** The node at `path`, or null. */
export function nodeAt(root: TreeNode, path: string[]): TreeNode | null {
  let node: TreeNode | undefined = root;
  for (const part of path) {
    node = node?.children?.get(part);
    if (!node) return null;
  }
  return node;
}

/** A name of bytes (latin1) for the screen: UTF-8 as text, bytes that are not as `\xHH`, controls escaped. */
export function displayNameOf(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : displayableBytes(Buffer.from(name, 'latin1'));
}

/** An entry's name for the screen. */
export function displayName(node: TreeNode): string {
  return (node.label ??= displayNameOf(node.name));
}

/** A path below the root (names of bytes) for the screen. */
export function displayPath(path: string[]): string {
  return `/${path.map(displayNameOf).join('/')}`;
}

/** The latin1 form of a UTF-8 text path or name (a root, a path the engine gave as text). */
export const binaryName = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** A directory's entries, biggest first, then by name as shown. */
export function sortedChildren(node: TreeNode): TreeNode[] {
  return [...(node.children?.values() ?? [])].sort((a, b) => b.sizeBytes - a.sizeBytes || displayName(a).localeCompare(displayName(b)));
}
