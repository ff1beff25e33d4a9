/**
 * The desk serves the whole edition (docs/decisions/0028): the reference
 * edition as the renderer loads it, every page under one `edition` node.
 * Clients typing on different pages converge, check-out and the reporter's
 * rule find a story on an inner page, and an edition stored as a single page
 * by an earlier desk is still served as that page. On PGlite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { fetchDeskAssets } from '../../../electron/node/desk/desk-assets';
import type { DeskAsset } from '../../../electron/node/desk/desk-store';
import { USERS } from './desk-harness';
import { editionDocument, storedAsPage } from '../../../electron/node/desk/edition-source';
import { schema } from '../../../shared/model/schema';
import type { Backend } from './desk-harness';
import { deskSuite, pageWithStories, postgresAvailable, settle, storyText, typeInto } from './desk-harness';

const REFERENCE = 'fixtures/reference-edition.banmian';
const backends: Backend[] = ['pglite', 'postgres'];

/** The ids of the stories on page `index` of an edition, in order. */
function storiesOn(edition: Node, index: number): string[] {
  const ids: string[] = [];
  edition.child(index).forEach((block) => {
    if (block.type.name === 'story' && typeof block.attrs['id'] === 'string') ids.push(block.attrs['id']);
  });
  return ids;
}

describe.each(backends)('desk serving a whole edition on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAvailable();
  const suite = deskSuite(backend, { skip });
  let reference: unknown;
  let assets: DeskAsset[];
  let edition: Node;
  let count = 0;
  const next = () => `reference-${++count}`;

  beforeAll(async () => {
    if (skip) return;
    const loaded = await editionDocument(REFERENCE);
    if (!loaded.ok) throw new Error(loaded.error.message);
    reference = loaded.value.doc;
    assets = loaded.value.assets;
    edition = schema.nodeFromJSON(reference);
  });

  it.skipIf(skip)('serves every page of the file under one edition node', async () => {
    const fixture = await suite.fixture(next(), { doc: reference });
    const a = await fixture.client('sub1');
    const doc = a.state!.doc;
    expect(doc.type.name).toBe('edition');
    expect(doc.childCount).toBeGreaterThanOrEqual(4);
    expect(doc.childCount).toBe(edition.childCount);
    expect(doc.eq(edition)).toBe(true);
  });

  it.skipIf(skip)('serves the edition’s images to its users, and to nobody else', async () => {
    const name = next();
    const fixture = await suite.fixture(name, { doc: reference, assets });
    expect(assets.length).toBeGreaterThan(0);
    const token = USERS.users.find((u) => u.name === 'sub1')!.token;
    const got = await fetchDeskAssets({ url: fixture.desks[0]!.url, edition: name, user: 'sub1', token });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.map((a) => a.entry.hash).sort()).toEqual(assets.map((a) => a.entry.hash).sort());
    expect(Buffer.from(got.value[0]!.bytes).equals(Buffer.from(assets.find((a) => a.entry.hash === got.value[0]!.entry.hash)!.bytes))).toBe(true);
    const wrong = await fetchDeskAssets({ url: fixture.desks[0]!.url, edition: name, user: 'sub1', token: 'not-the-token-of-sub1' });
    expect(wrong.ok).toBe(false);
    const unknown = await fetchDeskAssets({ url: fixture.desks[0]!.url, edition: 'no-such', user: 'sub1', token });
    expect(unknown.ok).toBe(false);
  });

  it.skipIf(skip)('two clients typing on page 1 and page 3 converge', async () => {
    const fixture = await suite.fixture(next(), { doc: reference });
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    const one = storiesOn(edition, 0)[0]!;
    const three = storiesOn(edition, 2)[0]!;
    const before = { one: storyText(edition, one), three: storyText(edition, three) };
    for (let i = 0; i < 8; i++) {
      typeInto(a, one, '一');
      typeInto(b, three, '三');
    }
    await settle([a, b]);
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    expect(storyText(a.state!.doc, one)).toBe(before.one + '一'.repeat(8));
    expect(storyText(a.state!.doc, three)).toBe(before.three + '三'.repeat(8));
    expect([a, b].flatMap((x) => x.lost)).toEqual([]);
    // Each took the check-out of the story it typed in, on its page.
    expect(a.session.checkouts).toEqual({ [one]: 'sub1', [three]: 'sub2' });
  });

  it.skipIf(skip)('check-out works for a story on page 3', async () => {
    const fixture = await suite.fixture(next(), { doc: reference });
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    const three = storiesOn(edition, 2)[0]!;
    const before = storyText(edition, three);
    typeInto(a, three, '稿');
    await settle([a, b]);
    expect(b.session.checkouts).toEqual({ [three]: 'sub1' });
    typeInto(b, three, '改');
    await b.until(() => b.lost.length > 0);
    await settle([a, b]);
    expect(b.lost[0]).toMatchObject({ reason: 'refused', code: 'checked-out', block: three, holder: 'sub1', text: '改' });
    expect(storyText(b.state!.doc, three)).toBe(`${before}稿`);
    a.session.checkin(three);
    await b.until(() => !(three in b.session.checkouts));
    typeInto(b, three, '改');
    await settle([a, b]);
    expect(storyText(a.state!.doc, three)).toBe(`${before}稿改`);
    expect(a.session.checkouts).toEqual({ [three]: 'sub2' });
  });

  it.skipIf(skip)('a reporter is refused on another’s story on an inner page', async () => {
    const fixture = await suite.fixture(next(), { doc: reference });
    const [rep, sub] = [await fixture.client('rep'), await fixture.client('sub1')];
    const three = storiesOn(edition, 2)[0]!;
    expect(three).not.toBe('s3');
    typeInto(rep, three, '记');
    await rep.until(() => rep.lost.length > 0);
    await settle([rep, sub]);
    expect(rep.lost[0]).toMatchObject({ reason: 'refused', code: 'not-your-story', block: three, text: '记' });
    expect(storyText(sub.state!.doc, three)).toBe(storyText(edition, three));
    expect(rep.state!.doc.eq(edition)).toBe(true);
  });

  it.skipIf(skip)('moving a block on page 3 is the layout editor’s: a subeditor is refused', async () => {
    const fixture = await suite.fixture(next(), { doc: reference });
    const [sub, mei] = [await fixture.client('sub1'), await fixture.client('mei')];
    const three = storiesOn(edition, 2)[0]!;
    const move = (c: typeof sub) =>
      c.edit((state) => {
        let at = -1;
        state.doc.child(2).forEach((block, offset) => {
          if (block.attrs['id'] === three) at = offset;
        });
        const pageStart = state.doc.child(0).nodeSize + state.doc.child(1).nodeSize + 1;
        const block = state.doc.nodeAt(pageStart + at)!;
        return state.tr.setNodeAttribute(pageStart + at, 'line', Number(block.attrs['line']) + 1);
      });
    move(sub);
    await sub.until(() => sub.lost.length > 0);
    expect(sub.lost[0]).toMatchObject({ reason: 'refused', code: 'layout-only' });
    move(mei);
    await settle([sub, mei]);
    expect(mei.lost).toEqual([]);
    expect(sub.state!.doc.eq(mei.state!.doc)).toBe(true);
  });

  it.skipIf(skip)('an edition stored as a single page by an earlier desk is still served as that page', async () => {
    const name = next();
    const fixture = await suite.fixture(name, { doc: pageWithStories(2).toJSON() });
    expect(await storedAsPage(suite.db, name)).toBe(true);
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    expect(a.state!.doc.type.name).toBe('page');
    typeInto(a, 's1', 'a');
    typeInto(b, 's2', 'b');
    await settle([a, b]);
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    expect(storyText(a.state!.doc, 's2')).toBe('·b');
    expect(await storedAsPage(suite.db, next())).toBe(false);
  });
});
