// ESLint: typescript-eslint's recommended rules, import cycles, and the layout's own rules
// (README, Architecture), so that they hold without anyone remembering them. Formatting is
// Prettier's (.prettierrc.json); `npm run lint` runs both checks, as CI does.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'test-artifacts/', 'test/gql/', 'src/dashboard/client/gql/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      // A cycle makes what a module sees at import time depend on who imported first.
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Services and their SQL hold the rules: they never reach into the GraphQL layer. Domain
    // errors become GraphQL errors in one place (src/errors/, src/server/errors.ts).
    files: ['src/**/*.service.ts', 'src/**/*.sql.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'graphql', importNames: ['GraphQLError'], message: 'Throw a domain error (src/errors/domain-errors.ts).' }],
          patterns: [{ group: ['**/*.schema.js'], message: 'Services and SQL never import from schema files.' }],
        },
      ],
    },
  },
  {
    // Transactions open in one place (src/db/transaction.ts), so that every one of them is
    // opened the same way and the functions that need one can say so in their types.
    files: ['src/**/*.ts'],
    ignores: ['src/db/transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'Open transactions with inTransaction (src/db/transaction.ts).',
        },
      ],
    },
  },
  {
    // Migrations are frozen in time: they never import the application.
    // They describe the database as it was then, so they use Kysely<any> rather than today's types.
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'Migrations never import src/.' }] }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
