// Validates an OpenAPI document with @readme/openapi-parser (a maintained fork of
// @apidevtools/swagger-parser, which checks OpenAPI 3 documents only against the JSON schema):
// the OpenAPI 3.0 JSON schema plus the rules a schema cannot express (unique operationIds, every
// path parameter declared, resolvable $refs).
// Usage: node validate.mjs <openapi.json>. Exits 1 with the validator's message when the
// document is invalid, 2 when the validator cannot run at all.
import { readFile } from 'node:fs/promises';

const file = process.argv[2];
if (!file) {
  console.error('Usage: node validate.mjs <openapi.json>');
  process.exit(2);
}

let OpenApiParser;
try {
  ({ default: OpenApiParser } = await import('@readme/openapi-parser'));
} catch (error) {
  console.error(`The validator is not installed (${error.message}). Run "npm ci --no-audit ` +
                `--no-fund" in ${new URL('.', import.meta.url).pathname} first.`);
  process.exit(2);
}

let document;
try {
  document = JSON.parse(await readFile(file, 'utf8'));
} catch (error) {
  console.error(`${file} is not readable JSON: ${error.message}`);
  process.exit(1);
}

try {
  // validate() dereferences in place; give it a copy so the counts below see the original.
  const api = await OpenApiParser.validate(structuredClone(document));
  const operations = Object.values(api.paths)
    .flatMap((item) => Object.keys(item))
    .filter((key) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(key));
  console.log(`${file}: valid OpenAPI ${api.openapi} "${api.info.title}" ${api.info.version}, ` +
              `${Object.keys(api.paths).length} paths, ${operations.length} operations`);
} catch (error) {
  console.error(`${file} is not a valid OpenAPI document:\n${error.message}`);
  process.exit(1);
}
