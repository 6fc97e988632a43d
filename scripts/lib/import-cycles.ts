import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export type ImportGraph = Map<string, Set<string>>;

/** The folders whose imports may form no circle (what they import elsewhere is followed too). */
export const CHECKED_DIRS = ["server", "inngest", "lib"];

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".next-e2e", ".data"]);
// a test file is a leaf: nothing imports it, so it closes no circle
const TEST = /\.test\.tsx?$/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sourceFiles(full);
    return SOURCE.test(e.name) && !TEST.test(e.name) && !e.name.endsWith(".d.mts") ? [full] : [];
  });
}

/**
 * The module specifiers a file imports: imports and re-exports (type-only ones too, as madge
 * and dpdm count them by default), `import()` and `require` calls.
 */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The import graph of the project's own files reachable from `dirs` (resolved with the
 * project's tsconfig, so `@/…` paths count), as file → files it imports, paths relative to root.
 */
export function importGraph(root: string, dirs: string[]): ImportGraph {
  const configPath = path.join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const cache = ts.createModuleResolutionCache(root, (s) => s, options);
  const graph: ImportGraph = new Map();
  const pending = dirs.flatMap((d) => sourceFiles(path.join(root, d)));
  while (pending.length) {
    const file = pending.pop();
    if (!file) break;
    const key = path.relative(root, file);
    if (graph.has(key)) continue;
    const deps = new Set<string>();
    graph.set(key, deps);
    for (const spec of importsOf(fs.readFileSync(file, "utf8"))) {
      const resolved = ts.resolveModuleName(spec, file, options, ts.sys, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      // a .d.mts declares the .mjs beside it
      const target = resolved.resolvedFileName.replace(/\.d\.mts$/, ".mjs");
      const rel = path.relative(root, target);
      if (rel.startsWith("..") || rel.split(path.sep).some((p) => SKIP_DIRS.has(p))) continue;
      deps.add(rel);
      if (!graph.has(rel) && fs.existsSync(target)) pending.push(target);
    }
  }
  return graph;
}

/**
 * Every circle of imports: the strongly connected groups of the graph (Tarjan), each given as
 * one closed path through it, `a → b → … → a`, sorted so the output is stable.
 */
export function findCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const strongConnect = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indexOf.get(w) ?? 0));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || graph.get(v)?.has(v)) groups.push(group);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) strongConnect(v);
  return groups
    .map((g) => closedPath(graph, new Set(g)))
    .sort((a, b) => a[0]?.localeCompare(b[0] ?? "") ?? 0);
}

/** The shortest circle through the first (sorted) file of a strongly connected group. */
function closedPath(graph: ImportGraph, group: Set<string>): string[] {
  const start = [...group].sort()[0] ?? "";
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift() ?? "";
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!group.has(w)) continue;
      if (w === start) {
        const chain = [v];
        for (let p = parent.get(v); p !== undefined; p = parent.get(p)) chain.push(p);
        return [...chain.reverse(), start];
      }
      if (!parent.has(w) && w !== start) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
