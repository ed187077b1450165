/**
 * What the forms that write share (settings, deadlines): a field's error in words, and a write's
 * progress. One module, so that the pages that write load them as one small file.
 */
import { useState } from 'react';

/** A field's error, under it; the field names it in aria-describedby (`id`). Nothing when none. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (text === undefined) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {text}
    </p>
  );
}

/** A write's progress (useAction). */
export interface Action {
  readonly busy: boolean;
  /** the last attempt's error, or null */
  readonly failure: unknown;
  /** run `action`: busy meanwhile, its error kept as `failure` */
  readonly run: (action: () => Promise<void>) => Promise<void>;
  /** forget the last failure (a new attempt refused before it starts, e.g. by validation) */
  readonly clearFailure: () => void;
}

/**
 * A write the user started (revoke, delete, create): busy while it runs, and what went wrong, kept
 * until the next attempt. The form shows the failure; the action itself says what success means.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  return {
    busy,
    failure,
    run: async (action) => {
      setBusy(true);
      setFailure(null);
      try {
        await action();
      } catch (e) {
        setFailure(e);
      } finally {
        setBusy(false);
      }
    },
    clearFailure: () => {
      setFailure(null);
    },
  };
}
