/** Dashboard page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Dashboard() {
  return <PageHeader title="Dashboard" />;
}
