/**
 * Which open documents the editor features decline: a file over `idsync.maxFileSize` (it gets
 * the engine's one `file-too-large` diagnostic; formatting, hover, completion, symbols, folding,
 * code lens, code actions and the preview would otherwise run at full cost while every other
 * request waits) and a document whose text the server no longer knows (see `sync.ts`).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class DeclinedDocuments {
  /** Documents out of sync with the editor, with the reason. */
  private readonly outOfSync = new Map<string, string>();
  private readonly logged = new Set<string>();

  /** Marks a document out of sync; true the first time (to log it once). */
  markOutOfSync(uri: string, reason: string): boolean {
    this.outOfSync.set(uri, reason);
    if (this.logged.has(uri)) return false;
    this.logged.add(uri);
    return true;
  }

  /** The editor sent the full text again (reopen, change without a range, close). */
  resynced(uri: string): void {
    this.outOfSync.delete(uri);
    this.logged.delete(uri);
  }

  outOfSyncReason(uri: string): string | undefined {
    return this.outOfSync.get(uri);
  }

  /** Why the features decline `doc` under the size limit `maxFileSize`, or undefined when they serve it. */
  reason(doc: TextDocument, maxFileSize: number): string | undefined {
    const lost = this.outOfSync.get(doc.uri);
    if (lost !== undefined) return `the server no longer knows this file's text (${lost})`;
    if (doc.getText().length > maxFileSize) return tooLarge(doc.getText().length, maxFileSize);
    return undefined;
  }
}

/** The reason a file over the size limit is declined (the same words as the engine's file-too-large). */
export function tooLarge(length: number, maxFileSize: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `the file is ${n(length)} characters long, over the limit of ${n(maxFileSize)} (idsync.maxFileSize)`;
}
