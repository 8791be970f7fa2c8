// `npm run migrate`: bring the configured database to the latest migration and exit.
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from './database.js';
import { migrateDatabase } from './migrate.js';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  const applied = await migrateDatabase(database, config.database);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  await database.db.destroy();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
