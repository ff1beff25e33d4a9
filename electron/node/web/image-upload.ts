/**
 * Web mode's image upload (WEB_ROUTES.importImage): the image's bytes as the
 * body, bounded while it is read, the document and file name in headers
 * (the same pattern as the copy upload), all validated with zod.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { ImportedImage } from '../../../shared/host/host-api';
import { COPY_HANDLE_HEADER, COPY_NAME_HEADER, MAX_IMAGE_UPLOAD_BYTES } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import type { HostService } from '../host/host-service';
import { handleSchema, issueLine } from './api-schemas';
import { readBody } from './json-body';

const uploadHeaders = z.object({
  handle: handleSchema,
  name: z.string().min(1, `the upload needs a file name in ${COPY_NAME_HEADER}`).max(1000),
});

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' ? v : '';
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 1024)} MiB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/** Handles a POST of WEB_ROUTES.importImage. */
export async function handleImageUpload(
  host: HostService,
  req: IncomingMessage,
  limit = MAX_IMAGE_UPLOAD_BYTES,
): Promise<{ status: number; body: Result<ImportedImage> }> {
  let name: string;
  try {
    name = decodeURIComponent(header(req, COPY_NAME_HEADER));
  } catch {
    req.resume();
    return { status: 400, body: fail('BAD_REQUEST', `${COPY_NAME_HEADER} is not URI-encoded`) };
  }
  const parsed = uploadHeaders.safeParse({ handle: header(req, COPY_HANDLE_HEADER), name });
  if (!parsed.success) {
    req.resume();
    return { status: 400, body: fail('BAD_REQUEST', issueLine(parsed.error)) };
  }
  const body = await readBody(req, { type: 'application/octet-stream', limit, tooLarge: `${parsed.data.name} is larger than ${sizeText(limit)}` });
  if (!body.ok) return { status: body.status, body: fail(body.code, body.message) };
  const bytes = new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength);
  return { status: 200, body: await host.importImage(parsed.data.handle, { name: parsed.data.name, bytes }) };
}
