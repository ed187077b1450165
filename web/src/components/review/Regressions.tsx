/**
 * What the save would lose against the licence's current version (never a silent step backwards):
 * each field in words, before → after with the changed characters marked (<del>, <ins>), and the
 * reviewer's confirmation, without which the save is not sent.
 */
import { pick, useLang, useT } from '../../i18n';
import { reviewMessages as m } from './messages';
import type { Regression } from './review-api';
import { diffText, type Runs } from './text-diff';

function Marked({ runs: [start, changed, end], Tag }: { runs: Runs; Tag: 'del' | 'ins' }) {
  const t = useT(m);
  return start + changed + end === '' ? (
    t('regressEmpty')
  ) : (
    <>
      {start}
      {changed !== '' && <Tag>{changed}</Tag>}
      {end}
    </>
  );
}

export function Regressions({
  regressions,
  confirmed,
  onConfirm,
  onSave,
  busy,
}: {
  regressions: readonly Regression[];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  onSave: () => void;
  busy: boolean;
}) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <div className="review-regressions notice notice-warn">
      <p>
        <strong>{t('regressed', { n: regressions.length })}</strong> {t('regressedIntro')}
      </p>
      <dl>
        {regressions.map((r) => {
          const d = diffText(r.before, r.after);
          return (
            <div key={r.field}>
              <dt title={r.field}>
                {pick(lang, r.fieldName, r.fieldNameEn)} · {t(`regress_${r.kind}`)}
              </dt>
              <dd>
                <Marked runs={d.before} Tag="del" /> → <Marked runs={d.after} Tag="ins" />
              </dd>
            </div>
          );
        })}
      </dl>
      <label>
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(e) => {
            onConfirm(e.currentTarget.checked);
          }}
        />{' '}
        {t('regressConfirm')}
      </label>
      <button type="button" className="review-force" disabled={!confirmed || busy} onClick={onSave}>
        {t('regressSave')}
      </button>
    </div>
  );
}
