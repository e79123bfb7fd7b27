import type { Store } from '@troupe/runtime';
import type { SessionUpdate } from '@troupe/protocol-stdio';

/** What a session remembers across turns, serializable for `session/list`. */
export interface SessionRecord {
  readonly id: string;
  readonly cwd: string;
  readonly additionalDirectories: readonly string[];
  title?: string;
  updatedAt: string;
}

const RECORD = 'acp/sessions/';
const HISTORY = 'acp/history/';

/**
 * Where served sessions and their history live (the system's Store: in memory by default, lmdb
 * with `troupe acp serve --data <dir>`), so `session/list`, `session/load` and `session/resume`
 * work across agent restarts. History is appended once per turn, with consecutive text chunks of
 * one message merged, so a 100k-chunk turn is one journal record, not 100k.
 *
 * @example
 * const store = new AcpSessionStore(system.store);
 * await store.save({ id: 's', cwd: '/repo', additionalDirectories: [], updatedAt: new Date().toISOString() });
 * for (const u of await store.history('s')) replay(u);
 */
export class AcpSessionStore {
  constructor(private readonly store: Store) {}

  save(record: SessionRecord): Promise<void> {
    return this.store.put(RECORD + record.id, { ...record });
  }

  load(id: string): Promise<SessionRecord | undefined> {
    return this.store.get<SessionRecord>(RECORD + id);
  }

  async list(): Promise<SessionRecord[]> {
    return (await this.store.entries<SessionRecord>(RECORD)).map(([, r]) => r);
  }

  async append(id: string, updates: readonly SessionUpdate[]): Promise<void> {
    if (updates.length > 0) await this.store.append(HISTORY + id, coalesce(updates));
  }

  async history(id: string): Promise<SessionUpdate[]> {
    return (await this.store.read<SessionUpdate[]>(HISTORY + id)).flatMap((e) => e.record);
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(RECORD + id);
    const last = await this.store.lastSeq(HISTORY + id);
    if (last > 0) await this.store.trim(HISTORY + id, last);
  }
}

/** Merges runs of plain text chunks of the same kind and messageId (replay shows the same text). */
function coalesce(updates: readonly SessionUpdate[]): SessionUpdate[] {
  const out: SessionUpdate[] = [];
  for (const u of updates) {
    const prev = out.at(-1);
    if (
      prev && (u.sessionUpdate === 'agent_message_chunk' || u.sessionUpdate === 'agent_thought_chunk')
      && prev.sessionUpdate === u.sessionUpdate && prev.messageId === u.messageId
      && prev.content.type === 'text' && u.content.type === 'text' && prev._meta === undefined && u._meta === undefined
      && Object.keys(prev.content).length === 2 && Object.keys(u.content).length === 2
    ) {
      out[out.length - 1] = { ...prev, content: { type: 'text', text: prev.content.text + u.content.text } };
    } else out.push(u);
  }
  return out;
}
