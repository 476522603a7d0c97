import { ScenarioSchema, type Scenario, type ScenarioInput } from './scenario';
import { SimSpecSchema, type SimSpec, type SimSpecInput } from './simSpec';

/**
 * Trusted types. Input is parsed once where it enters — a link, a file, the models, a worker message —
 * and from then on travels as a `Valid<…>` value, so the compiler, the estimate, the footprint, the
 * Compare session and the engine never parse it again. The brand is a type (no cast makes one outside
 * this file) backed by a WeakSet, so functions that also accept raw input (tests, the CLI) can tell at
 * run time whether it still needs checking. Structured cloning (a worker message) drops the mark: the
 * receiving side parses again, as it should at an entry.
 */
declare const valid: unique symbol;
export type Valid<T, Tag extends string> = T & { readonly [valid]: Tag };

/** A scenario the schema accepted (defaults filled in). */
export type ValidScenario = Valid<Scenario, 'scenario'>;
/** An engine spec the schema accepted, or one the scenario compiler built from a valid scenario. */
export type ValidSimSpec = Valid<SimSpec, 'spec'>;

const vouched = new WeakSet<object>();

function mark<T extends object, Tag extends string>(x: T): Valid<T, Tag> {
  vouched.add(x);
  return x as Valid<T, Tag>;
}

/** Whether `x` came out of a parse here (or a builder that vouches for it). */
export function isVouched(x: unknown): boolean {
  return typeof x === 'object' && x !== null && vouched.has(x);
}

/** Parses a scenario (throws a ZodError on bad input). */
export function parseScenario(input: unknown): ValidScenario {
  return mark(ScenarioSchema.parse(input));
}

/** The scenario as is when it is already trusted; parsed otherwise (raw input from tests and the CLI). */
export function validScenario(input: ScenarioInput | Scenario | ValidScenario): ValidScenario {
  return isVouched(input) ? (input as ValidScenario) : parseScenario(input);
}

/**
 * A scenario derived by code from a valid one with values of the right type (another profile, the
 * sweep's load): trusted without a parse. Only for changes the types already guarantee.
 */
export function derivedScenario(from: ValidScenario, change: (s: Scenario) => Scenario): ValidScenario {
  return mark(change(from));
}

/** Marks a scenario the schema has just accepted (scenarioCodec's parse, with its checks across fields). */
export function vouchScenario(parsed: Scenario): ValidScenario {
  return mark(parsed);
}

/** Parses an engine spec (throws a ZodError on bad input). */
export function parseSimSpec(input: unknown): ValidSimSpec {
  return mark(SimSpecSchema.parse(input));
}

/** The spec as is when trusted, parsed otherwise. */
export function validSimSpec(input: SimSpecInput | SimSpec | ValidSimSpec): ValidSimSpec {
  return isVouched(input) ? (input as ValidSimSpec) : parseSimSpec(input);
}

/**
 * A spec built by trusted code (the scenario compiler) with every field the schema would fill set,
 * or a valid spec with a field replaced by a value of the right type (a replication's seed, the
 * sweep's load). The simulation still checks references (routes, stations) as it compiles the network.
 */
export function vouchSimSpec(spec: SimSpec): ValidSimSpec {
  return mark(spec);
}

/** What a derived spec replaces in its base: the load and the run length (a sweep point's). */
export type SpecPatch = Pick<SimSpec, 'load' | 'run'>;

const derivations = new WeakMap<object, { base: ValidSimSpec; patch: SpecPatch }>();

/**
 * A valid spec with its load and run length replaced (a sweep point), remembering what it came from:
 * a worker that holds the base is sent only the patch, not the megabytes the two share.
 */
export function deriveSimSpec(base: ValidSimSpec, patch: SpecPatch): ValidSimSpec {
  const spec = vouchSimSpec({ ...base, load: patch.load, run: patch.run });
  derivations.set(spec, { base, patch });
  return spec;
}

/** The base and patch a spec was derived from (deriveSimSpec), if it was. */
export function derivationOf(spec: unknown): { base: ValidSimSpec; patch: SpecPatch } | undefined {
  return typeof spec === 'object' && spec !== null ? derivations.get(spec) : undefined;
}
