// Lint: TypeScript syntax rules plus the layer rule from docs/ARCHITECTURE.md —
// dependencies between src/ layers point one way (model ← engine ← worker/cli; machines ← scene/ui; app on top).
import tseslint from 'typescript-eslint';

const LAYERS = ['design', 'model', 'engine', 'worker', 'machines', 'scene', 'ui', 'app', 'cli'];
const VIEW_LIBS = [
  'react',
  'react-dom',
  'three',
  'xstate',
  '@xstate/react',
  '@react-three/fiber',
  '@react-three/drei',
];

/** Which of our layers each layer may import (values), and which it may import only as types. */
const ALLOWED = {
  // Design tokens: pure data the views share; they import nothing.
  design: { values: [], types: [] },
  model: { values: [], types: [] },
  engine: { values: ['model'], types: [] },
  worker: { values: ['engine', 'model'], types: [] },
  cli: { values: ['engine', 'model'], types: [] },
  machines: { values: ['model'], types: ['engine', 'worker'] },
  scene: { values: ['design', 'machines', 'model'], types: ['engine', 'worker'] },
  ui: { values: ['design', 'machines', 'model'], types: ['engine', 'worker'] },
  app: { values: LAYERS, types: [] },
};

const layerRegex = (names) => `^(\\.{1,2}/)+(\\.\\./)*(${names.join('|')})(/|$)`;

function layerRule(layer) {
  const { values, types } = ALLOWED[layer];
  const others = LAYERS.filter((l) => l !== layer);
  const forbidden = others.filter((l) => !values.includes(l) && !types.includes(l));
  const patterns = [];
  if (forbidden.length)
    patterns.push({
      regex: layerRegex(forbidden),
      message: `src/${layer} may not import these layers (see docs/ARCHITECTURE.md).`,
    });
  if (types.length)
    patterns.push({
      regex: layerRegex(types),
      allowTypeImports: true,
      message: `src/${layer} may import only types from this layer.`,
    });
  // Other layers enter the engine through its index (src/engine/index.ts), never a deeper path.
  if (layer !== 'engine' && (values.includes('engine') || types.includes('engine')))
    patterns.push({
      regex: '^(\\.{1,2}/)+(\\.\\./)*engine/(?!index(\\.ts)?$).+',
      message: 'Import the engine through src/engine/index.ts (its public entry), not a deeper path.',
    });
  const headless = ['design', 'model', 'engine', 'worker', 'cli', 'machines'].includes(layer);
  const paths = headless
    ? VIEW_LIBS.filter((p) => !(layer === 'machines' && p === 'xstate')).map((name) => ({
        name,
        message: `src/${layer} must stay free of view libraries.`,
      }))
    : [];
  // zod only through src/model/zod.ts, which sets jitless mode before any schema is built (no eval
  // under the security policy, whatever order the bundle's chunks load in).
  paths.push({
    name: 'zod',
    allowTypeImports: true,
    message: 'Import z from src/model/zod.ts (it configures zod before any schema is built).',
  });
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}', '**/*.bench.ts', 'src/model/zod.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] },
  };
}

const determinism = {
  files: ['src/engine/**/*.ts', 'src/machines/**/*.ts'],
  ignores: ['**/*.test.ts', '**/*.bench.ts'],
  rules: {
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded streams in src/engine/rng.' },
      { object: 'Date', property: 'now', message: 'Simulated time only.' },
      { object: 'performance', property: 'now', message: 'Simulated time only.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date']", message: 'Simulated time only.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...LAYERS.map(layerRule),
  determinism,
);
