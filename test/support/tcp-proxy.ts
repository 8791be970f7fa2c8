import { createConnection, createServer, type Server, type Socket } from 'node:net';

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
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const proxy = new TcpProxy(port, target);
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
