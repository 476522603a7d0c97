// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoutPageRoute } from './handoutPage';
import { LessonPageRoute } from './lessonPage';
import { parseHash } from './router';

afterEach(cleanup);

// Neither page reaches the engine when the link names no lesson.
const engine = {
  compareShard: () => {
    throw new Error('not expected');
  },
};

describe('a link to a lesson that is not shipped', () => {
  it('the lesson page says so, names the link and leads to the course', () => {
    render(<LessonPageRoute route={parseHash('#/lesson/99-no-such-lesson/2')} engine={engine} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lesson not found');
    expect(screen.getByRole('alert').textContent).toContain(
      'There is no lesson at “lesson/99-no-such-lesson/2”.',
    );
    expect(screen.getByRole('link', { name: 'See all lessons' }).getAttribute('href')).toBe('#/lessons');
  });

  it('the handout page says so too', () => {
    render(<HandoutPageRoute route={parseHash('#/lesson/99-no-such-lesson/handout')} engine={engine} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Handout not found');
    expect(screen.getByRole('alert').textContent).toContain('lesson/99-no-such-lesson/handout');
  });
});
