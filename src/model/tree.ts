// A directory tree with sizes, as ncdu shows it: each directory's bytes and items include
// everything below it. Built entry by entry while a scan runs.

export interface TreeNode {
  name: string;
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

/** A directory's entries, biggest first. */
export function sortedChildren(node: TreeNode): TreeNode[] {
  return [...(node.children?.values() ?? [])].sort((a, b) => b.sizeBytes - a.sizeBytes || a.name.localeCompare(b.name));
}
