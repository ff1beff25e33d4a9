/**
 * Several desk processes on one PostgreSQL (here: two desk servers, each with
 * its own connections, as two processes would have): one authority at a time
 * per edition through the advisory lock, steps reaching the other desk's
 * clients through LISTEN/NOTIFY. Also presence, and check-outs lapsing when
 * their holder is gone.
 */
import { describe, expect, it } from 'vitest';
import { stepsSince } from '../../../electron/node/desk/desk-store';
import { deskSuite, postgresAvailable, settle, storyText, typeInto } from './desk-harness';

describe.skipIf(!postgresAvailable())('two desks on one PostgreSQL', () => {
  const suite = deskSuite('postgres');

  it("delivers each desk's steps to the other's clients and converges", async () => {
    const fixture = await suite.fixture('two-desks', { stories: 6, openMore: suite.backend.open });
    await fixture.startDesk();
    const [a, b] = [await fixture.client('sub1', 0), await fixture.client('sub2', 1)];
    const [c, d] = [await fixture.client('sub3', 0), await fixture.client('mei', 1)];
    // Concurrent messages at the same version from both desks: the lock orders them, the later one is rebased by its desk.
    for (let i = 0; i < 15; i++) {
      typeInto(a, 's1', 'a');
      typeInto(b, 's2', 'b');
      typeInto(c, 's3', 'c');
      typeInto(d, 's4', 'd');
    }
    await settle([a, b, c, d]);
    for (const x of [b, c, d]) expect(x.state!.doc.eq(a.state!.doc)).toBe(true);
    for (const [id, ch] of [['s1', 'a'], ['s2', 'b'], ['s3', 'c'], ['s4', 'd']] as const) expect(storyText(a.state!.doc, id)).toBe(`·${ch.repeat(15)}`);
    const rows = await stepsSince(suite.db, 'two-desks', 0);
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // A check-out taken on one desk is enforced by the other.
    typeInto(b, 's1', 'no');
    await b.until(() => b.lost.length > 0);
    expect(b.lost[0]).toMatchObject({ code: 'checked-out', holder: 'sub1', text: 'no' });
  });

  it('brings steps and who is where to clients of the other desk', async () => {
    const fixture = await suite.fixture('presence', { openMore: suite.backend.open });
    await fixture.startDesk();
    const [a, b] = [await fixture.client('sub1', 0), await fixture.client('mei', 1)];
    // b never sends anything: only a NOTIFY from desk 0 can bring it a's steps.
    typeInto(a, 's1', '通知');
    await b.until(() => storyText(b.state!.doc, 's1') === '·通知');
    a.session.sendPresence(0, 5, 7);
    await b.until(() => b.session.presence.some((p) => p.user === 'sub1' && p.head === 7));
    expect(b.session.presence.find((p) => p.user === 'sub1')).toMatchObject({ role: 'subeditor', page: 0, anchor: 5, head: 7 });
    a.close();
    await b.until(() => !b.session.presence.some((p) => p.user === 'sub1'));
  });

  it('lets a check-out lapse when its holder has been gone for the configured time', async () => {
    const fixture = await suite.fixture('gone', { goneSeconds: 1 });
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    typeInto(a, 's1', 'x');
    await settle([a, b]);
    expect(b.session.checkouts).toEqual({ s1: 'sub1' });
    a.close();
    // The heartbeat sweeps the lapsed check-out and tells the others.
    await b.until(() => !('s1' in b.session.checkouts));
    typeInto(b, 's1', 'y');
    await b.until(() => b.synced);
    expect(storyText(b.state!.doc, 's1')).toBe('·xy');
    expect(b.lost).toEqual([]);
  });

  it('lets a check-out lapse after the idle minutes, its holder still connected', async () => {
    const fixture = await suite.fixture('idle', { idleMinutes: 0.01 });
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    typeInto(a, 's1', 'x');
    await settle([a, b]);
    typeInto(b, 's1', 'early');
    await b.until(() => b.lost.length === 1);
    expect(b.lost[0]).toMatchObject({ code: 'checked-out', holder: 'sub1' });
    // 0.6 s without typing later, the check-out has lapsed and b's typing takes it.
    await new Promise((r) => setTimeout(r, 1000));
    typeInto(b, 's1', 'y');
    await b.until(() => b.synced);
    expect(b.lost).toHaveLength(1);
    await settle([a, b]);
    expect(storyText(a.state!.doc, 's1')).toBe('·xy');
    expect(a.session.checkouts).toEqual({ s1: 'sub2' });
  });
});
