import costs from '../../docs/references/costs.md?raw';
import packetWalks from '../../docs/references/packet-walks.md?raw';
import models from '../../docs/models.md?raw';
import { shippedModels } from '../model/models';
import type { Route } from './router';
import { SourcesPage } from '../ui/sources/SourcesPage';

// The documents travel inside this page's chunk: cached with the site, so they open offline too.
const DOCS = { costs, 'packet-walks': packetWalks, models };

/** #/sources…: the citation registry and the reference documents. */
export function SourcesPageRoute({ route }: { route: Route }) {
  return <SourcesPage path={route.path} citations={shippedModels().citations} docs={DOCS} />;
}
