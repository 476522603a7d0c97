// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { shippedLessons } from '../../model/shippedLessons';
import { CoursePage } from './CoursePage';

describe('course page', () => {
  const lessons = shippedLessons();

  it('lists every lesson with minutes, level, objectives and progress, terms shown as plain words', () => {
    render(
      <CoursePage
        lessons={lessons}
        progressOf={(id) =>
          id === '03-the-sidecar'
            ? { step: 2, furthest: 4, completed: false, bets: {} }
            : id === '01-what-a-mesh-does'
              ? { step: 11, furthest: 11, completed: true, bets: {} }
              : null
        }
      />,
    );
    const items = within(screen.getByTestId('course-list')).getAllByRole('listitem', { name: undefined });
    const top = items.filter((li) => li.hasAttribute('data-lesson'));
    expect(top).toHaveLength(lessons.length);
    const first = top[0];
    expect(within(first).getByRole('heading', { level: 2 })).toHaveTextContent('What a mesh does for a call');
    expect(first).toHaveTextContent('10 min · beginner · Completed');
    expect(first).toHaveTextContent('see what a service mesh adds'); // [[service mesh]] rendered as words
    expect(first.textContent).not.toContain('[[');
    expect(within(first).getByRole('list', { name: /Objectives of What a mesh does/ }).children).toHaveLength(
      2,
    );
    const third = top.find((li) => li.getAttribute('data-lesson') === '03-the-sidecar')!;
    expect(within(third).getByTestId('lesson-progress')).toHaveTextContent(
      `Reached step 5 of ${lessons[2].steps.length}`,
    );
    expect(within(top[1]).getByTestId('lesson-progress')).toHaveTextContent('Not started');
    // Every lesson links its printable handout.
    expect(within(first).getByTestId('open-handout').getAttribute('href')).toBe(
      '#/lesson/01-what-a-mesh-does/handout',
    );
    expect(within(first).getByRole('link', { name: 'Handout: What a mesh does for a call' })).toBeTruthy();
  });

  it('says when saved progress could not be read', () => {
    render(
      <CoursePage
        lessons={lessons}
        progressOf={() => null}
        problem="Saved lesson progress could not be read"
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Saved lesson progress could not be read');
  });
});
