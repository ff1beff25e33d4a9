/**
 * Copy intake entry points over strings: plain text (reporters' files, text
 * copied out of PDFs) and HTML (paste, Word via mammoth). Pure; the renderer
 * uses them for paste, the Node side after decoding files.
 */
import { htmlToLines } from './html-lines';
import { recognizeStories } from './recognize';
import { textToLines } from './text-lines';
import { unwrapLines } from './unwrap';
import type { IntakeResult } from './types';

/**
 * Recognises the stories in plain text (any line ends, optional BOM). Text
 * hard-wrapped at a column width (copied out of a PDF) is unwrapped first.
 */
export function intakeText(text: string): IntakeResult {
  return recognizeStories(unwrapLines(textToLines(text)));
}

/** Recognises the stories in an HTML fragment or document (clipboard, mammoth output). */
export function intakeHtml(html: string): IntakeResult {
  return recognizeStories(htmlToLines(html));
}
