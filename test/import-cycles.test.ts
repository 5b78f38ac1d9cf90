/**
 * No import cycle in `server/src`: every relative import (type-only ones included, since a type
 * import still ties two modules together) is read with TypeScript's own `preProcessFile`, and a
 * depth-first walk fails with the first cycle it meets, spelled out file by file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'server/src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The file a relative specifier names (`./x` → `x.ts` or `x/index.ts`); undefined for packages and JSON. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

/** Module → the modules it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, false);
    const deps = info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter((f): f is string => f !== undefined);
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** One cycle of the graph as a path (first module repeated at the end), or undefined. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      const s = state.get(dep);
      if (s === 'open') return [...stack.slice(stack.indexOf(dep)), dep];
      if (s === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

describe('import cycles', () => {
  it('finds a cycle in a graph that has one (the check can fail)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', []],
    ]);
    assert.deepEqual(findCycle(g), ['a', 'b', 'c', 'a']);
    assert.equal(findCycle(new Map([['a', ['b']], ['b', []]])), undefined);
  });

  it('server/src has no import cycle', () => {
    const files = sourceFiles(SRC);
    assert.ok(files.length > 50, `expected the sources under ${SRC}, found ${files.length} files`);
    const graph = importGraph(files);
    const cycle = findCycle(graph);
    assert.equal(cycle && cycle.map((f) => path.relative(SRC, f)).join(' → '), undefined, 'import cycle in server/src');
  });

  it('the CLI and the language server import the engine only through its index', () => {
    const graph = importGraph(sourceFiles(SRC));
    const engine = path.join(SRC, 'engine') + path.sep;
    const bad: string[] = [];
    for (const [file, deps] of graph) {
      if (file.startsWith(engine)) continue;
      for (const dep of deps) if (dep.startsWith(engine) && dep !== path.join(engine, 'index.ts')) bad.push(`${path.relative(SRC, file)} → ${path.relative(SRC, dep)}`);
    }
    assert.deepEqual(bad, []);
  });
});
