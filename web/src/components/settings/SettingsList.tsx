/**
 * The frame the settings sections share (API tokens, webhooks): the organisation's items as a table
 * with what the last action did announced above it, and a form that creates one, its new secret
 * shown above the form.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../common';
import type { Action } from '../forms';
import { Loaded } from '../Loaded';

export function SettingsList<T>({
  read,
  message,
  failure,
  none,
  caption,
  columns,
  row,
}: {
  read: {
    readonly data: { readonly items: readonly T[] } | undefined;
    readonly error: unknown;
    mutate(): Promise<unknown>;
  };
  /** what the last action did, announced */
  message: string;
  /** the last action's error, or null */
  failure: unknown;
  /** said when there are no items */
  none: string;
  /** the table's name (for screen readers) */
  caption: string;
  columns: readonly string[];
  /** an item's <tr>, with its key */
  row: (item: T) => ReactNode;
}) {
  return (
    <>
      <p className="settings-status" role="status" aria-live="polite">
        {message}
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      <Loaded read={read}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{none}</p>
          ) : (
            <div className="table-wrap">
              <table className="settings-table">
                <caption className="visually-hidden">{caption}</caption>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>{items.map(row)}</tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}

export function CreateForm({
  title,
  created,
  action,
  submit,
  busyText,
  onSubmit,
  children,
}: {
  title: string;
  /** the secret just created (NewSecret), above the form */
  created: ReactNode;
  action: Action;
  submit: string;
  /** the submit button's words while it runs */
  busyText: string;
  onSubmit: () => Promise<void>;
  /** the fields */
  children: ReactNode;
}) {
  const heading = useId();
  return (
    <div className="settings-create">
      <h3 id={heading}>{title}</h3>
      {created}
      <form
        className="settings-form"
        aria-labelledby={heading}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {children}
        {action.failure !== null && <ErrorNotice error={action.failure} />}
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? busyText : submit}
        </button>
      </form>
    </div>
  );
}
