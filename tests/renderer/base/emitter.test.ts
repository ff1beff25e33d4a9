import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../renderer/base/emitter';

describe('Emitter', () => {
  it('fires the value to every listener until each unsubscribes', () => {
    const e = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const offA = e.event((v) => a.push(v));
    e.event((v) => b.push(v));
    e.fire(1);
    offA();
    e.fire(2);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });

  it('keeps two subscriptions of the same function apart', () => {
    const e = new Emitter<void>();
    let calls = 0;
    const listener = () => calls++;
    const off = e.event(listener);
    e.event(listener);
    off();
    e.fire();
    expect(calls).toBe(1);
  });

  it('finishes a round when a listener unsubscribes another while firing', () => {
    const e = new Emitter<void>();
    const seen: string[] = [];
    // eslint-disable-next-line prefer-const
    let offB: () => void;
    e.event(() => {
      seen.push('a');
      offB();
    });
    offB = e.event(() => seen.push('b'));
    e.fire();
    e.fire();
    expect(seen).toEqual(['a', 'b', 'a']);
  });

  it('drops every listener on dispose', () => {
    const e = new Emitter<void>();
    let calls = 0;
    e.event(() => calls++);
    e.dispose();
    e.fire();
    expect(calls).toBe(0);
  });
});
