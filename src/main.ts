// Reads the configuration from the environment and runs the server until SIGTERM or SIGINT.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
try {
  app = await buildApp(config);
  ({ url } = await app.start());
} catch (error) {
  // A port in use or a database that can't be reached: say so plainly and exit non-zero.
  console.error(`The server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const database = config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PostgreSQL in ${config.database.dataDir}`;
app.logger.info({ url, database }, `Negative inventory API ready at ${url} (${database})`);
if (config.operatorTokenGenerated) {
  // Printed once, on stderr: stdout is the JSON log stream, which log shippers collect and keep.
  // A newcomer still sees it in the terminal and can create an account.
  console.error(
    `\nNo OPERATOR_TOKEN was set, so this run uses a generated one:\n\n  ${config.operatorToken}\n\n` +
      `Send it as "Authorization: Bearer <token>" to call createAccount.\n`,
  );
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // Requests in flight get 8 s to finish before their connections are cut; should closing
    // still hang, the process exits at 10 s regardless.
    setTimeout(() => process.exit(1), 10_000).unref();
    app.stop({ graceMs: 8_000 }).then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
