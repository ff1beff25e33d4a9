/**
 * Web mode's output profile upload (WEB_ROUTES.outputProfile): the browser's
 * file picker gives bytes, not a path, so the profile comes up as the body
 * (bounded while read), its name in a header; the host checks it is a CMYK
 * output profile and keeps it where the export can read it by path.
 */
import type { IncomingMessage } from 'node:http';
import type { ChosenProfile } from '../../../shared/host/host-api';
import { COPY_NAME_HEADER, MAX_PROFILE_UPLOAD_BYTES } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import type { HostService } from '../host/host-service';
import { readBody } from './json-body';

/** Handles a POST of WEB_ROUTES.outputProfile. */
export async function handleProfileUpload(
  host: HostService,
  req: IncomingMessage,
  limit = MAX_PROFILE_UPLOAD_BYTES,
): Promise<{ status: number; body: Result<ChosenProfile> }> {
  const raw = req.headers[COPY_NAME_HEADER.toLowerCase()];
  let name = '';
  try {
    name = decodeURIComponent(typeof raw === 'string' ? raw : '');
  } catch {
    req.resume();
    return { status: 400, body: fail('BAD_REQUEST', `${COPY_NAME_HEADER} is not URI-encoded`) };
  }
  if (name === '' || name.length > 1000 || /[/\\\0]/.test(name)) {
    req.resume();
    return { status: 400, body: fail('BAD_REQUEST', `the upload needs a plain file name in ${COPY_NAME_HEADER}`) };
  }
  const body = await readBody(req, {
    type: 'application/octet-stream',
    limit,
    tooLarge: `${name} is larger than any output profile (${limit / 1024 / 1024} MiB)`,
  });
  if (!body.ok) return { status: body.status, body: fail(body.code, body.message) };
  const bytes = new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength);
  return { status: 200, body: await host.uploadedOutputProfile(name, bytes) };
}
