/**
 * An occurrence's status on the deadlines page: the word, with colour as a second signal; a status
 * the UI does not know is shown as it is. The licence pages show the same badge from
 * licence/labels.tsx, over the words they load; one shared badge would make each page load the
 * other's words.
 */
import { useT } from '../../i18n';
import { isStatus, labels } from './names';

export function OccurrenceBadge({ status }: { status: string }) {
  const tl = useT(labels);
  return (
    <span className={`badge badge-${isStatus(status) ? status : 'unknown'}`}>
      {isStatus(status) ? tl(`status_${status}`) : status}
    </span>
  );
}
