import glossaryJson from '../../../lessons/glossary/glossary.json';
import { findTerm, glossaryIndex, GlossarySchema, type GlossaryEntry } from '../../model/glossary';

/**
 * The glossary for pages other than the lessons, loaded on the first popover opened (a dynamic
 * import of this module), so the glossary's text never weighs on a page's initial JavaScript. The
 * build already validated the file (scripts/checkLessons); parsing here only fills its defaults.
 */
const index = glossaryIndex(GlossarySchema.parse(glossaryJson));

export const lookupTerm = (term: string): GlossaryEntry | undefined => findTerm(index, term);
