/** Upload page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Upload() {
  return <PageHeader title="Upload" />;
}
