import { firstProblem } from '../core/field-checks.js';
import { compact, getOwn, type JsonObject } from '../core/json.js';
import { isTaskState, TASK_STATES, type TaskState } from '../task/task-state.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * `task.updated` (§2.4.4): a state change and/or artifact for a task the receiver already knows.
 * A missing `status` means `"working"` (upstream's receiver default); see {@link taskUpdateStatus}.
 */
export interface TaskUpdatedFrame extends FrameCommon {
  type: 'task.updated';
  task_id: string;
  status?: TaskState;
  artifact?: JsonObject | null;
  /** Troupe extension: the reason of a `failed` state. Upstream ignores it. */
  error?: string | null;
}

/** What {@link buildTaskUpdatedFrame} needs. */
export interface TaskUpdatedFrameInit extends FrameStamp {
  readonly from: string;
  readonly task_id: string;
  readonly status: Exclude<TaskState, 'cancelling'>;
  readonly artifact?: JsonObject;
  readonly error?: string;
}

/**
 * Builds a `task.updated` frame. `cancelling` cannot be sent: an upstream receiver would stay in
 * it forever, since nothing on its side completes the cancel (§4.5), so the builder refuses it.
 *
 * @example
 * buildTaskUpdatedFrame({ from: 'AgentB', task_id: 'task_a1128ab0c6ff', status: 'completed', artifact: { parts: [textPart('done')] } });
 */
export function buildTaskUpdatedFrame(init: TaskUpdatedFrameInit): TaskUpdatedFrame {
  if ((init.status as TaskState) === 'cancelling') throw new RangeError("task.updated must never carry 'cancelling' (§4.5)");
  const { message_id, ts } = resolveStamp(init);
  return compact({
    type: 'task.updated',
    message_id,
    ts,
    from: init.from,
    task_id: init.task_id,
    status: init.status,
    artifact: init.artifact,
    error: init.error,
  }) as TaskUpdatedFrame;
}

/**
 * The state a received `task.updated` asks for: its `status`, or `"working"` when absent.
 *
 * @example
 * taskUpdateStatus({ type: 'task.updated', task_id: 't1' }); // 'working'
 */
export function taskUpdateStatus(frame: TaskUpdatedFrame): TaskState {
  return frame.status ?? 'working';
}

/** Checks the members of a `task.updated`; returns the first problem, or `undefined`. */
export function checkTaskUpdatedFrame(frame: JsonObject): string | undefined {
  const problem = firstProblem(frame, [
    ['task_id', 'non-empty string', true],
    ['status', 'string'],
    ['artifact', 'object'],
    ['error', 'string'],
  ]);
  if (problem !== undefined) return problem;
  const status = getOwn(frame, 'status');
  if (typeof status === 'string' && !isTaskState(status)) {
    return `field 'status' is '${status.slice(0, 40)}', which is not a task state (${TASK_STATES.join(', ')})`;
  }
  return undefined;
}
