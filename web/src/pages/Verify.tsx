/** Verify page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Verify({ number }: { number: string | null }) {
  return <PageHeader title={number ?? 'Verify'} />;
}
