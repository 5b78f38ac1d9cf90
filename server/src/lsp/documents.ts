/**
 * The open documents, kept from the document-sync notifications with their checks inline:
 * a malformed `didOpen` is dropped; a `didChange` for a document that is not open, or whose
 * version is not newer than the document's (stale, out of order), is dropped, so the server keeps
 * the newest text and never publishes diagnostics for an older version; a `didChange` that
 * cannot be applied soundly marks the document out of sync (`sync.ts`, `decline.ts`).
 * The text itself is kept and updated by `vscode-languageserver-textdocument`.
 */
import type { DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docUri } from './safe';
import type { ServerState } from './state';
import { prepareChanges } from './sync';

/** What a `didChange` did. */
export type ChangeOutcome =
  | { kind: 'changed'; doc: TextDocument }
  /** Dropped: not open, stale, no change, or out of sync and still without the full text. */
  | { kind: 'ignored' }
  /** The change could not be applied: the document is now out of sync with the editor. */
  | { kind: 'outOfSync'; doc: TextDocument };

export class Documents {
  private readonly docs = new Map<string, TextDocument>();

  constructor(private readonly state: ServerState) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  /** `didOpen`: the (re)opened document, or undefined when the notification is malformed. */
  open(e: DidOpenTextDocumentParams): TextDocument | undefined {
    const td = e?.textDocument;
    if (!td || typeof td.uri !== 'string' || typeof td.text !== 'string' || !Number.isInteger(td.version)) {
      this.state.log(`idsync: ignored a malformed textDocument/didOpen (${JSON.stringify(td?.uri ?? null)}).`);
      return undefined;
    }
    const doc = TextDocument.create(td.uri, td.languageId, td.version, td.text);
    this.docs.set(td.uri, doc);
    this.state.declined.resynced(td.uri);
    return doc;
  }

  /** `didChange`: positions clamped, the version checked, then applied. */
  change(e: DidChangeTextDocumentParams): ChangeOutcome {
    const { log, declined } = this.state;
    const td = e?.textDocument;
    const doc = td && typeof td.uri === 'string' ? this.docs.get(td.uri) : undefined;
    if (!doc) {
      log(`idsync: ignored textDocument/didChange for a document that is not open (${JSON.stringify(td?.uri ?? null)}).`);
      return { kind: 'ignored' };
    }
    if (!Number.isInteger(td.version) || td.version <= doc.version) {
      log(`idsync: ignored a stale textDocument/didChange for ${doc.uri} (version ${td.version}, have ${doc.version}).`);
      return { kind: 'ignored' };
    }
    const prepared = Array.isArray(e.contentChanges) ? prepareChanges(doc, e.contentChanges) : { ok: false as const, reason: 'contentChanges is not a list' };
    if (!prepared.ok) {
      // The change cannot be applied soundly: the document is out of sync until the editor sends its full text.
      if (declined.markOutOfSync(doc.uri, prepared.reason)) log(`idsync: rejected a malformed textDocument/didChange for ${doc.uri} (version ${td.version}): ${prepared.reason}. The file is not checked until it is reopened.`);
      return { kind: 'outOfSync', doc };
    }
    if (declined.outOfSyncReason(doc.uri) !== undefined) {
      // Out of sync: only a change carrying the full text brings the document back.
      if (!prepared.full) return { kind: 'ignored' };
      declined.resynced(doc.uri);
    }
    if (prepared.changes.length === 0) return { kind: 'ignored' };
    const updated = TextDocument.update(doc, prepared.changes, td.version);
    this.docs.set(doc.uri, updated);
    return { kind: 'changed', doc: updated };
  }

  /** `didClose`: the closed document, or undefined when it was not open. */
  close(e: DidCloseTextDocumentParams): TextDocument | undefined {
    const uri = e?.textDocument?.uri;
    const doc = typeof uri === 'string' ? this.docs.get(uri) : undefined;
    if (!doc) return undefined;
    this.docs.delete(doc.uri);
    this.state.declined.resynced(doc.uri);
    return doc;
  }

  /** The open document a request names, unless the features decline it (too large, out of sync). */
  async usable(params: unknown): Promise<TextDocument | undefined> {
    const doc = this.docs.get(docUri(params) ?? '');
    if (!doc) return undefined;
    const { maxFileSize } = await this.state.settings.forUri(doc.uri);
    return this.docs.get(doc.uri) === doc && !this.state.declined.reason(doc, maxFileSize) ? doc : undefined;
  }
}
