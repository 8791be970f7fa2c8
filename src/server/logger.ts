import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/config.js';

/**
 * Structured JSON logs on stdout. Tokens and passwords never reach a log line: requests are
 * logged by method, path, status and duration only, and these paths are redacted in case an
 * object carrying them is ever logged.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['authorization', '*.authorization', 'password', '*.password', 'token', '*.token', 'operatorToken'],
      censor: '[redacted]',
    },
  });
}
