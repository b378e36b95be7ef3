import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import {
  getMetadataStorage,
  ValidationTypes,
  type MetadataStorage,
  type ValidationArguments,
  type ValidationError,
  type ValidatorOptions,
} from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type ConstraintMetadata = ReturnType<MetadataStorage['getTargetValidatorConstraints']>[number];
type Target = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

type Check = (object: object, value: unknown) => boolean;
/** Whether an object passes every rule of its class; `undefined` where a rule cannot be decided here (see `compile`). */
type Plan = (object: object) => boolean | undefined;

const storage = getMetadataStorage();
const { CUSTOM_VALIDATION, NESTED_VALIDATION, CONDITIONAL_VALIDATION, IS_DEFINED, WHITELIST } = ValidationTypes;

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;
const itemsOf = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  Array.isArray(value) ? value : [...value.values()];

/** One custom rule (IsString, Matches, ValidateBy, ...) as class-validator applies it: each item of a collection with `each`. */
const customCheck = (metadata: ValidationMetadata, constraints: readonly ConstraintMetadata[]): Check | undefined => {
  if (constraints.some((constraint) => constraint.async)) return undefined;
  return (object, value) => {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName: object.constructor?.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    for (const { instance } of constraints) {
      const items = metadata.each && isCollection(value) ? itemsOf(value) : [value];
      for (const item of items) if ((instance.validate(item, args) as unknown) !== true) return false;
    }
    return true;
  };
};

/**
 * The rules of one class, read from class-validator's metadata once, as one function. A rule it
 * cannot decide without promises (async validators, promised values) makes it answer `undefined`.
 */
const compile = (target: Target, schema: string | undefined, options: ValidatorOptions, plans: PlanCache): Plan => {
  const all = storage.getTargetValidationMetadatas(target, schema!, options.always ?? false, options.strictGroups ?? false, options.groups);
  if (all.length === 0) return () => false;
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of all) byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  const properties = [...byProperty].map(([name, metadatas]) => {
    const conditions = metadatas.filter((m) => m.type === CONDITIONAL_VALIDATION).map((m) => m.constraints[0] as Check);
    const checks = metadatas
      .filter((m) => m.type === IS_DEFINED || m.type === CUSTOM_VALIDATION)
      .map((m) => customCheck(m, storage.getTargetValidatorConstraints(m.constraintCls)));
    const nested = metadatas.filter((m) => m.type === NESTED_VALIDATION);
    const undecidable = checks.includes(undefined) || metadatas.some((m) => m.type === ValidationTypes.PROMISE_VALIDATION);
    const known = metadatas.filter((m) => m.type !== WHITELIST).length;
    return { name, conditions, checks: checks as Check[], nested, undecidable, known };
  });
  const allowed = new Set(byProperty.keys());
  const nestedOk = (metadata: ValidationMetadata, value: unknown): boolean | undefined => {
    if (!(value instanceof Object)) return false;
    const targetSchema = typeof metadata.target === 'string' ? metadata.target : metadata.target.name;
    return plans.get(value.constructor, targetSchema)(value);
  };
  return (object) => {
    if (options.whitelist) for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
    for (const property of properties) {
      if (property.undecidable) return undefined;
      if (property.known === 0) continue;
      const value = (object as Record<string, unknown>)[property.name];
      if (value instanceof Promise) return undefined;
      if (!property.conditions.every((condition) => condition(object, value))) continue;
      for (const check of property.checks) if (!check(object, value)) return false;
      if (value === undefined) continue;
      for (const metadata of property.nested) {
        for (const item of isCollection(value) ? itemsOf(value) : [value]) {
          const ok = nestedOk(metadata, item);
          if (ok !== true) return ok;
        }
      }
    }
    return true;
  };
};

class PlanCache {
  private readonly plans = new Map<Target, Map<string | undefined, Plan>>();

  constructor(private readonly options: ValidatorOptions) {}

  get(target: Target, schema: string | undefined): Plan {
    let bySchema = this.plans.get(target);
    if (!bySchema) this.plans.set(target, (bySchema = new Map()));
    let plan = bySchema.get(schema);
    if (!plan) {
      // A class that refers to itself meets its own plan while it is being compiled.
      const compiled: { plan?: Plan } = {};
      bySchema.set(schema, (object) => compiled.plan!(object));
      compiled.plan = plan = compile(target, schema, this.options, this);
      bySchema.set(schema, plan);
    }
    return plan;
  }
}

/** Options under which class-validator may skip, stop early or pick rules by group: left to class-validator itself. */
const interpretedOnly = (options: ValidatorOptions): boolean =>
  Boolean(
    options.skipMissingProperties ||
    options.skipNullProperties ||
    options.skipUndefinedProperties ||
    options.stopAtFirstError ||
    options.always ||
    options.strictGroups ||
    (options.groups && options.groups.length > 0),
  );

/**
 * Nest's ValidationPipe, with the DTOs' class-validator rules compiled once per class into a
 * function that tells whether a body passes them all. A body that passes is answered at once; any
 * other (or one the compiled rules cannot decide) is validated by class-validator itself, so every
 * refusal and its messages are class-validator's, as before. Interpreting the metadata per
 * request was a tenth of the API's CPU.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly compiled: PlanCache | undefined;

  constructor(options: ValidationPipeOptions) {
    super(options);
    const validatorOptions = this.validatorOptions;
    this.compiled = interpretedOnly(validatorOptions) ? undefined : new PlanCache(validatorOptions);
  }

  protected override validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    if (this.compiled && object.constructor instanceof Function && this.compiled.get(object.constructor, undefined)(object) === true)
      return [];
    return super.validate(object, validatorOptions);
  }
}
