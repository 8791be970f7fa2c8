import { z } from 'zod';

// The same rules for every person's name, e-mail and password, wherever one is entered.
export const personName = z.string().trim().min(1, 'Name is required.').max(200, 'Name is too long.');
export const email = z.string().trim().max(254, 'E-mail address is too long.').pipe(z.email('Enter a valid e-mail address.'));
export const password = z.string().min(8, 'Password must be at least 8 characters.').max(200, 'Password is too long.');
