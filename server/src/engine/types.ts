/**
 * Shared types of the engine. The engine is plain TypeScript: it imports nothing of
 * `vscode`, `vscode-languageserver` or the file system. Files come in through `FileHost`.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** 0-based line, 0-based UTF-16 character: the LSP convention. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A text edit by offsets into the original text (jsonc-parser's `Edit`). */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** A quick fix a rule offers for one of its diagnostics. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True where the fix is the one obvious answer (used by fix-all and the preferred code action). */
  isPreferred?: boolean;
}

export interface Diagnostic {
  /** The rule id: stable, used in suppression comments, SARIF and the docs link. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Start and end offsets of the range, for edits. */
  offset: number;
  length: number;
  /** JSON pointer of the offending node ("" for the document). Stable across reformatting. */
  pointer: string;
  fixes?: Fix[];
  /** Set when an inline directive suppresses the diagnostic (kept for SARIF's `suppressions`). */
  suppressed?: { justification?: string };
}

/** How the engine reads files (sample profiles, space files). Paths are absolute, '/'-separated. */
export interface FileHost {
  /** The text of a file, or undefined when it does not exist. Throws only for unexpected I/O errors. */
  readFile(path: string): string | undefined;
  /**
   * Optional: the entry names of a directory, directories with a trailing "/"; undefined when
   * it does not exist. Used to find sample profiles (`samples/profiles/*.json`, setting globs).
   */
  listDir?(path: string): string[] | undefined;
  /**
   * Optional: reads a space file (`idsync.space.json`) for the space lookup, which walks from a
   * config's directory upward, past the host's root if need be (docs/reliability.md). Hosts that
   * confine reads widen the confinement for this call only: files named `idsync.space.json` in
   * the root, below it, or in a directory above it. Default: `readFile`.
   */
  readSpaceFile?(path: string): string | undefined;
  /**
   * Optional: whether a directory holds `.git` (a directory, or a file in a worktree): the space
   * lookup stops there. Hosts answer for the root, below it and the directories above it only.
   * Default: never (the lookup then goes on to the file-system root).
   */
  hasGit?(dir: string): boolean;
}
