import { describe, expect, it } from 'vitest';
import { parseHash, routeHash } from './router';

describe('hash routes', () => {
  it('parses a page and its parameters', () => {
    const r = parseHash('#/compare?s=abc&v=2');
    expect(r.name).toBe('compare');
    expect(r.params.get('s')).toBe('abc');
    expect(r.params.get('v')).toBe('2');
  });

  it('falls back to home for an empty or unknown route, never a blank page', () => {
    expect(parseHash('').name).toBe('home');
    expect(parseHash('#/').name).toBe('home');
    expect(parseHash('#/nowhere?x=1').name).toBe('home');
  });

  it('keeps a lesson’s id and step in the path', () => {
    const r = parseHash('#/lesson/03-the-sidecar/4?gl=0');
    expect(r).toMatchObject({ name: 'lesson', path: 'lesson/03-the-sidecar/4' });
    expect(r.params.get('gl')).toBe('0');
    expect(parseHash('#/lessons').name).toBe('lessons');
    expect(parseHash('#/lessonsx').name).toBe('home');
    expect(parseHash('#/sources/costs/9a')).toMatchObject({ name: 'sources', path: 'sources/costs/9a' });
    expect(parseHash('#/sources').name).toBe('sources');
    expect(parseHash('#/sourcesx').name).toBe('home');
  });

  it('names a lesson’s handout, and keeps presenter mode in the lesson’s parameters', () => {
    expect(parseHash('#/lesson/03-the-sidecar/handout')).toMatchObject({
      name: 'handout',
      path: 'lesson/03-the-sidecar/handout',
    });
    expect(parseHash('#/lesson/03-the-sidecar/handout/').name).toBe('handout');
    expect(parseHash('#/lesson/handout').name).toBe('lesson'); // no lesson id: the lesson page says so
    const p = parseHash('#/lesson/03-the-sidecar/4?present=1&gl=0');
    expect(p).toMatchObject({ name: 'lesson', path: 'lesson/03-the-sidecar/4' });
    expect(p.params.get('present')).toBe('1');
  });

  it('round-trips', () => {
    const p = new URLSearchParams({ s: 'a b', arch: 'ambient' });
    expect(parseHash(routeHash('simulate', p)).params.get('s')).toBe('a b');
    expect(routeHash('home')).toBe('#/');
  });
});
