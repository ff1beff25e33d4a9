/** `banmian web --desk URL --edition NAME --user NAME [--token T]`: the desk to join, or a clear refusal. */
import { afterEach, describe, expect, it } from 'vitest';
import { deskArguments } from '../../../electron/node/commands/web';

describe('banmian web --desk', () => {
  const saved = process.env['BANMIAN_DESK_TOKEN'];
  afterEach(() => {
    if (saved === undefined) delete process.env['BANMIAN_DESK_TOKEN'];
    else process.env['BANMIAN_DESK_TOKEN'] = saved;
  });

  it('is null without --desk, and refuses desk options without it', () => {
    expect(deskArguments({})).toBeNull();
    expect(() => deskArguments({ user: 'sub1' })).toThrow(/go with --desk/);
  });

  it('takes the URL, edition, user and token', () => {
    expect(deskArguments({ desk: 'http://127.0.0.1:8400', edition: 'front', user: '王编辑', token: 't1' })).toEqual({
      url: 'http://127.0.0.1:8400',
      edition: 'front',
      user: '王编辑',
      token: 't1',
    });
  });

  it('takes the token from $BANMIAN_DESK_TOKEN when it is not on the command line', () => {
    process.env['BANMIAN_DESK_TOKEN'] = 'from-env';
    expect(deskArguments({ desk: 'http://127.0.0.1:8400', edition: 'front', user: 'a' })?.token).toBe('from-env');
  });

  it('names what is missing or wrong', () => {
    expect(() => deskArguments({ desk: '127.0.0.1:8400', edition: 'e', user: 'u' })).toThrow(/--desk must be the URL/);
    expect(() => deskArguments({ desk: 'http://127.0.0.1:8400', user: 'u' })).toThrow(/--edition/);
    expect(() => deskArguments({ desk: 'http://127.0.0.1:8400', edition: 'e' })).toThrow(/--user/);
  });
});
