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
  '^@app/auth-tools$': '<rootDir>/libs/auth/src/tools',
  '^@app/config$': '<rootDir>/libs/platform/src/config',
  '^@app/(event-store|domain|platform|auth|messaging|read-models|commands)$': '<rootDir>/libs/$1/src',
  '^@app/(event-store|domain|platform|auth|messaging|read-models|commands)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// NestJS 12, jose, nestjs-pino… ship ESM only. Jest requires them as Node does (require(esm)) through
// node:vm modules, which takes Node 24.9+ started with --experimental-vm-modules: `npm test`,
// `npm run test:unit` and `npm run test:int` run it so (the devDependency `node` is v24).
if (typeof require('node:vm').SourceTextModule?.prototype.hasAsyncGraph !== 'function') {
  throw new Error(
    `Jest needs Node 24.9+ with --experimental-vm-modules; this is Node ${process.version}, NODE_OPTIONS="${process.env.NODE_OPTIONS ?? ''}". ` +
      'Run `npm run test:unit -- <path>` / `npm run test:int -- <path>`, or `NODE_OPTIONS=--experimental-vm-modules npx jest …`.',
  );
}
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  // One worker on a 2-core machine would otherwise mean running in band: every file in Jest's own
  // process, whose heap grows by what each e2e file leaves behind (224 MB after the first file, 1.4 GB
  // after 40), until late files run in a heap near V8's limit, where collection takes seconds. With a
  // limit, files run in a worker that is replaced once a file leaves it holding more than this.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
