/**
 * `xuke deadlines NUMBER` over the registry, and `xuke deadlines done|undo`, as a user runs them,
 * on every dialect: the stored obligation events and completions are part of the deadlines,
 * `--event`/`--done` add to them without storing anything, completions are stored and taken back
 * through the API's use cases (audited with the CLI's actor), and mistakes exit non-zero with a
 * message naming the problem.
 */
import { userInfo } from 'node:os';
import { afterEach, expect, it } from 'vitest';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { seedWithDisposal } from './reminder-fixtures.js';
import { describeEachDialect, type TestDatabase } from './registry-dialects.js';
import { xuke } from './run-cli.js';

const SEED = '京B2-20180910';
const ILLEGAL = 'illegal-content-report@2022-09-27';
const ACTOR = `cli:${userInfo().username}`;
/** the actor is `cli:<login>` unless $XUKE_ACTOR says otherwise */
const ENV = { XUKE_ACTOR: undefined, XUKE_ORG: undefined, XUKE_DATABASE_URL: undefined };

interface Occurrence {
  id: string;
  obligation: string;
  dueOn: string;
  status: string;
  done: null | {
    on: string;
    evidence: { note: string | null; document: string | null };
    actor?: string;
  };
}

/** acme holds the seed licence, with content disposed of on 2022-09-27 recorded through the API. */
const setUp = (db: TestDatabase) => seedWithDisposal(db, 'acme');

