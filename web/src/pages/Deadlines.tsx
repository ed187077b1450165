/** Deadlines page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Deadlines() {
  return <PageHeader title="Deadlines" />;
}
