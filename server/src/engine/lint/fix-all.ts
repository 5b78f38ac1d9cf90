/**
 * "Fix all": the one computation behind the editor's `source.fixAll.idsync` code action and
 * `idsync check --fix`. Only a diagnostic's **preferred** fix is applied, the one obvious answer
 * a rule marks with `isPreferred`; fixes that need a choice (a missing strategy, an unknown
 * strategy, a second suggestion) are withheld, as is any fix whose edits overlap a fix taken
 * before it in document order (the next pass gets it, from a fresh lint).
 */
import { applyEdits } from 'jsonc-parser';
import type { Diagnostic, TextEdit } from '../types';
import type { LintResult } from './lint';

/** At most this many lint-and-fix passes (ESLint's bound too): fixes that uncover fixes converge, a cycle cannot hang. */
export const MAX_FIX_PASSES = 10;

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const ae = a.offset + a.length;
  const be = b.offset + b.length;
  if (a.offset === b.offset) return true;
  return a.offset < be && b.offset < ae;
}

/** The preferred fixes one pass applies (each diagnostic's, unless it overlaps one taken before), and their edits in document order. */
export function fixAllPass(diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; fixes: number } {
  const taken: TextEdit[] = [];
  let fixes = 0;
  const sorted = [...diagnostics].sort((a, b) => a.offset - b.offset);
  for (const d of sorted) {
    const fix = d.fixes?.find((f) => f.isPreferred);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
    fixes++;
  }
  return { edits: taken.sort((a, b) => a.offset - b.offset), fixes };
}

/** Every preferred fix whose edits overlap no fix taken before it, in document order (one pass: the editor's code action). */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  return fixAllPass(diagnostics).edits;
}

export interface FixAllResult {
  /** The text after the fixes (the input when nothing applied). */
  text: string;
  /** How many fixes were applied, over all passes. */
  fixed: number;
  /** How many passes applied fixes. */
  passes: number;
  /** The lint of `text`: what remains. */
  result: LintResult;
  /**
   * Why nothing was fixed although fixes were offered: `syntax` when the text has a syntax error
   * (no fix addresses one, and edits placed around a parser's recovery are guesses).
   */
  blocked?: 'syntax';
  /** Why the passes stopped early: `max-passes` (fixes were still offered after MAX_FIX_PASSES), `cycle` (a pass gave back an earlier text), `broke-syntax` (a pass would have made a syntax error: it was dropped). */
  stopped?: 'max-passes' | 'cycle' | 'broke-syntax';
}

const hasSyntaxError = (r: LintResult) => r.diagnostics.some((d) => d.code === 'syntax') || r.suppressed.some((d) => d.code === 'syntax');

/**
 * Applies the preferred fixes of `lint(text)` with jsonc-parser's `applyEdits`, lints again and
 * repeats until no fix is left (at most `maxPasses` passes). A text with a syntax error is not
 * fixed; a pass that would introduce one is dropped. `lint` is the caller's lint of a text of
 * this file (its space file, severities and limits): the fixes are those of the diagnostics it
 * reports, so a rule turned off or a suppressed diagnostic is not fixed.
 */
export function fixAll(text: string, lint: (text: string) => LintResult, maxPasses = MAX_FIX_PASSES): FixAllResult {
  let result = lint(text);
  if (hasSyntaxError(result)) {
    return { text, fixed: 0, passes: 0, result, blocked: fixAllPass(result.diagnostics).fixes > 0 ? 'syntax' : undefined };
  }
  const seen = new Set([text]);
  let fixed = 0;
  let passes = 0;
  let stopped: FixAllResult['stopped'];
  for (;;) {
    const pass = fixAllPass(result.diagnostics);
    if (pass.fixes === 0) break;
    if (passes >= maxPasses) {
      stopped = 'max-passes';
      break;
    }
    const next = applyEdits(text, pass.edits);
    if (seen.has(next)) {
      stopped = 'cycle';
      break;
    }
    const nextResult = lint(next);
    if (hasSyntaxError(nextResult)) {
      stopped = 'broke-syntax';
      break;
    }
    seen.add(next);
    text = next;
    result = nextResult;
    fixed += pass.fixes;
    passes++;
  }
  return { text, fixed, passes, result, stopped };
}
