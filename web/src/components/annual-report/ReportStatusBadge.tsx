/** A report's status as a badge: its word, and its colour. */
import { useLang } from '../../i18n';
import { STATUS_BADGE, statusWord, type ReportStatus } from './words';

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { lang } = useLang();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{statusWord(status, lang)}</span>;
}
