import { connect, type Socket } from 'node:net';
import { realClock } from '@troupe/runtime';

/** How long one awaited response or close may take before the test fails with what it got. */
export const WAIT_MS = 5_000;

/** One parsed HTTP response as it came off the wire. */
export interface RawResponse {
  readonly statusLine: string;
  readonly status: number;
  /** Header lines as sent, in order. */
  readonly lines: readonly string[];
  /** Values by lower-case name; repeated names joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * A raw HTTP/1.1 client: writes exact bytes, parses responses off the byte stream in order.
 * Every wait is woken by socket events (data, end, close), fails at once when the connection
 * closes first, and fails after {@link WAIT_MS} with the bytes received so far.
 */
export class RawClient {
  private buf: Buffer = Buffer.alloc(0);
  private readonly wakers = new Set<() => void>();
  /** Total bytes received. */
  received = 0;
  /** The server ended or closed the connection. */
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      this.wakeAll();
    });
    const over = (): void => {
      this.ended = true;
      this.wakeAll();
    };
    socket.on('end', over);
    socket.on('close', over);
    socket.on('error', over);
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawClient(socket));
      });
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Bytes received and not yet taken by a `response`/`readThrough`. */
  get pending(): number {
    return this.buf.length;
  }

  /** The next whole response; `bodyless` for answers that carry no body whatever their headers say (HEAD). */
  response(bodyless = false): Promise<RawResponse> {
    return this.wait('a response', () => this.take(bodyless, true));
  }

  /** The next response head only (a stream follows it). */
  head(): Promise<RawResponse> {
    return this.wait('a response head', () => this.take(true, false));
  }

  /** Waits until the unread bytes contain `marker`, takes them through it and returns them as text. */
  readThrough(marker: string): Promise<string> {
    return this.wait(JSON.stringify(marker), () => {
      const at = this.buf.indexOf(marker);
      if (at === -1) return undefined;
      const text = this.buf.toString('utf8', 0, at + marker.length);
      this.buf = this.buf.subarray(at + marker.length);
      return text;
    });
  }

  /** Resolves once the server has closed the connection. */
  closed(): Promise<true> {
    return this.wait('the connection to close', () => (this.ended ? true : undefined), true);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private take(bodyless: boolean, withBody: boolean): RawResponse | undefined {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const [statusLine = '', ...lines] = this.buf.toString('latin1', 0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const status = Number(statusLine.split(' ')[1]);
    let length = 0;
    if (withBody && !bodyless && status >= 200 && status !== 204 && status !== 304) {
      const declared = headers['content-length'];
      if (declared === undefined) throw new Error(`response without Content-Length: ${statusLine}`);
      length = Number(declared);
    }
    const total = end + 4 + length;
    if (this.buf.length < total) return undefined;
    const body = this.buf.toString('utf8', end + 4, total);
    this.buf = this.buf.subarray(total);
    return { statusLine, status, lines, headers, body };
  }

  private wait<T>(what: string, attempt: () => T | undefined, closeIsTheAnswer = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        let value: T | undefined;
        try {
          value = attempt();
        } catch (error) {
          finish();
          reject(error as Error);
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.ended && !closeIsTheAnswer) {
          finish();
          reject(new Error(`connection closed while waiting for ${what}; unread: ${this.preview()}`));
        }
      };
      const timer = realClock.setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}; unread: ${this.preview()}`));
      }, WAIT_MS);
      const finish = (): void => {
        realClock.clearTimeout(timer);
        this.wakers.delete(check);
      };
      this.wakers.add(check);
      check();
    });
  }

  private wakeAll(): void {
    // A waker that resolves removes itself; deleting during a Set's iteration is safe.
    for (const wake of this.wakers) wake();
  }

  private preview(): string {
    return JSON.stringify(this.buf.toString('latin1', 0, 300));
  }
}
