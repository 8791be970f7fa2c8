import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from schema.graphql, for the two clients of the API in this repository: the
// tests (test/gql/) and the dashboard (src/dashboard/client/gql/). An operation that asks for a
// field the schema doesn't have, or code that reads a result wrongly, fails to type-check, and
// the dashboard's enumerations (AdjustmentReason, EmployeeRole, ...) come from the schema rather
// than from a copy. Run `npm run codegen` after changing an operation or the schema; CI fails when
// either folder is stale.

/** What both outputs share: enums as string unions, our scalars as the JSON they arrive as. */
const typesConfig = {
  enumsAsTypes: true,
  useTypeImports: true,
  scalars: { DateTime: 'string', ID: 'string' },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
    // The browser sends documents as text over fetch and graphql-ws: string documents
    // (TypedDocumentString) carry the text and the types, without graphql-js in the bundle.
    'src/dashboard/client/gql/': {
      documents: ['src/dashboard/client/**/*.ts', '!src/dashboard/client/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { ...typesConfig, documentMode: 'string' },
    },
  },
};

export default config;
