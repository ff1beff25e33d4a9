/**
 * A table method's arguments from an HTTP request: a JSON array, or for a
 * method with the `upload` hint the file's bytes as the body with its name
 * and the argument's other fields in headers (shared/host/web-protocol.ts).
 * One reader for every upload: the headers are checked against the table
 * before a byte of the body is read, and the body is bounded while it is read.
 */
import type { IncomingMessage } from 'node:http';
import type { HostMethodName } from '../../../shared/host/host-methods';
import { checkHostArguments, HOST_METHODS } from '../../../shared/host/host-methods';
import { ARGS_HEADER, FILE_NAME_HEADER } from '../../../shared/host/web-protocol';
import { readBody, readJsonBody } from './json-body';
import type { BodyFailure } from './json-body';

/** The arguments, or the status and error to answer with. */
export type ReadArguments = { ok: true; args: unknown } | BodyFailure;

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' ? v : null;
}

function badRequest(req: IncomingMessage, message: string): BodyFailure {
  // The body is never read: drain it so the answer goes out.
  req.resume();
  return { ok: false, status: 400, code: 'BAD_REQUEST', message };
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 1024)} MiB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/** Reads a method's arguments; `limit` overrides an upload's (tests). */
export async function readMethodArguments(method: HostMethodName, req: IncomingMessage, limit?: number): Promise<ReadArguments> {
  const spec = HOST_METHODS[method];
  if (!('upload' in spec)) {
    const body = await readJsonBody(req);
    return body.ok ? { ok: true, args: body.value } : { ok: false, status: body.status ?? 400, code: body.error.code, message: body.error.message };
  }
  let name: string;
  let fields: unknown;
  try {
    name = decodeURIComponent(header(req, FILE_NAME_HEADER) ?? '');
    fields = JSON.parse(decodeURIComponent(header(req, ARGS_HEADER) ?? '%7B%7D'));
  } catch {
    return badRequest(req, `${FILE_NAME_HEADER} and ${ARGS_HEADER} must be URI-encoded (the latter JSON)`);
  }
  if (name === '') return badRequest(req, `the upload needs a file name in ${FILE_NAME_HEADER}`);
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return badRequest(req, `${ARGS_HEADER} must be a JSON object`);
  const argsWith = (bytes: Uint8Array) => [{ ...fields, file: { name, bytes } }];
  // Everything but the bytes is checked before the body is read.
  const early = checkHostArguments(method, argsWith(new Uint8Array(0)));
  if (!early.ok) return badRequest(req, early.error.message);
  const max = limit ?? spec.upload.limit;
  const body = await readBody(req, { type: 'application/octet-stream', limit: max, tooLarge: `${name} is larger than ${sizeText(max)}` });
  if (!body.ok) return body;
  return { ok: true, args: argsWith(new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength)) };
}
