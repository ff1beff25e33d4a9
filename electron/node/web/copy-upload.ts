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
import { readBody } from './json-body';
import type { BodyFailure } from './json-body';

type Answer = { status: number; body: Result<ImportedCopy> };

/** The body's bytes, or the status and error to answer with (the rest of an oversized body is not read). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<{ ok: true; bytes: Uint8Array } | BodyFailure> {
  const body = await readBody(req, { type: 'application/octet-stream', limit, tooLarge: `the file is larger than ${Math.round(limit / 1024 / 1024)} MiB, more than copy intake reads` });
  if (!body.ok) return body;
  return { ok: true, bytes: new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength) };
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
