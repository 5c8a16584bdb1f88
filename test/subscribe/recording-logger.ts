/** A logger that keeps what it is given, for tests that check what a subscription logs. */
import type { LogFields, S3EventLogger } from 's3-event-kit';

export type LogLine = [level: 'error' | 'warn' | 'info' | 'debug', message: string, fields: LogFields];

export function recordingLogger(lines: Array<LogLine | [string, string]>): S3EventLogger {
  const at =
    (level: LogLine[0]) =>
    (message: string, fields: LogFields): void => {
      lines.push([level, message, fields]);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
