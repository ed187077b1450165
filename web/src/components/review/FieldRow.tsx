/**
 * One editable field of the review form: its label, its input, and what is known about it — the
 * source line it was read from, its confidence, what the document actually says when the parser
 * repaired or rejected the value, the parser's notes, and whether the reviewer corrected it. Every
 * mark has words and a symbol, not only a colour; all of it is the input's description.
 */
import type { ReactNode } from 'react';
import { pick, useLang, useT } from '../../i18n';
import { isDoubtful } from './draft';
import { reviewMessages as m } from './messages';
import type { Evidence, Note } from './review-api';

export interface FieldRowProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** the field got focus: show its evidence */
  readonly onFocus: () => void;
  readonly onRestore: () => void;
  readonly changed: boolean;
  readonly active: boolean;
  readonly evidence: Evidence | undefined;
  /** the confidence below which the field is marked doubtful (`doubtfulBelow` in draft.ts) */
  readonly doubtfulBelow: number;
  readonly notes: readonly Note[];
  readonly control?: 'text' | 'date' | 'textarea' | 'select';
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly hint?: string;
  /** `url` for codes and domains: a Latin keyboard on phones */
  readonly inputMode?: 'text' | 'url';
}

export function FieldRow(props: FieldRowProps) {
  const t = useT(m);
  const { lang } = useLang();
  const { id, evidence, notes, changed } = props;
  const doubtful = isDoubtful(evidence, props.doubtfulBelow);
  const aboutId = `${id}-about`;
  const common = {
    id,
    'aria-describedby': aboutId,
    onFocus: props.onFocus,
    value: props.value,
    onChange: (e: { target: { value: string } }) => {
      props.onChange(e.target.value);
    },
  };
  let control: ReactNode;
  switch (props.control ?? 'text') {
    case 'textarea':
      control = <textarea {...common} rows={Math.max(2, props.value.split('\n').length)} />;
      break;
    case 'select':
      control = (
        <select {...common}>
          {(props.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    default:
      control = (
        <input
          {...common}
          type={props.control === 'date' ? 'date' : 'text'}
          inputMode={props.inputMode}
          autoComplete="off"
          spellCheck={false}
        />
      );
  }
  /** a flag in words, its symbol a second signal (not read out) */
  const flag = (kind: string, symbol: string, words: string) => (
    <span className={`review-flag review-flag-${kind}`}>
      <span aria-hidden="true">{symbol} </span>
      {words}
    </span>
  );
  const classes = ['review-field'];
  if (changed) classes.push('is-changed');
  if (doubtful) classes.push('is-doubtful');
  if (notes.length > 0) classes.push('has-note');
  if (props.active) classes.push('is-active');
  return (
    <div className={classes.join(' ')}>
      <label id={`${id}-label`} htmlFor={id}>
        {props.label}
      </label>
      {control}
      {props.active && evidence !== undefined && (
        <p className="review-field-quote">{evidence.text}</p>
      )}
      <div className="review-field-foot">
        <p id={aboutId} className="review-field-about">
          {changed && flag('changed', '✎', t('corrected'))}
          {doubtful &&
            flag(
              'doubtful',
              '⚠',
              evidence?.corrected === false ? t('rejected') : t('lowConfidence'),
            )}
          {notes.length > 0 && flag('note', 'ⓘ', t('hasNote'))}
          {props.hint !== undefined && <span className="review-field-hint">{props.hint}</span>}
          <span className="review-field-evidence">
            {evidence === undefined
              ? t('notFound')
              : t('line', { line: evidence.line }) +
                (evidence.confidence < 1
                  ? ` · ${t('confidence', { pct: Math.round(evidence.confidence * 100) })}`
                  : '')}
          </span>
          {evidence?.raw !== undefined && (
            <span className="review-field-raw">
              {t('documentSays', { raw: evidence.raw })}
              {evidence.corrected === true && ` · ${t('repaired')}`}
            </span>
          )}
          {notes.map((n, i) => (
            <span key={i} className="review-field-note">
              {pick(lang, n.message, n.messageEn)}
            </span>
          ))}
        </p>
        {changed && (
          <button
            type="button"
            className="link-button review-restore"
            // named without the field's label, so a look-up by label finds the input alone; the
            // label is its description
            aria-describedby={`${id}-label`}
            onClick={props.onRestore}
          >
            {t('restore')}
          </button>
        )}
      </div>
    </div>
  );
}
