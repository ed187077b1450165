/**
 * The verdict as a badge, where a banner would be too much (the licence list): the glossary's word,
 * green with ✓ only when the verdict is verified and the licence in force; 与登记不符 red ✕, 需人工复核
 * amber ⚠, otherwise grey without a mark. Its own module: only the list uses it.
 */
import { earnsGreenMark } from './glossary';
import { ICONS, useWord } from './TrustViews';

const BADGES: Readonly<Record<string, string>> = {
  mismatch: 'badge-error',
  suspect: 'badge-warning',
};

export function VerdictBadge({ verdict, validity }: { verdict: string; validity: string }) {
  const word = useWord();
  const green = earnsGreenMark(verdict, validity);
  const icon = green ? '✓' : ICONS[verdict];
  return (
    <span
      className={`badge ${green ? 'badge-valid' : (BADGES[verdict] ?? 'badge-unknown')}`}
      data-verdict={verdict}
    >
      {icon !== undefined && icon !== '' && (
        <span className={green ? 'verified-mark' : undefined} aria-hidden="true">
          {icon}{' '}
        </span>
      )}
      {word('verdict', verdict)}
    </span>
  );
}
