import { describe, expect, it } from 'vitest';
import { Store } from '../../../renderer/base/store';

describe('Store', () => {
  it('tells its subscribers after a change, and not when the value is the same', () => {
    const s = new Store(1);
    let told = 0;
    const off = s.subscribe(() => told++);
    expect(s.set(1)).toBe(false);
    expect(s.set(2)).toBe(true);
    expect(s.getSnapshot()).toBe(2);
    expect(told).toBe(1);
    off();
    s.set(3);
    expect(told).toBe(1);
  });

  it('compares with the owner’s equality, and passes the new value to `changed`', () => {
    const s = new Store({ n: 1 }, (a, b) => a.n === b.n);
    const seen: number[] = [];
    s.changed((v) => seen.push(v.n));
    s.set({ n: 1 });
    s.set({ n: 5 });
    expect(seen).toEqual([5]);
  });

  it('hands React a stable subscribe and getSnapshot', () => {
    const s = new Store('a');
    const { subscribe, getSnapshot } = s;
    s.set('b');
    expect(getSnapshot()).toBe('b');
    let told = false;
    subscribe(() => (told = true));
    s.set('c');
    expect(told).toBe(true);
  });
});
