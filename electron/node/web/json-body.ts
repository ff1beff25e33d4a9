/** Reading a request's JSON body with a size limit. */
import type { IncomingMessage } from 'node:http';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';

/** Largest request body: a page is ~100 KB of JSON, a multi-page document a few MB. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The body parsed as JSON; failures carry the HTTP status to answer with. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Result<unknown> & { status?: number }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // application/json cannot be sent cross-site without a CORS preflight, which we never grant.
  if (type !== 'application/json') return { ...fail('BAD_REQUEST', 'the body must be application/json'), status: 415 };
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    return { ...fail('TOO_LARGE', `the request body is larger than ${limit} bytes`), status: 413 };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        req.resume();
        return { ...fail('TOO_LARGE', `the request body is larger than ${limit} bytes`), status: 413 };
      }
      chunks.push(chunk);
    }
  } catch {
    return { ...fail('BAD_REQUEST', 'the request body could not be read'), status: 400 };
  }
  try {
    return ok(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
  } catch {
    return { ...fail('BAD_REQUEST', 'the body is not valid JSON'), status: 400 };
  }
}
