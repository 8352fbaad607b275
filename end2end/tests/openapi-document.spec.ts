import { expect, test } from './fixtures/test';

// The served OpenAPI document, checked by an independent validator (the OpenAPI 3.1 JSON
// schemas, via @seriousme/openapi-schema-validator) rather than by our own code. The Rust test
// `the_document_lists_exactly_the_public_routes_the_router_serves` checks it against the router.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'no browser involved: run once');

// The validator is an ES module; Playwright loads this file as CommonJS.
const loadValidator = async () => (await import('@seriousme/openapi-schema-validator')).Validator;

test('the served OpenAPI document is valid OpenAPI 3.1 and every reference resolves', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const document = await response.json();

  const Validator = await loadValidator();
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  // Dereferencing fails on a $ref that points nowhere.
  expect(() => validator.resolveRefs()).not.toThrow();

  // The public API, widgets and charts are all in it.
  for (const path of [
    '/api/v1/surveys/{slug}/responses',
    '/api/v1/surveys/{slug}/results',
    '/api/v1/sectors',
    '/embed/{slug}',
    '/embed/{slug}/{subject}',
    '/embed.js',
    '/badge/{slug}/{file}',
    '/oembed',
    '/charts/{slug}/{file}',
  ]) {
    expect(Object.keys(document.paths), path).toContain(path);
  }
});

test('the validator rejects a broken document, so the check above can fail', async () => {
  const Validator = await loadValidator();
  const broken = {
    openapi: '3.1.0',
    info: { title: 'broken' },
    paths: { '/x': { get: { responses: { 200: { description: 1 } } } } },
  };
  const result = await new Validator().validate(broken);
  expect(result.valid).toBe(false);
});
