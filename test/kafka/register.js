/* Lets `node -r ./test/kafka/register.js script.ts` run the repo's TypeScript (child processes of
 * the fault tests): @app/* path aliases and .ts files compiled by @swc/core, the same transform jest uses. */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const REPO = path.resolve(__dirname, '../..');
const ALIAS = /^@app\/(event-store|domain|platform|auth|messaging|read-models|commands)(\/.*)?$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = ALIAS.exec(request);
  if (m) request = path.join(REPO, 'libs', m[1], 'src', m[2] ?? '');
  return resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  });
  module._compile(code, filename);
};
