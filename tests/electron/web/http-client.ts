/** A raw HTTP client for the server tests: unlike fetch, it can send any Host header. */
import { request } from 'node:http';
import { TOKEN_HEADER } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): unknown;
}

export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON API call with the server's token: GET without a body, POST with one. */
export async function apiCall<T>(server: { port: number; token: string }, path: string, body?: unknown): Promise<Result<T>> {
  const res = await rawRequest(server.port, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Result<T>;
}
