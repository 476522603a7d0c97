// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findTerm, glossaryIndex } from '../../model/glossary';
import { shippedLessonContext } from '../../model/lessonContext';
import { LessonText, type TextContext } from './LessonText';

const index = glossaryIndex(shippedLessonContext().glossary);
const ctx = (figure: TextContext['figure'] = () => null): TextContext => ({
  term: (t) => findTerm(index, t),
  figure,
  cite: (id) => (id === 'istio-perf-1-24' ? { short: 'Istio, 1.24', title: 'Performance' } : undefined),
});

describe('lesson text', () => {
  it('shows markup as the characters it is: no HTML from a lesson reaches the page', () => {
    const { container } = render(
      <LessonText text={'<img src=x onerror="alert(1)"> and <b>bold</b>'} ctx={ctx()} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror="alert(1)"> and <b>bold</b>');
  });

  it('paragraphs, lists, emphasis and code', () => {
    const { container } = render(
      <LessonText text={'One **two** *three* `four`\nstill one.\n\n- a\n- b'} ctx={ctx()} />,
    );
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'One two three four still one.',
    ]);
    expect(container.querySelector('strong')?.textContent).toBe('two');
    expect(container.querySelector('em')?.textContent).toBe('three');
    expect(container.querySelector('code')?.textContent).toBe('four');
    expect([...container.querySelectorAll('li')].map((l) => l.textContent)).toEqual(['a', 'b']);
  });

  it('a glossary term is a button opening its definition; Escape closes it and focus returns', () => {
    render(<LessonText text="Each pod has a [[sidecar|proxy beside it]]." ctx={ctx()} />);
    const term = screen.getByRole('button', { name: 'proxy beside it' });
    expect(term).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(term);
    expect(term).toHaveAttribute('aria-expanded', 'true');
    const pop = screen.getByRole('dialog', { name: /Glossary: sidecar/i });
    expect(term.getAttribute('aria-controls')).toBe(pop.id);
    expect(pop.textContent).toMatch(/^sidecar: /i);
    fireEvent.keyDown(pop, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(term);
  });

  it('figures from the run: an ellipsis until the run has them; citations named and linked', () => {
    const text =
      'Sidecars add {{addedLatencyP50:sidecar-envoy}} here; Istio states 0.20 vCPU [@istio-perf-1-24].';
    const { container, rerender } = render(<LessonText text={text} ctx={ctx()} />);
    expect(screen.getByTestId('lesson-figure').textContent).toBe('…');
    rerender(
      <LessonText text={text} ctx={ctx((p) => (p.architecture === 'sidecar-envoy' ? '187 µs' : null))} />,
    );
    expect(screen.getByTestId('lesson-figure').textContent).toBe('187 µs');
    expect(container.querySelector('cite')?.textContent).toBe(' (Istio, 1.24)');
    // …and each opens its source's entry on the Sources page.
    expect(container.querySelector('cite a')?.getAttribute('href')).toBe(
      '#/sources/citation/istio-perf-1-24',
    );
  });
});
