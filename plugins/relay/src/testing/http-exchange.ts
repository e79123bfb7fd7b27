import { request } from 'node:http';

/** What {@link http} resolves to: the status, the body (parsed when JSON, loosely typed for assertions) and the headers. */
export interface HttpReply {
  readonly status: number;
  readonly body: any;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One HTTP exchange; the body is parsed when it is JSON. */
export async function http(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { ...(text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = raw;
        try {
          parsed = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** A POST with a JSON body (`{}` when none is given). */
export const post = (base: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpReply> => http(base, 'POST', path, body ?? {}, headers);
/** A GET. */
export const get = (base: string, path: string): Promise<HttpReply> => http(base, 'GET', path);

