import { pino, type Logger } from 'pino';
import type { ActorSystem, InspectionEvent } from '@troupe/runtime';

/** Log levels the CLI accepts. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The CLI's logger: pino, JSON lines on stderr (fd 2), so stdout stays free for protocol frames
 * (ACP over stdio) and for program output.
 */
export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: null }, pino.destination({ fd: 2, sync: true }));
}

/** Turns the system's inspection stream into log lines. Per-message events only at trace level. */
export function logInspection(system: ActorSystem, logger: Logger): () => void {
  const sub = system.inspect$.subscribe((e: InspectionEvent) => {
    switch (e.type) {
      case '@troupe.log':
        logger[e.level]({ source: e.source, ...e.data }, e.msg);
        break;
      case '@troupe.fail':
        logger.warn({ address: e.address, directive: e.directive, err: e.error }, 'actor failed');
        break;
      case '@troupe.restart':
        logger.info({ address: e.address, attempt: e.attempt, delayMs: e.delayMs }, 'actor restarting');
        break;
      case '@troupe.plugin':
        if (e.state === 'failed') logger.error({ plugin: e.plugin, err: e.error }, 'plugin failed');
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
