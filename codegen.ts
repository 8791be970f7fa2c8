import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the operations the tests send: a test that asks for a field the schema
// doesn't have, or reads the result wrongly, fails to type-check. Run `npm run codegen` after
// changing an operation or the schema; CI fails when test/gql/ is stale.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
