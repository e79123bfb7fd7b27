import type { JsonObject, JsonValue } from '../core/json.js';
import type { TaskState } from './task-state.js';

/**
 * The task object of the HTTP API (§3.6) and of SSE/route responses. Extra members are allowed,
 * as on every object of this protocol.
 *
 * @example
 * const t: Task = { id: 'task-local-1', status: 'submitted', created_at: ts, updated_at: ts, payload: body, artifacts: [], history: [] };
 */
export interface Task {
  id: string;
  status: TaskState;
  /** Wire timestamps (§1.4). */
  created_at: string;
  updated_at: string;
  /** `POST /tasks`: the request body (or its `payload`); `create_task` and mirror tasks: `{"parts": [...]}`. */
  payload: JsonObject;
  /** Appended artifacts, each usually `{"parts": [...]}`. */
  artifacts: JsonObject[];
  /** Always present, always empty upstream. */
  history: JsonValue[];
  origin_message_id?: string;
  context_id?: string;
  /** Set together with `failed`. */
  error?: string;
  /** `true` on a task mirrored from a peer. */
  from_peer?: boolean;
  /** Troupe: the counterpart peer (§4.4). */
  peer_id?: string;
  [extra: string]: JsonValue;
}
