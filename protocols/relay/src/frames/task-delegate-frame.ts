import { firstProblem } from '../core/field-checks.js';
import { compact, type JsonObject } from '../core/json.js';
import type { FrameCommon } from './frame-common.js';
import { resolveStamp, type FrameStamp } from './frame-stamp.js';

/**
 * `task.delegate` (§2.4.5): carries the body of a `POST /tasks` with `delegate: true`. Upstream
 * files it as a legacy message; Troupe records the legacy entry too and also creates a task.
 */
export interface TaskDelegateFrame extends FrameCommon {
  type: 'task.delegate';
  task_id: string;
  payload: JsonObject;
}

/** What {@link buildTaskDelegateFrame} needs. */
export interface TaskDelegateFrameInit extends FrameStamp {
  readonly from: string;
  readonly task_id: string;
  readonly payload: JsonObject;
}

/**
 * Builds a `task.delegate` frame.
 *
 * @example
 * buildTaskDelegateFrame({ from: 'AgentA', task_id: 'task-del', payload: { role: 'user', task_id: 'task-del', parts: [], delegate: true } });
 */
export function buildTaskDelegateFrame(init: TaskDelegateFrameInit): TaskDelegateFrame {
  const { message_id, ts } = resolveStamp(init);
  return compact({ type: 'task.delegate', message_id, ts, from: init.from, task_id: init.task_id, payload: init.payload }) as TaskDelegateFrame;
}

/** Checks the members of a `task.delegate`; returns the first problem, or `undefined`. */
export function checkTaskDelegateFrame(frame: JsonObject): string | undefined {
  return firstProblem(frame, [
    ['task_id', 'non-empty string', true],
    ['payload', 'object', true],
  ]);
}
