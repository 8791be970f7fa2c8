// `npm run demo`: loads two demo retailers into the configured database (DATA_DIR or DATABASE_URL)
// and prints how to sign in as them. Running it again only prints the sign-ins.
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadDemoData } from './load-demo.js';

try {
  const config = loadConfig();
  const { db } = await openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const accounts = await loadDemoData(db, config);

    const where =
      config.database.kind === 'postgres' ? 'the PostgreSQL database at DATABASE_URL' : `embedded PostgreSQL in ${config.database.dataDir}`;
    console.log(`Demo data in ${where}:\n`);
    for (const account of accounts) {
      const kind = account.legacy
        ? 'legacy account: negative inventory off, an admin may turn it on'
        : 'newer account: negative inventory always on';
      console.log(`  ${account.name} (${kind})${account.created ? '' : ' - already loaded, left as it was'}`);
      for (const login of account.logins) {
        console.log(`    ${login.role.toLowerCase().padEnd(8)} ${login.email.padEnd(36)} password: ${login.password}`);
      }
      console.log('');
    }
    const [example] = accounts[0]!.logins;
    console.log(
      [
        `Start the server (npm start) and open http://localhost:${config.port}/graphql. Sign in with:`,
        '',
        `  mutation { signIn(input: { email: "${example!.email}", password: "${example!.password}" }) {`,
        '    ... on SignInPayload { token } ... on Error { message } } }',
        '',
        'then send the token in the Authorization header: { "Authorization": "Bearer <token>" }.',
      ].join('\n'),
    );
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
