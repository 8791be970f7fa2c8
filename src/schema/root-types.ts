import { builder } from './builder.js';

// The root types are empty here: each domain area adds its own fields next to its types.
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
