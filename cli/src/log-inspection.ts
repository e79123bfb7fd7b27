import type { Logger } from 'pino';
import type { ActorSystem, InspectionEvent } from '@troupe/runtime';

/**
 * What a log line says about an error: its code and its own message. The message of a Troupe
 * error already names its cause, so the cause chain and stack are left to debug level, where
 * `err` carries them; at info a crash costs one short line per event.
 */
function errorFields(err: unknown, logger: Logger): Record<string, unknown> {
  const e = err as { message?: unknown; code?: unknown } | undefined;
  return {
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    error: typeof e?.message === 'string' ? e.message : String(err),
    ...(logger.isLevelEnabled('debug') ? { err } : {}),
  };
}

/**
 * Turns the system's inspection stream into log lines, one per event. Per-message events only at
 * trace level.
 *
 * @example
 * const unlog = logInspection(system, createLogger('info'));
 */
export function logInspection(system: ActorSystem, logger: Logger): () => void {
  const sub = system.inspect$.subscribe((e: InspectionEvent) => {
    switch (e.type) {
      case '@troupe.log':
        logger[e.level]({ source: e.source, ...e.data }, e.msg);
        break;
      case '@troupe.fail':
        logger.warn({ address: e.address, directive: e.directive, ...errorFields(e.error, logger) }, 'actor failed');
        break;
      case '@troupe.restart':
        logger.info({ address: e.address, attempt: e.attempt, delayMs: e.delayMs }, 'actor restarting');
        break;
      case '@troupe.plugin':
        if (e.state === 'failed') logger.error({ plugin: e.plugin, ...errorFields(e.error, logger) }, 'plugin failed');
        else logger.debug({ plugin: e.plugin }, `plugin ${e.state}`);
        break;
      case '@troupe.drop':
        logger.debug({ target: e.deadLetter.target, reason: e.deadLetter.reason }, 'dead letter');
        break;
      case '@troupe.link':
        logger.info({ address: e.address, peer: e.peer, state: e.state }, 'link');
        break;
      case '@troupe.message':
        if (logger.isLevelEnabled('trace')) logger.trace({ address: e.address, id: e.messageId, kind: e.kind }, 'message');
        break;
      default:
        if (logger.isLevelEnabled('trace')) logger.trace(e, e.type);
    }
  });
  return () => sub.unsubscribe();
}
