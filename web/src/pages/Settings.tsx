/** Settings page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Settings() {
  return <PageHeader title="Settings" />;
}
