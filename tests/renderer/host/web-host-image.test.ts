import { describe, expect, it } from 'vitest';
import { createWebHost } from '../../../renderer/host/web-host';
import { ARGS_HEADER, FILE_NAME_HEADER, MAX_IMAGE_UPLOAD_BYTES, methodRoute, TOKEN_HEADER } from '../../../shared/host/web-protocol';

function setup(pick: () => Promise<{ name: string; size: number; body: Uint8Array } | null> = async () => null) {
  const sent: { url: string; headers: Headers; body: unknown }[] = [];
  const host = createWebHost({
    origin: 'http://127.0.0.1:9000',
    token: 'secret',
    prompt: () => null,
    pickImage: pick,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers), body: init?.body });
      const value = { name: 'x', hash: 'a'.repeat(64), pixelWidth: 10, pixelHeight: 20 };
      return new Response(JSON.stringify({ ok: true, value }), { status: 200 });
    }) as typeof fetch,
  });
  return { host, sent };
}

describe('WebHost.importImage', () => {
  it('uploads the dropped bytes as octet-stream with the document and the URI-encoded name', async () => {
    const { host, sent } = setup();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const r = await host.importImage({ handle: 'h1', file: { name: '湖畔 1.jpg', bytes } });
    expect(r.ok && r.value?.pixelHeight).toBe(20);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`http://127.0.0.1:9000${methodRoute('importImage')}`);
    const h = sent[0]!.headers;
    expect([h.get(TOKEN_HEADER), h.get('Content-Type'), JSON.parse(decodeURIComponent(h.get(ARGS_HEADER)!)), h.get(FILE_NAME_HEADER)]).toEqual([
      'secret',
      'application/octet-stream',
      { handle: 'h1' },
      encodeURIComponent('湖畔 1.jpg'),
    ]);
    expect(sent[0]!.body).toBe(bytes);
  });

  it('asks the file picker without a file; null and no request when it is cancelled', async () => {
    const { host, sent } = setup(async () => null);
    expect(await host.importImage({ handle: 'h1' })).toEqual({ ok: true, value: null });
    expect(sent).toHaveLength(0);
  });

  it('refuses a picked file over the upload limit without sending it', async () => {
    const { host, sent } = setup(async () => ({ name: 'huge.jpg', size: MAX_IMAGE_UPLOAD_BYTES + 1, body: new Uint8Array(1) }));
    const r = await host.importImage({ handle: 'h1' });
    expect(!r.ok && r.error.code).toBe('TOO_LARGE');
    expect(sent).toHaveLength(0);
  });
});
