import { getMetadataStorage, validate, type ValidationError, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError, getMetadataStorage as getGraphMetadataStorage, type ValidatorFn } from "type-graphql";

/**
 * Argument validation, as type-graphql's own `validate: true` does it (class-validator, the same options, the
 * same ArgumentValidationError naming field and rule), without its per-call cost: type-graphql runs
 * `await import("class-validator")` for every object-valued argument of every resolved field (under tsx each
 * one is a round trip to the loader's worker thread), and validates classes that have no rule at all, such as
 * ConnectionArgs, which `contacts(first:)` and `locations(first:)` pass once per customer. Here class-validator is
 * imported once and a class without rules (nor rules inherited, nor nested ones, which are rules too) is not
 * walked: class-validator could not find anything wrong with it.
 */
export const validateArgs: ValidatorFn = (argValue, argType) => {
  if (argValue === null || typeof argValue !== "object" || !hasValidationRules(argType)) return;
  const items = Array.isArray(argValue) ? argValue.filter((item) => item !== null && typeof item === "object") : [argValue];
  if (items.length === 0) return;
  return Promise.all(items.map((item) => validate(item as object, OPTIONS))).then((results) => {
    // type-graphql reports the first invalid item's findings (Promise.all over validateOrReject).
    const failed = results.find((errors) => errors.length > 0);
    if (failed) throw new ArgumentValidationError(failed as ValidationError[]);
  });
};

/**
 * For an argument its resolver validates itself (mutation inputs: findings become UserErrors). With a global
 * `validateFn`, type-graphql ignores an argument's `validate: false`; an argument's own validateFn wins.
 */
export const validatedInResolver: ValidatorFn = () => undefined;

// type-graphql's defaults for `validate: true` (resolvers/validate-arg.js in type-graphql 2).
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const rulesByType = new Map<unknown, boolean>();

/** Whether class-validator has any rule to check on instances of `type` (a class), cached per type. */
export function hasValidationRules(type: unknown): boolean {
  let known = rulesByType.get(type);
  if (known === undefined) {
    // Every rule the class or its ancestors declare, whatever its groups: the same set class-validator checks.
    known = typeof type === "function" && getMetadataStorage().getTargetValidationMetadatas(type, "", false, false).length > 0;
    rulesByType.set(type, known);
  }
  return known;
}

/**
 * `validate: false` on an argument would be ignored silently under a global validateFn: refuse it at start.
 * Such an argument says `validateFn: validatedInResolver` instead.
 */
export function assertNoArgumentOptOuts(): void {
  const params = (getGraphMetadataStorage() as unknown as { params: Array<{ validateSettings?: unknown; validateFn?: unknown; methodName: string; index: number }> }).params;
  const ignored = params.find((p) => p.validateSettings === false && p.validateFn === undefined);
  if (ignored) {
    throw new Error(`${ignored.methodName} argument ${ignored.index}: use { validateFn: validatedInResolver } instead of { validate: false }`);
  }
}
