/** Formatting through jsonc-parser's `format` (comments kept), whole document or a range. */
import { format } from 'jsonc-parser';
import { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function formatDocument(doc: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
  const text = doc.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const r = range ? { offset: doc.offsetAt(range.start), length: doc.offsetAt(range.end) - doc.offsetAt(range.start) } : undefined;
  const edits = format(text, r, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    eol,
    insertFinalNewline: options.insertFinalNewline ?? false,
    keepLines: false,
  });
  return edits.map((e) => ({ range: Range.create(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), newText: e.content }));
}
