/** Reading a request's body with a content type and a size limit. */
import type { IncomingMessage } from 'node:http';
import type { HostErrorCode, Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';

/** Largest request body: a page is ~100 KB of JSON, a multi-page document a few MB. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A failed read, with the HTTP status to answer with. */
export type BodyFailure = { ok: false; status: number; code: HostErrorCode; message: string };

export interface BodyRules {
  /** The only media type accepted (one a cross-site form cannot send without a CORS preflight, which is never granted). */
  type: 'application/json' | 'application/octet-stream';
  limit: number;
  /** What the editor reads when the body is over the limit. */
  tooLarge: string;
}

/**
 * The body's bytes, read while counting: past the limit the rest is drained
 * unread, so an oversized upload costs no memory.
 */
export async function readBody(req: IncomingMessage, rules: BodyRules): Promise<{ ok: true; bytes: Buffer } | BodyFailure> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== rules.type) {
    req.resume();
    return { ok: false, status: 415, code: 'BAD_REQUEST', message: `the body must be ${rules.type}` };
  }
  const tooLarge: BodyFailure = { ok: false, status: 413, code: 'TOO_LARGE', message: rules.tooLarge };
  if (Number(req.headers['content-length'] ?? NaN) > rules.limit) {
    req.resume();
    return tooLarge;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > rules.limit) {
        req.resume();
        return tooLarge;
      }
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, status: 400, code: 'BAD_REQUEST', message: 'the request body was cut off' };
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

/** The body parsed as JSON; failures carry the HTTP status to answer with. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Result<unknown> & { status?: number }> {
  const body = await readBody(req, { type: 'application/json', limit, tooLarge: `the request body is larger than ${limit} bytes` });
  if (!body.ok) return { ...fail(body.code, body.message), status: body.status };
  try {
    return ok(JSON.parse(body.bytes.toString('utf8')) as unknown);
  } catch {
    return { ...fail('BAD_REQUEST', 'the body is not valid JSON'), status: 400 };
  }
}
