/**
 * The desk's limits refuse clearly and crash nothing: a user over the rate
 * limit is told to slow down and its steps still land (resent, not doubled);
 * a message too large for the desk is cut by the client, and a single step
 * larger than the limit is refused in words with its text reported, the
 * connection kept. On PGlite only: the limits do not depend on the database.
 */
import { describe, expect, it } from 'vitest';
import { stepsSince } from '../../../electron/node/desk/desk-store';
import { MAX_MESSAGE_BYTES } from '../../../shared/desk/protocol';
import { deskSuite, settle, storyEnd, storyText, traffic, typeInto } from './desk-harness';

describe('desk limits', () => {
  const suite = deskSuite('pglite');

  it('tells a user over the rate limit to slow down, and its steps still land once', async () => {
    const fixture = await suite.fixture('rate', { rateLimit: { burst: 3, perSecond: 20 } });
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    const log = traffic(a);
    const text = '限速测试的每一个字都要到达';
    for (const ch of text) {
      typeInto(a, 's1', ch);
      a.session.sendPresence(0, 1, 1);
      await a.until(() => a.synced);
    }
    await settle([a, b]);
    const slow = log.received.filter((m) => m['type'] === 'slow-down');
    expect(slow.length).toBeGreaterThan(0);
    expect(slow[0]!['messageZh']).toContain('过多');
    expect(storyText(b.state!.doc, 's1')).toBe(`·${text}`);
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    expect(a.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('cuts a large queue into messages that fit, and refuses a single step that is too large, keeping its text', async () => {
    const fixture = await suite.fixture('size');
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    // Three pastes of 0.45 × the limit each: more than one message may carry, so two messages.
    const chunk = '大'.repeat(Math.floor((MAX_MESSAGE_BYTES * 0.45) / 3));
    a.disconnect();
    await a.until(() => !a.session.online);
    for (let i = 0; i < 3; i++) a.edit((s) => s.tr.insertText(chunk, storyEnd(s.doc, 's1')));
    await a.connect();
    await settle([a, b]);
    const rows = await stepsSince(suite.db, 'size', 0);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(2);
    expect(storyText(b.state!.doc, 's1')).toBe(`·${chunk.repeat(3)}`);
    // One paste larger than the limit: refused in words, its text reported, the connection kept.
    const huge = '巨'.repeat(Math.ceil(MAX_MESSAGE_BYTES / 3) + 10);
    a.edit((s) => s.tr.insertText(huge, storyEnd(s.doc, 's2')));
    await a.until(() => a.lost.length > 0);
    await settle([a, b]);
    expect(a.lost[0]).toMatchObject({ reason: 'refused', code: 'too-large', text: huge });
    expect(a.session.online).toBe(true);
    typeInto(a, 's2', '小');
    await settle([a, b]);
    expect(storyText(b.state!.doc, 's2')).toBe('·小');
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
  });
});
