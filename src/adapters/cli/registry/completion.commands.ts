/**
 * `xuke deadlines done NUMBER OCCURRENCE_ID --note TEXT [--on DATE] [--document-sha256 HEX]` and
 * `xuke deadlines undo NUMBER OCCURRENCE_ID`: an occurrence marked done in the registry, or taken
 * back, through the same use cases as the API (`POST|DELETE /licences/{number}/deadlines/{id}/done`),
 * audit-logged as `obligation.done` / `obligation.undone` with the actor (--actor, $XUKE_ACTOR or
 * `cli:<login>`). Exit 3 for an unknown licence or occurrence (and an undo of one not done), 4 when
 * it is already done, 2 for bad input.
 */
import { markOccurrenceDone } from '../../../app/deadlines/mark-occurrence-done.js';
import { canonicalLicenceNumber } from '../../../app/registry/registry-deps.js';
import { undoOccurrenceDone } from '../../../app/deadlines/undo-occurrence-done.js';
import type { LicenceOccurrence } from '../../../app/deadlines/deadline-deps.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import type { OutputOptions } from './query.commands.js';
import { runRegistryCommand } from './run-registry-command.js';

export interface DoneCommandOptions extends OutputOptions {
  readonly note: string;
  readonly on?: string;
  readonly documentSha256?: string;
}

function formatDone(o: LicenceOccurrence, actor: string, lang: Lang): string {
  const en = lang === 'en';
  const head = `${o.licence}  ${en ? o.titleEn : o.title}  [${o.id}]`;
  if (o.done === null) return head;
  const { note, document } = o.done.evidence;
  const parts = en
    ? [
        `done on ${o.done.on}`,
        note === null ? '' : `note: ${note}`,
        document === null ? '' : `document sha256 ${document}`,
        `recorded by ${actor}`,
      ]
    : [
        `完成日期 ${o.done.on}`,
        note === null ? '' : `说明：${note}`,
        document === null ? '' : `文件 sha256 ${document}`,
        `记录人 ${actor}`,
      ];
  return `${en ? 'Marked done: ' : '已标记完成：'}${head}\n  ${parts.filter((p) => p !== '').join(en ? '; ' : '；')}`;
}

export function runDoneCommand(
  number: string,
  occurrenceId: string,
  o: DoneCommandOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('deadlines done', o.lang, o, ctx, async (registry) => {
    const occurrence = await markOccurrenceDone(
      number,
      occurrenceId,
      {
        note: o.note,
        ...(o.on === undefined ? {} : { on: o.on }),
        ...(o.documentSha256 === undefined ? {} : { documentSha256: o.documentSha256 }),
      },
      registry.who,
      registry.deadlines,
    );
    ctx.io.stdout(
      o.json
        ? `${JSON.stringify(occurrence, null, 2)}\n`
        : `${formatDone(occurrence, registry.who.actor, o.lang)}\n`,
    );
    return 0;
  });
}

export function runUndoCommand(
  number: string,
  occurrenceId: string,
  o: OutputOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('deadlines undo', o.lang, o, ctx, async (registry) => {
    await undoOccurrenceDone(number, occurrenceId, registry.who, registry.deadlines);
    const licence = canonicalLicenceNumber(number);
    ctx.io.stdout(
      o.json
        ? `${JSON.stringify({ licence, occurrenceId, undone: true })}\n`
        : o.lang === 'en'
          ? `Undone: ${occurrenceId} of ${licence} is open again; its reminders resume.\n`
          : `已撤销：${licence} 的期限事项 ${occurrenceId} 不再标记为完成，提醒将恢复。\n`,
    );
    return 0;
  });
}
