/**
 * One decision on a register entry (`POST /register/licences/{number}/events`): renew (with the new
 * expiry), an annual report or an inspection (with its year), suspend, reinstate, cancel, revoke,
 * each with its reason and 文号. Loaded when the register's user chooses a decision.
 */
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { todayInShanghai } from '../../format';
import { defineMessages, useT } from '../../i18n';
import { DecisionForm } from './DecisionForm';

const m = defineMessages(
  {
    newExpiry: '新的有效期至',
    year: '年度',
  },
  {
    newExpiry: 'New expiry date',
    year: 'Year',
  },
);

/** an issuer's decisions on a register entry (the register page offers them) */
export type RegisterAction =
  | 'renewed'
  | 'changed'
  | 'annual-report-filed'
  | 'inspection-recorded'
  | 'suspended'
  | 'reinstated'
  | 'cancelled'
  | 'revoked';
type Entry = Schemas['StoredLicence'];

export function RegisterActionForm({
  entry,
  action,
  id,
  title,
  submit,
  onCancel,
  onDone,
}: {
  entry: Entry;
  /** any decision but a change, which goes through the review screen */
  action: Exclude<RegisterAction, 'changed'>;
  /** the prefix of the form's own ids */
  id: string;
  title: string;
  submit: string;
  onCancel: () => void;
  onDone: (stored: Entry) => Promise<void>;
}) {
  const t = useT(m);
  const [expiresOn, setExpiresOn] = useState('');
  const [year, setYear] = useState(String(Number(todayInShanghai().slice(0, 4)) - 1));
  const yearly = action === 'annual-report-filed' || action === 'inspection-recorded';
  return (
    <DecisionForm
      title={title}
      submit={submit}
      valid={action !== 'renewed' || expiresOn !== ''}
      onCancel={onCancel}
      onSubmit={async (decision) => {
        const stored = await call(
          api.POST('/api/v1/register/licences/{number}/events', {
            params: { path: { number: entry.number } },
            body: {
              kind: action,
              ...decision,
              expectedVersion: entry.version,
              ...(action === 'renewed' && { expiresOn }),
              ...(yearly && { year: Number(year) }),
            },
          }),
        );
        await onDone(stored);
      }}
    >
      {action === 'renewed' && (
        <div className="field">
          <label htmlFor={`${id}-expiry`}>{t('newExpiry')}</label>
          <input
            id={`${id}-expiry`}
            type="date"
            required
            value={expiresOn}
            onChange={(e) => {
              setExpiresOn(e.target.value);
            }}
          />
        </div>
      )}
      {yearly && (
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('year')}</label>
          <input
            id={`${id}-year`}
            type="number"
            min={2000}
            max={2100}
            required
            value={year}
            onChange={(e) => {
              setYear(e.target.value);
            }}
          />
        </div>
      )}
    </DecisionForm>
  );
}
