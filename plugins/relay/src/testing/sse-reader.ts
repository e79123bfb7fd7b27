import { request } from 'node:http';

/** An open SSE stream: parsed events as they arrive, the raw text, the response headers and a way to close. */
export interface SseReader {
  readonly events: any[];
  raw(): string;
  /** The response headers, with the status as `:status`. */
  readonly headers: Promise<Record<string, string | string[] | undefined>>;
  close(): void;
}

/** Reads an SSE stream and collects parsed events (and the raw text). */
export function sse(base: string, path = '/stream'): SseReader {
  const events: any[] = [];
  let raw = '';
  let buffer = '';
  let resolveHeaders: (h: Record<string, string | string[] | undefined>) => void = () => {};
  const headers = new Promise<Record<string, string | string[] | undefined>>((r) => (resolveHeaders = r));
  const req = request(`${base}${path}`, (res) => {
    resolveHeaders({ ...res.headers, ':status': String(res.statusCode) });
    res.on('data', (c: Buffer) => {
      const s = c.toString('utf8');
      raw += s;
      buffer += s;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) events.push(JSON.parse(data));
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, raw: () => raw, headers, close: () => req.destroy() };
}