// Each command is a child process (tsx startup): generous time on a loaded machine.
describeEachDialect('xuke deadlines over the registry', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const run = (db: TestDatabase, args: string[]) =>
    xuke([...args, '--db', db.url, '--org', 'acme'], undefined, ENV);
  const deadlines = (db: TestDatabase, extra: string[] = []) => {
    const r = run(db, ['deadlines', SEED, '--today', '2022-10-01', '--json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { occurrences: Occurrence[] }).occurrences;
  };
  const find = (occurrences: Occurrence[], id: string) => occurrences.find((o) => o.id === id);

  it('includes the stored events; --event and --done add a what-if and store nothing', async () => {
    t = await h.fresh();
    await setUp(t);
    const stored = deadlines(t);
    expect(find(stored, ILLEGAL)).toMatchObject({ dueOn: '2022-10-14', status: 'due-soon' });
    expect(stored.some((o) => o.obligation === 'entity-change')).toBe(false);

    const supposed = deadlines(t, [
      '--event',
      'entity-change-decided=2022-09-01',
      '--done',
      `${ILLEGAL}=2022-09-30:假设已报`,
    ]);
    expect(find(supposed, 'entity-change@2022-09-01')).toMatchObject({ dueOn: '2022-10-08' });
    expect(find(supposed, ILLEGAL)).toMatchObject({
      status: 'done',
      done: { on: '2022-09-30', evidence: { note: '假设已报' } },
    });

    // nothing was stored
    const again = deadlines(t);
    expect(again).toEqual(stored);
    expect(await new KyselyAccessStore(t.open.db).listAudit('acme', 0, 100)).toHaveLength(1);

    const text = run(t, ['deadlines', SEED, '--today', '2022-10-01']);
    expect(text.stdout).toContain(`2022-10-14  即将到期  违法信息处置情况上报  [${ILLEGAL}]`);
  });

  it('done stores a completion audited with the CLI actor; undo takes it back', async () => {
    t = await h.fresh();
    await setUp(t);
    const done = run(t, [
      'deadlines',
      'done',
      SEED,
      ILLEGAL,
      '--note',
      '回执 118',
      '--on',
      '2022-10-12',
      '--document-sha256',
      'AB'.repeat(32),
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe(
      `已标记完成：${SEED}  违法信息处置情况上报  [${ILLEGAL}]\n` +
        `  完成日期 2022-10-12；说明：回执 118；文件 sha256 ${'ab'.repeat(32)}；记录人 ${ACTOR}\n`,
    );

    const after = find(deadlines(t), ILLEGAL);
    expect(after).toMatchObject({
      status: 'done',
      done: {
        on: '2022-10-12',
        evidence: { note: '回执 118', document: 'ab'.repeat(32) },
        actor: ACTOR,
      },
    });
    // a what-if --done does not replace the stored completion
    expect(find(deadlines(t, ['--done', `${ILLEGAL}=2022-10-01:别的`]), ILLEGAL)?.done).toEqual(
      after?.done,
    );

    const undone = run(t, ['deadlines', 'undo', SEED, ILLEGAL, '--lang', 'en']);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toBe(
      `Undone: ${ILLEGAL} of ${SEED} is open again; its reminders resume.\n`,
    );
    expect(find(deadlines(t), ILLEGAL)).toMatchObject({ status: 'due-soon', done: null });

    const audit = await new KyselyAccessStore(t.open.db).listAudit('acme', 0, 100);
    expect(audit.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['licence.issued', 'test', SEED],
      ['obligation.done', ACTOR, SEED],
      ['obligation.undone', ACTOR, SEED],
    ]);
    expect(run(t, ['audit', 'verify']).code).toBe(0);
  });

  it('done --json prints the occurrence as the API does; --actor names who did it', async () => {
    t = await h.fresh();
    await setUp(t);
    const r = run(t, [
      'deadlines',
      'done',
      SEED,
      'renewal@2023-05-03',
      '--note',
      '受理通知书',
      '--on',
      '2023-01-10',
      '--actor',
      'alice',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      licence: SEED,
      id: 'renewal@2023-05-03',
      status: 'done',
      done: { on: '2023-01-10', evidence: { note: '受理通知书', document: null }, actor: 'alice' },
    });
  });

  it('refuses a second completion, unknown licences and occurrences, and bad input', async () => {
    t = await h.fresh();
    await setUp(t);
    const mark = (args: string[]) => run(t as TestDatabase, ['deadlines', 'done', ...args]);
    expect(mark([SEED, ILLEGAL, '--note', '已报', '--on', '2022-10-12']).code).toBe(0);

    const twice = mark([SEED, ILLEGAL, '--note', '又报']);
    expect(twice.code).toBe(4);
    expect(twice.stderr).toBe(
      `xuke deadlines done: ${SEED} 的期限事项 ${ILLEGAL} 已于 2022-10-12 标记完成\n`,
    );

    const noOccurrence = mark([SEED, 'annual-report@1999', '--note', 'x', '--lang', 'en']);
    expect(noOccurrence.code).toBe(3);
    expect(noOccurrence.stderr).toBe(
      `xuke deadlines done: Licence ${SEED} has no occurrence annual-report@1999\n`,
    );

    const noLicence = mark(['京B2-20990001', ILLEGAL, '--note', 'x']);
    expect(noLicence.code).toBe(3);
    expect(noLicence.stderr).toContain('京B2-20990001');

    const otherOrg = xuke(
      ['deadlines', 'done', SEED, ILLEGAL, '--note', 'x', '--db', t.url, '--org', 'beta'],
      undefined,
      ENV,
    );
    expect(otherOrg.code).toBe(3);

    const notANumber = mark(['nonsense', ILLEGAL, '--note', 'x']);
    expect(notANumber.code).toBe(2);

    const future = mark([SEED, 'renewal@2023-05-03', '--note', 'x', '--on', '2999-01-01']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('完成日期 2999-01-01 晚于今天');

    const badSha = mark([SEED, 'renewal@2023-05-03', '--note', 'x', '--document-sha256', 'abc']);
    expect(badSha.code).toBe(2);
    expect(badSha.stderr).toContain('SHA-256 应为 64 位十六进制字符');

    const noNote = mark([SEED, 'renewal@2023-05-03']);
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain("required option '--note <text>' not specified");

    const notDone = run(t, ['deadlines', 'undo', SEED, 'renewal@2023-05-03']);
    expect(notDone.code).toBe(3);
    expect(notDone.stderr).toBe(
      `xuke deadlines undo: ${SEED} 的期限事项 renewal@2023-05-03 未标记完成\n`,
    );

    const unknownNumber = run(t, ['deadlines', '京B2-20990001']);
    expect(unknownNumber.code).toBe(3);
    expect(unknownNumber.stderr).toContain('京B2-20990001');
  });
});
