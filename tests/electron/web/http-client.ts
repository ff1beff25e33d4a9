/** A raw HTTP client for the server tests: unlike fetch, it can send any Host header. */
import { request } from 'node:http';
import type { HostMethodName } from '../../../shared/host/host-methods';
import { ARGS_HEADER, FILE_NAME_HEADER, methodRoute, TOKEN_HEADER } from '../../../shared/host/web-protocol';
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

/** A call of a host table method with the server's token: its arguments as a JSON array. */
export async function apiCall<T>(server: { port: number; token: string }, method: HostMethodName, ...args: unknown[]): Promise<Result<T>> {
  const res = await rawRequest(server.port, {
    method: 'POST',
    path: methodRoute(method),
    headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return res.json() as Result<T>;
}

/** The headers of an upload: the token (unless null), octet-stream, the file's name and the argument's other fields. */
export function uploadHeaders(token: string | null, name: string | null, fields: object | null): Record<string, string> {
  return {
    ...(token === null ? {} : { [TOKEN_HEADER]: token }),
    'Content-Type': 'application/octet-stream',
    ...(name === null ? {} : { [FILE_NAME_HEADER]: encodeURIComponent(name) }),
    ...(fields === null ? {} : { [ARGS_HEADER]: encodeURIComponent(JSON.stringify(fields)) }),
  };
}
