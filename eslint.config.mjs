import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The lib a file belongs to (its folder under libs/), or null for apps, tests and benchmarks. */
function libOf(file) {
  const [top, lib] = path.relative(root, file).split(path.sep);
  return top === 'libs' ? lib : null;
}

/**
 * Which libs each lib may import (by its `@app/<name>` entry). The domain decides and depends on
 * nothing; the event store knows nothing of the domain; the platform maps store errors to HTTP;
 * the command path, read models, messaging and auth sit on those three. No lib imports an app.
 */
const LAYERS = {
  domain: [],
  'event-store': [],
  platform: ['event-store'],
  auth: ['domain', 'platform'],
  commands: ['domain', 'event-store', 'platform'],
  'read-models': ['domain', 'event-store', 'platform'],
  messaging: ['domain', 'event-store', 'platform'],
};

/** The seed data is a second entry of libs/domain (see tsconfig paths). */
const SEED_DIR = path.join(root, 'libs/domain/src/seed');
/**
 * Second entries for the command-line tools, which must start without NestJS (see tsconfig paths):
 * `@app/auth-tools` (libs/auth/src/tools.ts) and `@app/config` (libs/platform/src/config). Only apps
 * use them; a lib imports the entry of the lib itself.
 */
const TOOL_ENTRIES = ['auth-tools', 'config'];

const boundaries = {
  rules: {
    'lib-boundaries': {
      meta: {
        type: 'problem',
        messages: {
          deepAlias: '“{{source}}” reaches into a lib’s files; import its entry “@app/{{lib}}” instead.',
          deepRelative: '“{{source}}” reaches into libs/{{lib}} by a relative path; import its entry “{{entry}}” instead.',
          layer: 'libs/{{from}} may not depend on @app/{{to}} (allowed: {{allowed}}; see LAYERS in eslint.config.mjs).',
          app: 'A lib never imports an app: “{{source}}”.',
        },
      },
      create(context) {
        const file = context.filename;
        const ownLib = libOf(file);
        const isSpec = /\.(int-)?spec\.ts$/.test(file);
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string') return;
          const alias = /^@app\/([^/]+)(\/.*)?$/.exec(source);
          if (alias) {
            const [, lib, rest] = alias;
            if (rest) context.report({ node: node.source, messageId: 'deepAlias', data: { source, lib } });
            else if (TOOL_ENTRIES.includes(lib) && ownLib) {
              context.report({ node: node.source, messageId: 'layer', data: { from: ownLib, to: lib, allowed: 'none: a tools entry is for apps' } });
            } else if (ownLib && LAYERS[ownLib] && lib !== ownLib && !LAYERS[ownLib].includes(lib)) {
              const allowed = LAYERS[ownLib].map((l) => `@app/${l}`).join(', ') || 'none';
              context.report({ node: node.source, messageId: 'layer', data: { from: ownLib, to: lib, allowed } });
            }
            return;
          }
          if (!source.startsWith('.')) return;
          const target = path.resolve(path.dirname(file), source);
          const targetLib = libOf(target);
          if (targetLib && targetLib !== ownLib) {
            const entry = target.startsWith(SEED_DIR) ? '@app/seed' : `@app/${targetLib}`;
            context.report({ node: node.source, messageId: 'deepRelative', data: { source, lib: targetLib, entry } });
          }
          const top = path.relative(root, target).split(path.sep)[0];
          if (ownLib && (top === 'apps' || (top === 'test' && !isSpec))) context.report({ node: node.source, messageId: 'app', data: { source } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.cache/**', 'coverage/**', 'apps/web/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // A lib is used through its entry (@app/<name>) and only by the layers above it. Tests may reach
    // into files (the global setup runs outside Jest's module mapping).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'bench/**/*.ts'],
    plugins: { boundaries },
    rules: { 'boundaries/lib-boundaries': 'error' },
  },
  {
    // The domain decides, Nest wires (docs/architecture.md): no framework, ORM or driver in libs/domain.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@nestjs'], message: 'libs/domain is pure TypeScript: no NestJS imports.' },
            { group: ['typeorm', 'typeorm/*'], message: 'libs/domain is pure TypeScript: no TypeORM imports.' },
            { group: ['pg', 'pg/*', 'pg-*'], message: 'libs/domain is pure TypeScript: no database driver imports.' },
            { group: ['kafkajs', '@app/*'], message: 'libs/domain depends on nothing but itself.' },
          ],
        },
      ],
    },
  },
  {
    // The command path is a library of its own: no HTTP framework, no CQRS bus, no read models.
    files: ['libs/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/cqrs', '@nestjs/swagger', '@nestjs/platform-*'], message: 'libs/commands knows no HTTP and no command bus.' },
            { group: ['pg', 'pg/*', 'kafkajs'], message: 'libs/commands talks to the log through the EventStore port.' },
          ],
        },
      ],
    },
  },
);
