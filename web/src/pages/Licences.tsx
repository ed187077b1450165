/** Licences page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function Licences() {
  return <PageHeader title="Licences" />;
}
