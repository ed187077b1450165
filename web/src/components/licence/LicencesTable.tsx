/**
 * The table of licences (pages/licences.css) that the licences page and the register share: a row
 * a licence, led by its number (a link to its page) and its holder; the page adds its own columns.
 * Only those two pages import it (the build gives it their shared chunk, not the others').
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { defineMessages, useT } from '../../i18n';

const m = defineMessages(
  { number: '编号', holder: '持证公司', unknown: '未载明' },
  { number: 'Number', holder: 'Holder', unknown: 'Not stated' },
);

interface Row {
  readonly number: string;
  readonly licence: { readonly holder: { readonly name: string | null } };
}

export function LicencesTable<T extends Row>({
  items,
  head,
  cells,
}: {
  items: readonly T[];
  /** the page's column headers, after number and holder */
  head: ReactNode;
  /** a row's cells for those columns */
  cells: (item: T) => ReactNode;
}) {
  const t = useT(m);
  return (
    <div className="table-wrap">
      <table className="licences-table">
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('holder')}</th>
            {head}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.number}>
              <th scope="row" data-label={t('number')}>
                <Link href={`/licences/${encodeURIComponent(item.number)}`}>{item.number}</Link>
              </th>
              <td data-label={t('holder')}>
                {item.licence.holder.name ?? <span className="hint">{t('unknown')}</span>}
              </td>
              {cells(item)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
