import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { schemaArbitraries, spoilValue, type Resolve } from './fuzz.arbitraries';

type Json = unknown;
export type Role = 'coach' | 'admin' | 'evaluator' | 'auditor' | 'none';

export interface FuzzCase {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly role: Role;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** What was spoiled, for the report of a failure. */
  readonly spoiled: string;
  /** Body fields that are free text (sealed under the participant's key), when the body has any. */
  readonly freeText: boolean;
}

export interface Operation {
  readonly method: string;
  readonly route: string;
  readonly spec: OpenAPIV3.OperationObject;
}

/** Which token an operation is called with: one its roles allow, so that the bad input, not the role, is what gets judged. */
export const roleOf = (method: string, route: string): Role => {
  if (['/health', '/metrics', '/openapi.json'].includes(route)) return 'none';
  if (route.startsWith('/evaluation')) return 'evaluator';
  if (route.startsWith('/audit')) return 'auditor';
  if (route.endsWith('/erasure')) return 'admin';
  return method === 'get' || route.startsWith('/participants') || route === '/caseload' ? 'coach' : 'admin';
};

const BAD_PATH_VALUES: { value: string; raw?: boolean }[] = [
  { value: 'not-a-uuid' },
  { value: 'a'.repeat(300) },
  { value: '%zz', raw: true },
  { value: '%00', raw: true },
  { value: '..' },
  { value: '00000000-0000-0000-0000-000000000000' },
  { value: 'é' },
  { value: '%F0%9F%98%80', raw: true },
  { value: ' ' },
];
const BAD_QUERY_VALUES = ['1e300', '-1', 'abc', '', '99999999999999999999', '1.5', ' 1', '0x10', '\u0000', 'ä', '[]', '{}', 'true'];
const BAD_HEADER_VALUES = ['short', 'has space', 'x'.repeat(300), 'W/"x"', '"99999999999"', '*', '""', 'W/"-1"', '%00'];

const setAt = (value: Json, at: (string | number)[], replacement: Json | typeof DROP): Json => {
  if (at.length === 0) return replacement === DROP ? {} : replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  if (replacement === DROP) delete node[at[at.length - 1]];
  else node[at[at.length - 1]] = replacement;
  return copy;
};
const DROP = Symbol('drop');

/** Every node of a value with its schema: the places a spoiled value can go. */
const nodesOf = (value: Json, schema: OpenAPIV3.SchemaObject, resolve: Resolve, at: (string | number)[] = []) => {
  const nodes: { at: (string | number)[]; schema: OpenAPIV3.SchemaObject }[] = [{ at, schema }];
  if (Array.isArray(value) && schema.type === 'array')
    value.forEach((item, i) => nodes.push(...nodesOf(item, resolve((schema as OpenAPIV3.ArraySchemaObject).items), resolve, [...at, i])));
  else if (value && typeof value === 'object' && schema.properties)
    for (const [name, property] of Object.entries(schema.properties))
      if (name in (value as object))
        nodes.push(...nodesOf((value as Record<string, Json>)[name], resolve(property), resolve, [...at, name]));
  return nodes;
};

const hasFreeText = (schema: OpenAPIV3.SchemaObject, resolve: Resolve, depth = 0): boolean =>
  depth < 5 &&
  Object.values(schema.properties ?? {}).some((p) => {
    const property = resolve(p);
    if (/Encrypted with the participant/.test(property.description ?? '')) return true;
    const items = property.type === 'array' ? resolve((property as OpenAPIV3.ArraySchemaObject).items) : property;
    return items.type === 'object' && hasFreeText(items, resolve, depth + 1);
  });

