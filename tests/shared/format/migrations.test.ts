import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToCurrent, storedVersion } from '../../../shared/format/migrations';
import type { Migration } from '../../../shared/format/migrations';
import { FORMAT_VERSION } from '../../../shared/format/manifest';

const content = (version: unknown) => ({ manifest: { format: 'banmian', version, pages: ['pages/1.json'] }, pages: [{ n: 1 }] });

describe('migrateToCurrent', () => {
  it('leaves current files alone and has one migration per older version', () => {
    expect(FORMAT_VERSION).toBe(3);
    expect(Object.keys(MIGRATIONS)).toEqual(['1', '2']);
    const r = migrateToCurrent(content(3));
    expect(r).toEqual({ ok: true, value: { content: content(3), fromVersion: 3 } });
  });

  it('applies each step in order and stamps every version', () => {
    const seen: number[] = [];
    const migrations: Record<number, Migration> = {
      0: (c) => (seen.push(c.manifest['version'] as number), { manifest: { ...c.manifest, step0: true }, pages: c.pages.map((p) => ({ ...(p as object), v1: true })) }),
      1: (c) => (seen.push(c.manifest['version'] as number), { manifest: c.manifest, pages: c.pages.map((p) => ({ ...(p as object), v2: true })) }),
    };
    const r = migrateToCurrent(content(0), { migrations, current: 2 });
    expect(seen).toEqual([0, 1]);
    expect(r).toEqual({
      ok: true,
      value: { fromVersion: 0, content: { manifest: { format: 'banmian', version: 2, step0: true, pages: ['pages/1.json'] }, pages: [{ n: 1, v1: true, v2: true }] } },
    });
  });

  it('refuses future versions naming them, gaps in the chain, and failing steps', () => {
    expect(migrateToCurrent(content(7))).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_VERSION', message: expect.stringMatching(/version 7 .*newer Banmian.*up to version 3/) } });
    expect(migrateToCurrent(content(0), { migrations: {}, current: 1 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too old/) } });
    const broken = { 0: () => { throw new Error('page 3 has no settings'); } };
    expect(migrateToCurrent(content(0), { migrations: broken, current: 1 })).toMatchObject({ ok: false, error: { message: 'cannot upgrade the file from format version 0: page 3 has no settings' } });
  });

  it('refuses foreign manifests and invalid versions', () => {
    for (const m of [null, [], 'x', { format: 'zip', version: 1 }, { format: 'banmian' }, { format: 'banmian', version: 1.5 }, { format: 'banmian', version: -1 }, { format: 'banmian', version: '1' }]) {
      expect(storedVersion(m).ok).toBe(false);
    }
  });
});
