/**
 * Web mode's copy upload (WEB_ROUTES.importCopy): the file's bytes as the
 * body, bounded while it is read, the document and file name in headers.
 */
import type { IncomingMessage } from 'node:http';
import { COPY_HANDLE_HEADER, COPY_NAME_HEADER, MAX_COPY_UPLOAD_BYTES } from '../../../shared/host/web-protocol';
import type { ImportedCopy } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import type { HostService } from '../host/host-service';
import { handleSchema } from './api-schemas';

type Answer = { status: number; body: Result<ImportedCopy> };

/** The body's bytes, or the status and error to answer with (the rest of an oversized body is not read). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; status: number; message: string; code: string }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // Not a type a cross-site form can send without a CORS preflight (which is never granted).
  if (type !== 'application/octet-stream') {
    req.resume();
    return { ok: false, status: 415, code: 'BAD_REQUEST', message: 'the body must be application/octet-stream' };
  }
  const tooLarge = { ok: false as const, status: 413, code: 'TOO_LARGE', message: `the file is larger than ${Math.round(limit / 1024 / 1024)} MiB, more than copy intake reads` };
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    return tooLarge;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        req.resume();
        return tooLarge;
      }
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, status: 400, code: 'BAD_REQUEST', message: 'the upload was cut off' };
  }
  const all = Buffer.concat(chunks, size);
  return { ok: true, bytes: new Uint8Array(all.buffer, all.byteOffset, all.byteLength) };
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' ? v : '';
}

/** Handles a POST of WEB_ROUTES.importCopy. */
export async function handleCopyUpload(host: HostService, req: IncomingMessage, limit = MAX_COPY_UPLOAD_BYTES): Promise<Answer> {
  const handle = handleSchema.safeParse(header(req, COPY_HANDLE_HEADER));
  if (!handle.success) return { status: 400, body: fail('BAD_REQUEST', `the upload needs the ${COPY_HANDLE_HEADER} header`) };
  let name: string;
  try {
    name = decodeURIComponent(header(req, COPY_NAME_HEADER));
  } catch {
    return { status: 400, body: fail('BAD_REQUEST', `${COPY_NAME_HEADER} is not URI-encoded`) };
  }
  if (name === '' || name.length > 1000) return { status: 400, body: fail('BAD_REQUEST', `the upload needs a file name in ${COPY_NAME_HEADER}`) };
  const body = await readRawBody(req, limit);
  if (!body.ok) return { status: body.status, body: fail(body.code, body.message) };
  return { status: 200, body: await host.importCopy(handle.data, { name, bytes: body.bytes }) };
}
