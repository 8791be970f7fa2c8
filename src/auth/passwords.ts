import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

// Passwords are hashed with Argon2id at the OWASP Password Storage Cheat Sheet's parameters
// (2024/2025: m = 19 MiB, t = 2, p = 1), through @node-rs/argon2: the reference algorithm in Rust,
// shipped prebuilt inside its npm packages, run off the event loop. Measured on this project's
// 2-core machine: about 20-30 ms a hash, and 19 MiB each; scrypt at OWASP's parameters
// (N = 2^17, r = 8) took 0.7-1.1 s and 128 MiB, which tests creating many accounts, and a burst
// of sign-ins, could not afford.
//
// Every hash is a self-describing string (PHC format for Argon2id, `scrypt$N$r$p$salt$key` for
// the scrypt hashes written before), so older hashes still verify. signIn replaces a hash whose
// algorithm or parameters are not the current ones (needsRehash) once its password is known.

/** Algorithm.Argon2id: the package's enum is an ambient const enum, which isolatedModules can't read. */
const argon2id = 2 as Algorithm;

export const argon2Parameters = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Unicode normalization first, so the same password typed on another keyboard or OS still matches. */
function normalized(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalized(password), argon2Parameters);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    // A hash the library can't parse is no match, not an error: the caller answers "wrong password".
    return verify(stored, normalized(password)).catch(() => false);
  }
  if (stored.startsWith('scrypt$')) return verifyScrypt(normalized(password), stored);
  return false;
}

/** True when the stored hash was made with another algorithm or other parameters than hashPassword's. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith('$argon2')) return true;
  try {
    const options = parseOptions(stored);
    return (
      options.algorithm !== argon2Parameters.algorithm ||
      options.memoryCost !== argon2Parameters.memoryCost ||
      options.timeCost !== argon2Parameters.timeCost ||
      options.parallelism !== argon2Parameters.parallelism
    );
  } catch {
    return true;
  }
}

/** Hashes written before Argon2id: node's scrypt, `scrypt$N$r$p$salt$key` (base64). */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, N, r, p, salt, key] = stored.split('$');
  const options = { N: Number(N), r: Number(r), p: Number(p) };
  if (!salt || !key || !Object.values(options).every((value) => Number.isSafeInteger(value) && value > 0)) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await new Promise<Buffer | null>((resolve) => {
    const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r };
    scrypt(password, Buffer.from(salt, 'base64'), expected.length, scryptOptions, (error, derived) => resolve(error ? null : derived));
  });
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Checked against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password
 * and response times don't reveal which addresses have accounts.
 */
let decoyHash: Promise<string> | undefined;
export function passwordDecoy(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}
