// Instances of the API's schemas from json-schema-faker (the generator Prism ships), for
// the contract tests: for every operation, its parameters and request body; for every
// component schema, a few values. Nothing here comes from the SDK or its generator.
//
// usage: node fake_instances.cjs SPEC.json OUT.json NODE_MODULES_DIR
//
// Seeds 1, 2 and 3 differ in how many optional properties they fill: none, about half,
// all (and seed 1 leaves path parameters to the calling code). An instance the faker
// cannot produce is written as {"error": "..."}.
'use strict';

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [specPath, outPath, nodeModules] = process.argv.slice(2);
if (!specPath || !outPath || !nodeModules) {
  console.error('usage: node fake_instances.cjs SPEC.json OUT.json NODE_MODULES_DIR');
  process.exit(2);
}
// Resolved as a package from Prism's node_modules (its `exports` pick the CommonJS build).
const load = createRequire(path.resolve(nodeModules) + path.sep);
const { JSONSchemaFaker: jsf } = load('json-schema-faker');
const { faker } = load('@faker-js/faker');
const seedrandom = load('seedrandom');
jsf.extend('faker', () => faker);

const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
const SEEDS = [1, 2, 3];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function options(seed) {
  const common = {
    failOnInvalidTypes: false,
    failOnInvalidFormat: false,
    ignoreMissingRefs: false,
    refDepthMax: 3,
    random: seedrandom(`instances-${seed}`),
  };
  if (seed === 1) return { ...common, requiredOnly: true, alwaysFakeOptionals: false };
  if (seed === 2) return { ...common, requiredOnly: false, alwaysFakeOptionals: false, optionalsProbability: 0.5 };
  return { ...common, requiredOnly: false, alwaysFakeOptionals: true, optionalsProbability: 1 };
}

// A schema faked with its `$ref`s inlined, and a copy of the spec's components beside it
// for the `$ref`s of a cycle. (json-schema-faker counts the uses of each `$ref` against a
// random budget from 0 to `refDepthMax`, and past it writes `{}`: a `status: {}` where
// the schema says an enum. Only a cycle needs that guard. It also edits the schemas it
// is given, hence the copies.)
function fake(schema, seed) {
  jsf.option(options(seed));
  try {
    const inlined = inline(schema, []);
    const cyclic = JSON.stringify(inlined).includes('"$ref"');
    const root = cyclic ? { ...inlined, components: structuredClone(spec.components) } : inlined;
    return { value: jsf.generate(root) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

// A copy of a schema with each `$ref` replaced by its target, except a `$ref` met again
// inside itself (a cycle), which is left for the faker.
function inline(node, chain) {
  if (Array.isArray(node)) return node.map((item) => inline(item, chain));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (chain.includes(node.$ref)) return { ...node };
    const { $ref, ...siblings } = node;
    return inline({ ...deref({ $ref }), ...siblings }, [...chain, $ref]);
  }
  const copy = {};
  for (const [key, value] of Object.entries(node)) copy[key] = inline(value, chain);
  return copy;
}

function deref(node) {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref.replace(/^#\//, '').split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at, key) => (at ? at[key] : undefined), spec);
  }
  return node;
}

// The parameters of an operation as one object schema. Prism reads an absent `deepObject`
// parameter as an empty object and checks its required properties, so such a parameter
// is always sent. Seed 1 leaves the path parameters out: the calling code then fills them
// with plausible values of its own (`web_1`).
function parameterSchema(pathItem, operation, seed) {
  const properties = {};
  const required = [];
  const params = [...(pathItem.parameters || []), ...(operation.parameters || [])].map(deref);
  for (const p of params) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    if (p.in === 'path' && seed === 1) continue;
    const schema = JSON.parse(JSON.stringify(p.schema || {}));
    // A path segment is never empty.
    if (p.in === 'path' && schema.type === 'string' && schema.minLength === undefined) schema.minLength = 1;
    properties[p.name] = schema;
    const target = deref(p.schema) || {};
    if (p.required || (p.style === 'deepObject' && Array.isArray(target.required) && target.required.length)) {
      required.push(p.name);
    }
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

const operations = {};
for (const [route, pathItem] of Object.entries(spec.paths || {})) {
  for (const method of METHODS) {
    const operation = pathItem[method];
    if (!operation) continue;
    const body = operation.requestBody && deref(operation.requestBody);
    const bodySchema = body && body.content && body.content['application/json'] && body.content['application/json'].schema;
    operations[operation.operationId] = SEEDS.map((seed) => {
      const instance = { seed };
      const params = fake(parameterSchema(pathItem, operation, seed), seed);
      if (params.error) instance.error = `parameters: ${params.error}`;
      else instance.params = params.value;
      if (bodySchema) {
        const value = fake(bodySchema, seed);
        if (value.error) instance.error = `body: ${value.error}`;
        else instance.body = value.value;
      }
      return instance;
    });
  }
}

const schemas = {};
for (const [name, schema] of Object.entries((spec.components && spec.components.schemas) || {})) {
  schemas[name] = SEEDS.map((seed) => {
    const value = fake(schema, seed);
    return value.error ? { seed, error: value.error } : { seed, value: value.value };
  });
}

const version = jsf.VERSION || 'unknown version';
fs.writeFileSync(outPath, JSON.stringify({ generator: `json-schema-faker ${version}`, operations, schemas }, null, 1));
console.log(`instances: ${Object.keys(operations).length} operations, ${Object.keys(schemas).length} schemas -> ${outPath}`);
