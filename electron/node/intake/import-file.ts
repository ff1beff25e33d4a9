/**
 * Imports one file of copy: checks its size, decodes it (text encodings,
 * Word, HTML), recognises its stories and turns its pictures into assets.
 * Runs in whatever thread calls it; the CLI and the app call it through
 * {@link importFileOffThread} so a big file never blocks them.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { intakeHtml, intakeText } from '../../../shared/intake/intake';
import type { IntakeResult } from '../../../shared/intake/types';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { TextEncodingName } from './decode-text';
import { decodeText } from './decode-text';
import type { ImportedImage } from './image-asset';
import { imageAsset } from './image-asset';
import { formatBytes, MAX_DOCX_FILE_BYTES, MAX_TEXT_FILE_BYTES } from './limits';
import { readDocx } from './read-docx';

export interface ImportedFile {
  /** File name without folders. */
  name: string;
  bytes: number;
  format: 'text' | 'html' | 'docx';
  /** How a text or HTML file was encoded. */
  encoding?: TextEncodingName;
  result: IntakeResult;
  /** Pictures the file carried, by the `src` the result's photos refer to. */
  images: ImportedImage[];
  /** Things that did not stop the import, one line each. */
  warnings: string[];
}

const HTML_START = /^\s*(?:<!doctype html|<html[\s>]|<body[\s>]|<meta[\s>])/iu;

function recognised(result: IntakeResult): Result<IntakeResult> {
  if (result.stories.length === 0) return fail('EMPTY', 'the file holds no text');
  return ok(result);
}

/** Imports a file by path. Never throws for bad input; failures are one line each. */
export async function importFile(path: string): Promise<Result<ImportedFile>> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail('NOT_A_FILE', `${path} is not a file`);
    size = info.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'NOT_FOUND' : 'READ_FAILED', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(e as Error).message}`);
  }
  const name = basename(path);
  const ext = extname(path).toLowerCase();
  if (size === 0) return fail('EMPTY', 'the file is empty');
  const limit = ext === '.docx' ? MAX_DOCX_FILE_BYTES : MAX_TEXT_FILE_BYTES;
  if (size > limit) {
    const kind = ext === '.docx' ? 'Word files' : 'text files';
    return fail('TOO_LARGE', `the file is ${formatBytes(size)}; intake reads ${kind} up to ${formatBytes(limit)} (split it into smaller files)`);
  }
  const bytes = new Uint8Array(await readFile(path));
  if (ext === '.docx') return importDocx(name, bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded.value;
  const isHtml = ext === '.html' || ext === '.htm' || HTML_START.test(text.slice(0, 1024));
  const result = recognised(isHtml ? intakeHtml(text) : intakeText(text));
  if (!result.ok) return result;
  return ok({ name, bytes: size, format: isHtml ? 'html' : 'text', encoding, result: result.value, images: [], warnings: [] });
}

async function importDocx(name: string, bytes: Uint8Array): Promise<Result<ImportedFile>> {
  const docx = await readDocx(bytes);
  if (!docx.ok) return docx;
  const result = recognised(intakeHtml(docx.value.html));
  if (!result.ok) return result;
  const warnings = [...docx.value.warnings];
  const images: ImportedImage[] = [];
  for (const image of docx.value.images) {
    const asset = await imageAsset(image.src, image.bytes);
    if (asset.ok) images.push(asset.value);
    else warnings.push(asset.error.message);
  }
  return ok({ name, bytes: bytes.length, format: 'docx', result: result.value, images, warnings });
}
