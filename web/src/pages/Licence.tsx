/** Licence page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Licence({ number }: { number: string }) {
  return <PageHeader title={number} />;
}
