import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import type { DatabaseConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testConfig } from './harness.js';
import { freePort } from './server-process.js';

/**
 * A TCP proxy in front of PostgreSQL that a test can take down and bring back, to play a database
 * outage without stopping the shared server; or turn into a black hole, to play a network that
 * drops packets.
 */
export class TcpProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  #blackHoled = false;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    // A port of its own that stays the same: down() and up() play the same database going away and back.
    const proxy = new TcpProxy(await freePort(), target);
    await proxy.up();
    return proxy;
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      this.#track(client);
      // Accepted, and then nothing: the client's startup message is never answered.
      if (this.#blackHoled) return void client.pause();
      const upstream = createConnection(this.target);
      this.#track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.#server = server;
  }

  /** Refuses new connections and cuts every open one, as a database that went away would. */
  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Stops forwarding without closing anything, as a network that drops packets would look to
   * PostgreSQL's clients: what they send is accepted (by this host's TCP) and never delivered,
   * nothing ever comes back, no connection is closed or refused, and new connections are accepted
   * but never reach the database.
   */
  blackHole(): void {
    this.#blackHoled = true;
    for (const socket of this.#sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  /**
   * Forwards again. Connections from the black hole are cut, as they would be once either end gave
   * up on them; new ones reach the database.
   */
  restore(): void {
    this.#blackHoled = false;
    for (const socket of this.#sockets) socket.destroy();
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }
}

export interface ProxiedServer {
  /** A fresh PostgreSQL database; its `url` reaches it directly. */
  database: TestDatabase;
  /** Between the server and the database. */
  proxy: TcpProxy;
  /** A server whose every connection to the database goes through the proxy. */
  app: App;
  url: string;
}

type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;

/**
 * The setup of a file that takes the database away from a server (PostgreSQL only): made in
 * beforeAll, stopped in afterAll. The server has a pool of 5 and the given timeouts.
 */
export function useProxiedServer(options: { timeouts?: PostgresConfig['timeouts']; logger?: Logger } = {}): ProxiedServer {
  const server = {} as ProxiedServer;
  beforeAll(async () => {
    server.database = await createTestDatabase();
    const target = new URL(server.database.url!);
    server.proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(server.database.url!);
    proxied.host = `127.0.0.1:${server.proxy.port}`;
    const database: PostgresConfig = { kind: 'postgres', url: proxied.toString(), poolSize: 5, timeouts: options.timeouts };
    const logger = options.logger ? { logger: options.logger } : {};
    server.app = await buildApp({ ...testConfig(), database }, { database: await openDatabase(database), ...logger });
    server.url = (await server.app.start()).url;
  });
  afterAll(async () => {
    server.proxy?.restore();
    await server.app?.stop();
    await server.app?.database.db.destroy();
    await server.proxy?.down();
    await server.database?.drop();
  });
  return server;
}
