/**
 * A refused step inside a message refuses only what must be refused
 * (docs/decisions/0036): one message whose middle step types into a story
 * another user holds. The authority refuses the message; the client takes
 * back that step (and any other the same rule refuses), reports its text,
 * and sends the rest again, which commits. On PGlite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { stepsSince } from '../../../electron/node/desk/desk-store';
import type { Backend } from './desk-harness';
import { deskSuite, postgresAvailable, settle, storyEnd, storyText, traffic, typeInto } from './desk-harness';

const backends: Backend[] = ['pglite', 'postgres'];

describe.each(backends)('a refused step inside a message on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAvailable();
  const suite = deskSuite(backend, { skip });

  it.skipIf(skip)('commits the message’s other steps and reports only the refused one, with its text', async () => {
    const fixture = await suite.fixture('partial');
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    typeInto(a, 's1', 'held');
    await settle([a, b]);
    expect(b.session.checkouts).toEqual({ s1: 'sub1' });
    const seen = traffic(b);
    // One transaction, one message: own story, the held story, own story again.
    b.edit((s) => {
      const tr = s.tr.insertText('x', storyEnd(s.doc, 's2'));
      tr.insertText('y', storyEnd(tr.doc, 's1'));
      return tr.insertText('z', storyEnd(tr.doc, 's2'));
    });
    await b.until(() => b.lost.length > 0);
    await settle([a, b]);
    expect(seen.sent.filter((m) => m['type'] === 'steps')[0]!['steps']).toHaveLength(3);
    expect(b.lost).toHaveLength(1);
    expect(b.lost[0]).toMatchObject({ reason: 'refused', code: 'checked-out', block: 's1', holder: 'sub1', text: 'y' });
    for (const c of [a, b]) {
      expect(storyText(c.state!.doc, 's2')).toBe('·xz');
      expect(storyText(c.state!.doc, 's1')).toBe('·held');
    }
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    // The log holds a's four characters and b's two: the refused step never reached it.
    expect((await stepsSince(suite.db, 'partial', 0)).length).toBe(6);
  });
});
