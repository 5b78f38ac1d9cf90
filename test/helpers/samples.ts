/**
 * The sample corpus (`samples/`): every `*.idsync.json` below it, linted through a Workspace
 * so the nearest `idsync.space.json` applies exactly as in the CLI and the editor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../server/src/engine';
import type { FileResult } from '../../server/src/engine';
import { NodeFileHost, toEnginePath } from '../../server/src/node/host';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SAMPLES_DIR = path.join(REPO_ROOT, 'samples');
export const PROBLEMS_DIR = path.join(SAMPLES_DIR, 'problems');

/** Every `*.idsync.json` under a directory, sorted, as absolute native paths. */
export function configsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...configsUnder(p));
    else if (entry.name.endsWith('.idsync.json')) out.push(p);
  }
  return out.sort();
}

export function isProblem(file: string): boolean {
  return path.dirname(file) === PROBLEMS_DIR;
}

let workspace: Workspace | undefined;

/** Lints a sample file with the space file that governs it. */
export function lintSample(file: string): FileResult {
  workspace ??= new Workspace(new NodeFileHost(REPO_ROOT), toEnginePath(REPO_ROOT));
  return workspace.lint(toEnginePath(file), fs.readFileSync(file, 'utf8'));
}

export function rel(file: string): string {
  return path.relative(REPO_ROOT, file).split(path.sep).join('/');
}
