import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Arbitraries derived from the served document's schemas: valid values, and the ways to spoil them. */
export const schemaArbitraries = (document: OpenAPIV3.Document) => {
  const resolve = (schema: Schema): OpenAPIV3.SchemaObject => {
    if ('$ref' in schema) return resolve(document.components!.schemas![schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), ...(schema.nullable ? { nullable: true } : {}) };
    return schema;
  };

  const validString = (schema: OpenAPIV3.SchemaObject): fc.Arbitrary<string> => {
    if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
    if (schema.format === 'date-time')
      return fc
        .date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2026-08-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => `${d.toISOString().slice(0, 19)}Z`);
    if (schema.format === 'date')
      return fc
        .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2026-08-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    if (schema.format === 'uuid') return fc.uuid();
    const max = Math.min(schema.maxLength ?? 40, 40);
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 10_000));
    return fc.string({ minLength: Math.max(schema.minLength ?? 0, 2), maxLength: Math.max(max, 2) });
  };

  const valid = (input: Schema, depth = 0): fc.Arbitrary<Json> => {
    const schema = resolve(input);
    switch (schema.type) {
      case 'string':
        return validString(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
      case 'number':
        return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 100, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(valid(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
      default: {
        const properties = Object.entries(schema.properties ?? {});
        if (properties.length === 0) return fc.constant({});
        return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valid(property, depth + 1)])), {
          requiredKeys: schema.required ?? [],
        }) as fc.Arbitrary<Json>;
      }
    }
  };

  return { resolve, valid };
};

export type Resolve = ReturnType<typeof schemaArbitraries>['resolve'];

const deep = (levels: number, kind: 'array' | 'object'): Json => {
  let value: Json = 1;
  for (let i = 0; i < levels; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
};

export const IMPOSSIBLE_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T10:00:00Z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T10:60:00Z',
  '2026-03-02T10:00:00+99:99',
  '2026-03-02T10:00:00+24:00',
  '0000-01-01T00:00:00Z',
  '2025-02-29T10:00:00Z',
  '2026-02-30',
  '2025-02-29',
  '1899-12-31',
  '+02026-03-02T10:00:00Z',
  '2026-3-2T10:00:00Z',
];

export const ODD_STRINGS = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\uffff\ufffe',
  'e\u0301\u0301\u0301',
  '😀👩‍👩‍👧',
  ' ',
  '',
  '\t\n\r',
  '${jndi:ldap://x}',
  "'; DROP TABLE events; --",
  '__proto__',
  '%00',
  '\\u0000',
];

export const BOUNDARY_NUMBERS = [-1, 0, 0.5, -0.5, 1e300, -1e300, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 1e-300];

/** One way to spoil a value of this schema: a wrong type, null, too long, too deep, impossible, out of range or odd. */
export const spoilValue = (schema: OpenAPIV3.SchemaObject): fc.Arbitrary<Json> => {
  const common: fc.Arbitrary<Json>[] = [
    fc.constant(null),
    fc.constantFrom<Json>(deep(40, 'array'), deep(2_000, 'object'), deep(33, 'object')),
    fc.string({ minLength: 2_001, maxLength: 4_000 }),
  ];
  switch (schema.type) {
    case 'string': {
      const dates = schema.format === 'date-time' || schema.format === 'date' ? [fc.constantFrom(...IMPOSSIBLE_DATES)] : [];
      return fc.oneof(
        ...common,
        ...dates,
        fc.constantFrom<Json>(...ODD_STRINGS),
        fc.constantFrom<Json>(1, true, [], {}, ['x']),
        fc.constant('x'.repeat((schema.maxLength ?? 2000) + 1)),
      );
    }
    case 'integer':
    case 'number':
      return fc.oneof(
        ...common,
        fc.constantFrom<Json>(...BOUNDARY_NUMBERS, (schema.minimum ?? 0) - 1, (schema.maximum ?? 1_000_000) + 1),
        fc.constantFrom<Json>('1', '1e300', true, [], {}),
      );
    case 'boolean':
      return fc.oneof(...common, fc.constantFrom<Json>('true', 1, 0, [], {}));
    case 'array':
      return fc.oneof(...common, fc.constantFrom<Json>({}, 'x', 1, { 0: 'a' }), fc.constant(Array.from({ length: 50 }, () => ({}))));
    default:
      return fc.oneof(...common, fc.constantFrom<Json>([], 'x', 1, true, [{}]));
  }
};
