// Writes src/design/tokens.css from src/design/tokens.ts (`npm run tokens`); src/design/tokens.test.ts
// fails while the two differ, so the page's custom properties cannot drift from the scene's values.
import { writeFileSync } from 'node:fs';
import { renderTokensCss } from '../src/design/tokens.ts';

writeFileSync(new URL('../src/design/tokens.css', import.meta.url), renderTokensCss());
console.log('wrote src/design/tokens.css');
