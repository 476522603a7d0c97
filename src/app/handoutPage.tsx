// Wires a lesson's handout (#/lesson/<id>/handout): the lesson, its comparisons run in the run worker
// through the lesson host, and the names, glossary and sources it prints.
import { useEffect, useMemo, useState } from 'react';
import type { LoadedLesson } from '../model/lessons';
import { LessonNotFound, useShippedLessons } from './shippedLessonsView';
import { Handout } from '../ui/lessons/Handout';
import type { EngineClient } from '../worker/client';
import { createHandoutSession, type HandoutSession } from './handoutFigures';
import { catalogs } from './lessonCatalogs';
import { workerComparisons } from './lessonComparisons';
import type { Route } from './router';

export function HandoutPageRoute({
  route,
  engine,
}: {
  route: Route;
  engine: Pick<EngineClient, 'compareShard'>;
}) {
  const id = /^lesson\/([0-9]{2}-[a-z0-9-]+)\/handout$/.exec(route.path)?.[1];
  const loaded = useShippedLessons();
  const lesson = id ? loaded.lessons.find((l) => l.id === id) : undefined;
  if (!lesson) return <LessonNotFound what="Handout" path={route.path} error={loaded.error} />;
  return <HandoutSessionView key={lesson.id} lesson={lesson} engine={engine} />;
}

function HandoutSessionView({
  lesson,
  engine,
}: {
  lesson: LoadedLesson;
  engine: Pick<EngineClient, 'compareShard'>;
}) {
  const cat = useMemo(catalogs, []);
  const [session, setSession] = useState<HandoutSession | null>(null);
  // Made in the effect, so a disposed session is never started again (StrictMode runs effects twice).
  useEffect(() => {
    const s = createHandoutSession(lesson, workerComparisons(engine));
    s.start();
    setSession(s);
    return s.dispose;
  }, [lesson, engine]);
  if (!session) return <p role="status">Preparing the handout…</p>;
  return (
    <Handout
      lesson={lesson}
      runs={session.runs}
      stepRun={session.stepRun}
      figures={session}
      glossary={cat.glossary}
      citation={cat.citation}
      cite={cat.ctx.cite}
      names={cat.names}
      presetName={cat.presetName}
    />
  );
}
