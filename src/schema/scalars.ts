import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

// ISO 8601 in UTC with milliseconds (the contract), e.g. 2026-11-27T08:30:00.000Z.
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !isoDateTime.test(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 string with a time zone, e.g. 2026-01-31T09:00:00.000Z.');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`${value} is not a valid DateTime.`);
  return date;
}

export const DateTime = builder.scalarType('DateTime', {
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return parseDateTime(ast.value);
  },
});
