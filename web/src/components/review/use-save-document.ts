/**
 * Saving the reviewed document: a holder's or platform's declared copy (with a reason when the
 * verdict is doubtful, which the server may also ask for), or, for an issuing authority, issuing
 * the record into its register or approving a change to its own entry.
 */
import { useRef, useState } from 'react';
import { ApiError, refreshViews, type Schemas } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import {
  approveChange,
  issueLicence,
  regressionsOf,
  saveDocument,
  type Decision,
  type Licence,
  type Regression,
  type Report,
  type Saved,
} from './review-api';

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | {
      readonly kind: 'saved';
      readonly saved: Saved;
      readonly corrected: readonly string[] | undefined;
    }
  | { readonly kind: 'issued'; readonly stored: Schemas['StoredLicence'] }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Which dialog is open: none, the reason for saving a doubtful document, an authority's decision. */
export type SaveDialog = 'none' | 'acknowledge' | 'issue';

export interface SaveInput {
  readonly file: File;
  /** the record as corrected */
  readonly licence: Licence;
  /** how many corrections it holds; with none the document is saved as read */
  readonly changes: number;
  /** the licence number as the reviewer left it, trimmed */
  readonly number: string;
  /** the report the reviewer sees */
  readonly report: Report;
  /** told once the record given as `licence` is saved (or issued): its corrections are kept */
  readonly onSaved?: (licence: Licence) => void;
  /** what the document answer said the save would lose against the current version */
  readonly regressions?: readonly Regression[];
}

export interface SaveDocument {
  readonly save: SaveState;
  readonly dialog: SaveDialog;
  readonly setDialog: (dialog: SaveDialog) => void;
  /** the signed-in organisation issues licences: it registers, it does not save copies */
  readonly authority: boolean;
  /** the number is already in this authority's own register: a change, not an issue */
  readonly inOwnRegister: boolean;
  /** the verdict is mismatch or suspect: saving a copy needs a reason */
  readonly doubtful: boolean;
  readonly onSave: (acknowledge?: string) => Promise<void>;
  readonly onIssue: (decision: Decision) => Promise<void>;
  /** fields the save would lose or damage: shown, and the save sent only once confirmed */
  readonly regressions: readonly Regression[];
  /** the reviewer confirmed the regressions are the original's: the save is sent with `force` */
  readonly confirmed: boolean;
  readonly setConfirmed: (confirmed: boolean) => void;
  /** save despite the regressions (after the confirmation), asking for a reason first if needed */
  readonly onForce: () => void;
}

export function useSaveDocument({
  file,
  licence,
  changes,
  number,
  report,
  onSaved,
  regressions: read = [],
}: SaveInput): SaveDocument {
  const organisation = useOrganisation();
  const authority = organisation.data?.kind === 'authority';
  const inOwnRegister =
    authority &&
    report.register !== null &&
    report.register.found &&
    report.register.provenance === 'issued' &&
    report.register.authority?.id === organisation.data.id;
  const doubtful = report.verdict === 'mismatch' || report.verdict === 'suspect';
  const [dialog, setDialog] = useState<SaveDialog>('none');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [regressions, setRegressions] = useState(read);
  const [confirmed, setConfirmed] = useState(false);
  // the reason given for a doubtful document, sent again with the confirmed save
  const reason = useRef<string>(undefined);
  // views that read licences, if any page has shown them, re-read them (the upload page itself
  // does not read through SWR, and does not load it)
  const refreshLicenceViews = () => refreshViews('licences', 'licence', 'register');
  const onSave = async (acknowledge?: string) => {
    setSave({ kind: 'saving' });
    reason.current = acknowledge ?? reason.current;
    try {
      const r = await saveDocument(
        file,
        changes > 0 ? licence : null,
        reason.current,
        // never without the reviewer's confirmation of the regressions shown
        confirmed && regressions.length > 0,
      );
      if (r.saved === null) throw new Error('The server did not save the document');
      setDialog('none');
      setSave({ kind: 'saved', saved: r.saved, corrected: r.corrected });
      onSaved?.(licence);
      await refreshLicenceViews();
    } catch (error) {
      // a 409 the reviewer can answer: a reason for a doubtful document, or the regressions shown
      const asked = error instanceof ApiError && error.status === 409 ? error.problem : null;
      if (asked?.code === 'ACKNOWLEDGEMENT_REQUIRED' || asked?.code === 'REGRESSION') {
        setSave({ kind: 'idle' });
        if (asked.code === 'REGRESSION') {
          setRegressions(regressionsOf(asked));
          setConfirmed(false);
        }
        setDialog(asked.code === 'REGRESSION' ? 'none' : 'acknowledge');
        return;
      }
      setSave({ kind: 'failed', error });
    }
  };
  const onIssue = async (decision: Decision) => {
    const stored = inOwnRegister
      ? await approveChange(number, licence, decision)
      : await issueLicence(licence, decision);
    setDialog('none');
    setSave({ kind: 'issued', stored });
    onSaved?.(licence);
    await refreshLicenceViews();
  };
  const onForce = () => {
    if (doubtful && reason.current === undefined) setDialog('acknowledge');
    else void onSave();
  };
  return {
    save,
    dialog,
    setDialog,
    authority,
    inOwnRegister,
    doubtful,
    onSave,
    onIssue,
    regressions,
    confirmed,
    setConfirmed,
    onForce,
  };
}
