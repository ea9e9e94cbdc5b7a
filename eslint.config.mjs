import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

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
    // The domain decides, Nest wires (ARCHITECTURE.md): no framework, ORM or driver in libs/domain.
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
);
