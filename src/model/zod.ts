// zod for every schema in the app, configured before any schema is built. Schemas are built when their
// module loads, and the bundler may load a shared chunk's schemas before the entry's own first line; a
// module every schema imports is the one place that always runs first.
import { z } from 'zod';

// No eval: zod otherwise probes `new Function('')` when it builds its first object schema, to decide
// whether to compile its parsers; under the Content-Security-Policy (no 'unsafe-eval') that probe is
// reported as a violation on every load. Jitless parsing is what the policy allows anyway.
z.config({ jitless: true });

export { z };
