import type { ReactNode } from 'react';

/**
 * A table or list folded under the chart that draws it, closed at first, so each group of results fits
 * in a few screens (issue #15); its summary says what it holds, and Enter or Space opens it. Text in a
 * closed fold stays in the document, so the page's search still finds it.
 */
export function Fold({
  summary,
  children,
  testId,
}: {
  summary: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <details className="fold" data-testid={testId}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
