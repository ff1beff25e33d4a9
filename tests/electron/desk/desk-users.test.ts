import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultUsersPath, loadDeskUsers } from '../../../electron/node/desk/desk-users';
import { defaultDeskDir } from '../../../electron/node/desk/desk-state-dir';

const dir = mkdtempSync(join(tmpdir(), 'banmian-desk-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('desk users', () => {
  it('creates the file on first start with one layout editor and a private random token', () => {
    const path = join(dir, 'a', 'desk-users.json');
    const { users, created, file } = loadDeskUsers(path);
    expect(created).toBe(true);
    expect(file.users).toHaveLength(1);
    expect(file.users[0]).toMatchObject({ name: 'admin', role: 'layout' });
    expect(file.users[0]!.token.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(users.authenticate('admin', file.users[0]!.token)).toEqual({ user: 'admin', role: 'layout', stories: [] });
    expect(loadDeskUsers(path).created).toBe(false);
    expect(JSON.parse(readFileSync(path, 'utf8')).users[0].token).toBe(file.users[0]!.token);
  });

  it('refuses a wrong token, an unknown user and a bad file', () => {
    const path = join(dir, 'b.json');
    writeFileSync(path, JSON.stringify({ users: [{ name: 'rep', role: 'reporter', token: 'a-long-enough-token-1', stories: ['s1'] }] }));
    const { users } = loadDeskUsers(path);
    expect(users.authenticate('rep', 'a-long-enough-token-1')).toEqual({ user: 'rep', role: 'reporter', stories: ['s1'] });
    expect(users.authenticate('rep', 'a-long-enough-token-2')).toBeNull();
    expect(users.authenticate('rep', '')).toBeNull();
    expect(users.authenticate('nobody', 'a-long-enough-token-1')).toBeNull();
    expect(users.idleMinutes).toBe(10);
    expect(users.goneSeconds).toBe(60);
    writeFileSync(path, JSON.stringify({ users: [{ name: 'x', role: 'editor-in-chief', token: 'a-long-enough-token-1' }] }));
    expect(() => loadDeskUsers(path)).toThrow(/role/);
  });

  it('keeps its files under XDG folders', () => {
    expect(defaultUsersPath({ XDG_CONFIG_HOME: '/c' }, '/home/u')).toBe('/c/banmian/desk-users.json');
    expect(defaultUsersPath({}, '/home/u')).toBe('/home/u/.config/banmian/desk-users.json');
    expect(defaultDeskDir({ XDG_STATE_HOME: '/s' }, '/home/u')).toBe('/s/banmian/desk');
    expect(defaultDeskDir({ XDG_STATE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/state/banmian/desk');
  });
});
