/**
 * Images placed during a desk session (docs/decisions/0036): the layout
 * editor's host uploads an image to the desk, kept by its hash; any user of
 * the edition fetches it by hash. Other roles may not upload, bytes must
 * match their hash, and an image the desk does not hold is simply absent.
 */
import { describe, expect, it } from 'vitest';
import { fetchDeskAssets, uploadDeskAsset } from '../../../electron/node/desk/desk-assets';
import { editionAssets } from '../../../electron/node/desk/desk-store';
import { assetEntry } from '../../../electron/node/storage/assets';
import type { AssetData } from '../../../electron/node/storage/index';
import { deskSuite, USERS } from './desk-harness';

const token = (user: string) => USERS.users.find((u) => u.name === user)!.token;

/** Not a real JPEG: the desk keeps bytes by hash and leaves decoding to the hosts. */
function image(text: string): AssetData {
  const bytes = new TextEncoder().encode(text);
  return { entry: assetEntry(bytes, { mime: 'image/jpeg', width: 40, height: 30 }, 'new.jpg'), bytes };
}

describe('images uploaded to the desk during a session', () => {
  const suite = deskSuite('pglite');

  it('keeps the layout editor’s upload by hash and serves it to any user, alone or with the rest', async () => {
    const fixture = await suite.fixture('images');
    const url = fixture.desks[0]!.url;
    const as = (user: string) => ({ url, edition: 'images', user, token: token(user) });
    const a = image('one image');
    expect((await fetchDeskAssets(as('sub1'), a.entry.hash))).toEqual({ ok: true, value: [] });
    expect((await uploadDeskAsset(as('mei'), a)).ok).toBe(true);
    // Twice is harmless.
    expect((await uploadDeskAsset(as('mei'), a)).ok).toBe(true);
    const one = await fetchDeskAssets(as('sub1'), a.entry.hash);
    if (!one.ok) throw new Error(one.error.message);
    expect(one.value).toHaveLength(1);
    expect(one.value[0]!.entry).toEqual(a.entry);
    expect(Buffer.from(one.value[0]!.bytes).toString()).toBe('one image');
    const all = await fetchDeskAssets(as('sub2'));
    expect(all.ok && all.value.map((x) => x.entry.hash)).toEqual([a.entry.hash]);
  });

  it('refuses an upload from another role, with a wrong hash or size, from a stranger, or to no edition', async () => {
    const fixture = await suite.fixture('images-refused');
    const url = fixture.desks[0]!.url;
    const as = (user: string, edition = 'images-refused') => ({ url, edition, user, token: token(user) });
    const good = image('good');
    const sub = await uploadDeskAsset(as('sub1'), good);
    expect(sub.ok ? null : sub.error.code).toBe('FORBIDDEN');
    const wrongHash = { entry: { ...good.entry, hash: image('other').entry.hash }, bytes: good.bytes };
    expect((await uploadDeskAsset(as('mei'), wrongHash)).ok).toBe(false);
    const wrongSize = { entry: { ...good.entry, bytes: good.bytes.length + 1 }, bytes: good.bytes };
    expect((await uploadDeskAsset(as('mei'), wrongSize)).ok).toBe(false);
    expect((await uploadDeskAsset({ ...as('mei'), token: 'not-the-token-000000' }, good)).ok).toBe(false);
    expect((await uploadDeskAsset(as('mei', 'no-such-edition'), good)).ok).toBe(false);
    expect(await editionAssets(suite.db, 'images-refused')).toEqual([]);
  });
});