/** Generated bad requests for one operation of the document. */
export const casesOf = (
  document: OpenAPIV3.Document,
  operation: Operation,
  goodPathValues: (route: string, name: string) => string[],
): fc.Arbitrary<FuzzCase> => {
  const { resolve, valid } = schemaArbitraries(document);
  const { method, route, spec } = operation;
  const parameters = (spec.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const headerParams = parameters.filter((p) => p.in === 'header' && p.name !== 'X-Purpose');
  const bodySchema = (spec.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']?.schema;
  const body = bodySchema ? resolve(bodySchema) : undefined;
  const base = {
    operation: `${method.toUpperCase()} ${route}`,
    method: method.toUpperCase(),
    role: roleOf(method, route),
    freeText: body ? hasFreeText(body, resolve) : false,
  };

  const goodPath = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.constantFrom(...goodPathValues(route, p.name))])));
  const fill = (values: Record<string, string>, raw: Record<string, boolean> = {}) =>
    route.replace(/\{(\w+)\}/g, (_, name: string) => (raw[name] ? values[name] : encodeURIComponent(values[name])));
  const goodBody = body ? valid(body).map((value) => JSON.stringify(value)) : fc.constant(undefined);
  const json = { 'content-type': 'application/json' };

  const spoiledBody = body
    ? valid(body).chain((value) => {
        const nodes = nodesOf(value, body, resolve);
        return fc.nat(nodes.length - 1).chain((i) => {
          const node = nodes[i];
          const here = node.at.reduce<Json>((v, key) => (v as Record<string | number, Json>)[key], value);
          const required = (node.schema.required ?? []).filter((name) => here !== null && typeof here === 'object' && name in here);
          return fc.oneof(
            spoilValue(node.schema).map((spoil) => ({
              value: setAt(value, node.at, spoil),
              what: `${node.at.join('.') || 'body'} spoiled`,
            })),
            ...(node.schema.type === 'object' || node.schema.properties
              ? [
                  fc.string({ minLength: 1, maxLength: 8 }).map((key) => ({
                    value: setAt(value, [...node.at, `x-${key}`], 1),
                    what: `extra field in ${node.at.join('.') || 'body'}`,
                  })),
                  ...(required.length
                    ? [
                        fc.constantFrom(...required).map((name) => ({
                          value: setAt(value, [...node.at, name], DROP),
                          what: `${[...node.at, name].join('.')} missing`,
                        })),
                      ]
                    : []),
                ]
              : []),
          );
        });
      })
    : undefined;

  const arbitraries: fc.Arbitrary<FuzzCase>[] = [];
  if (spoiledBody)
    arbitraries.push(
      fc
        .record({ path: goodPath, spoil: spoiledBody })
        .map(({ path, spoil }) => ({ ...base, path: fill(path), headers: json, body: JSON.stringify(spoil.value), spoiled: spoil.what })),
      fc
        .record({
          path: goodPath,
          raw: fc.constantFrom(
            '{"occurredAt": ',
            '[1,2',
            '',
            'null',
            '"text"',
            '{"a":1}{"b":2}',
            '\u0000',
            '{"__proto__":{"x":1}}',
            '{"constructor":{"prototype":{"x":1}}}',
          ),
          type: fc.constantFrom('application/json', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded'),
        })
        .map(({ path, raw, type }) => ({
          ...base,
          path: fill(path),
          headers: { 'content-type': type },
          body: raw,
          spoiled: `raw ${type} body ${JSON.stringify(raw)}`,
        })),
    );
  if (pathParams.length > 0)
    arbitraries.push(
      fc
        .record({
          path: goodPath,
          name: fc.constantFrom(...pathParams.map((p) => p.name)),
          bad: fc.oneof(
            fc.constantFrom(...BAD_PATH_VALUES),
            fc.uuid().map((value) => ({ value, raw: false })),
          ),
          body: goodBody,
        })
        .map(({ path, name, bad, body: given }) => ({
          ...base,
          path: fill({ ...path, [name]: bad.value }, { [name]: bad.raw ?? false }),
          headers: given === undefined ? {} : json,
          body: given,
          spoiled: `path ${name}=${bad.value.slice(0, 20)}`,
        })),
    );
  const goodQuery = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [p.name, p.name === 'minPosition' ? fc.constantFrom('0', '1') : valid(p.schema!).map(String)]),
    ),
    { requiredKeys: [] },
  );
  arbitraries.push(
    fc
      .record({
        path: goodPath,
        query: goodQuery,
        name: fc.constantFrom(...queryParams.map((p) => p.name), 'unknownParameter'),
        bad: fc.oneof(fc.constantFrom(...BAD_QUERY_VALUES), fc.string({ maxLength: 300 })),
        twice: fc.boolean(),
        body: goodBody,
      })
      .map(({ path, query, name, bad, twice, body: given }) => {
        const search = new URLSearchParams(query as Record<string, string>);
        search.set(name, bad);
        if (twice) search.append(name, bad);
        return {
          ...base,
          path: `${fill(path)}?${search}`,
          headers: given === undefined ? {} : json,
          body: given,
          spoiled: `query ${name}=${bad.slice(0, 20)}${twice ? ' twice' : ''}`,
        };
      }),
  );
  if (headerParams.length > 0)
    arbitraries.push(
      fc
        .record({
          path: goodPath,
          name: fc.constantFrom(...headerParams.map((p) => p.name)),
          bad: fc.constantFrom(...BAD_HEADER_VALUES),
          body: goodBody,
        })
        .map(({ path, name, bad, body: given }) => ({
          ...base,
          path: fill(path),
          headers: { ...(given === undefined ? {} : json), [name]: bad },
          body: given,
          spoiled: `header ${name}: ${bad.slice(0, 20)}`,
        })),
    );
  return fc.oneof(...arbitraries);
};
