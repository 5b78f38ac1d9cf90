/**
 * No import cycle in `server/src`: every relative import is read with TypeScript's own
 * `preProcessFile`, and a depth-first walk fails with the first cycle it meets, spelled out file
 * by file. In the engine, the CLI and the Node host, type-only imports count too (a type import
 * still ties two modules together). The language server is one state object whose concerns reach
 * each other through it (`lsp/state.ts`), so its concerns name the state's type and the state
 * names theirs: there only imports that load code count, and no such cycle is allowed.
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

/** The specifiers of `import type ... from` / `export type ... from` declarations (erased at run time). */
function typeOnlySpecifiers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^\s*(?:import|export)\s+type\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms)) out.add(m[1]);
  return out;
}

/** Module → the modules it imports (`valueOnly`: leaving out imports that are only of types). */
export function importGraph(files: readonly string[], valueOnly = false): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, false);
    const typeOnly = valueOnly ? typeOnlySpecifiers(text) : new Set<string>();
    const valueSpecs = new Set(info.importedFiles.map((f) => f.fileName));
    if (valueOnly) {
      // A specifier imported both as a type and for values is a value import.
      for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms)) typeOnly.delete(m[1]);
      for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) typeOnly.delete(m[1]);
    }
    const deps = [...valueSpecs].filter((s) => !typeOnly.has(s)).map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined);
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

  it('server/src has no import cycle (outside the language server, type-only imports included)', () => {
    const files = sourceFiles(SRC);
    assert.ok(files.length > 50, `expected the sources under ${SRC}, found ${files.length} files`);
    const lsp = path.join(SRC, 'lsp') + path.sep;
    const graph = importGraph(files.filter((f) => !f.startsWith(lsp)));
    const cycle = findCycle(graph);
    assert.equal(cycle && cycle.map((f) => path.relative(SRC, f)).join(' → '), undefined, 'import cycle in server/src');
  });

  it('server/src has no cycle of imports that load code (the language server included)', () => {
    const cycle = findCycle(importGraph(sourceFiles(SRC), true));
    assert.equal(cycle && cycle.map((f) => path.relative(SRC, f)).join(' → '), undefined, 'import cycle of value imports in server/src');
  });

  it('reads type-only imports as such (so the check above can fail)', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'idsync-cycles-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nimport { c } from './c';\nexport const a: B | undefined = c;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport type B = typeof a;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), 'export const c = undefined;\n');
      const files = ['a.ts', 'b.ts', 'c.ts'].map((f) => path.join(dir, f));
      assert.deepEqual(findCycle(importGraph(files))?.map((f) => path.basename(f)), ['a.ts', 'b.ts', 'a.ts']);
      assert.equal(findCycle(importGraph(files, true)), undefined);
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = a;\n");
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = 1 + (b ?? 0);\n");
      assert.deepEqual(findCycle(importGraph(files, true))?.map((f) => path.basename(f)), ['a.ts', 'b.ts', 'a.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

  it('server/src: file names in kebab-case, no file over 400 lines (a newcomer reads each in one go)', () => {
    const files = sourceFiles(SRC);
    const badNames = files.map((f) => path.relative(SRC, f)).filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.(generated|browser|node))?\.ts$/.test(path.basename(f)));
    assert.deepEqual(badNames, []);
    const long = files.map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400);
    assert.deepEqual(long, []);
  });
});
