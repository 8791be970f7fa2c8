import { GraphQLError } from 'graphql';
import { builder } from '../schema/builder.js';

builder.subscriptionField('negativeInventoryAlerts', (t) =>
  t.string({
    subscribe: () => {
      throw new GraphQLError('negativeInventoryAlerts is not implemented yet.');
    },
    resolve: (value: string) => value,
  }),
);
