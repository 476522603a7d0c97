import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

describe('Lru', () => {
  it('evicts the least recently used beyond capacity; a get or a set makes a key the most recent', () => {
    const lru = new Lru<number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    expect(lru.get('a')).toBe(1); // a is now the most recent: b goes next
    lru.set('d', 4);
    expect(lru.keys()).toEqual(['c', 'a', 'd']);
    lru.set('c', 5); // replacing touches too
    lru.set('e', 6);
    expect(lru.keys()).toEqual(['d', 'c', 'e']);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.has('a')).toBe(false); // has does not touch
    expect(lru.get('c')).toBe(5);
    expect(lru.size).toBe(3);
    lru.clear();
    expect(lru.size).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Lru(0)).toThrow(/capacity/);
    expect(() => new Lru(1.5)).toThrow(/capacity/);
  });
});
