/** SignIn page: being built (issue 7). */
import { PageHeader } from '../components/common';

export default function SignIn() {
  return <PageHeader title="SignIn" />;
}
