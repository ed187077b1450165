/**
 * Saving the reviewed document: a holder's or platform's declared copy (with a reason when the
 * verdict is doubtful, which the server may also ask for), or, for an issuing authority, issuing
 * the record into its register or approving a change to its own entry.
 */
import { useState } from 'react';
import { ApiError, refreshViews, type Schemas } from '../../api/client';
import { useOrganisation } from '../../api/organisation';
import {
  approveChange,
  issueLicence,
  saveDocument,
  type Decision,
  type Licence,
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
}

export function useSaveDocument({
  file,
  licence,
  changes,
  number,
  report,
  onSaved,
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
  // views that read licences, if any page has shown them, re-read them (the upload page itself
  // does not read through SWR, and does not load it)
  const refreshLicenceViews = () => refreshViews('licences', 'licence', 'register');
  const onSave = async (acknowledge?: string) => {
    setSave({ kind: 'saving' });
    try {
      const r = await saveDocument(file, changes > 0 ? licence : null, acknowledge);
      if (r.saved === null) throw new Error('The server did not save the document');
      setDialog('none');
      setSave({ kind: 'saved', saved: r.saved, corrected: r.corrected });
      onSaved?.(licence);
      await refreshLicenceViews();
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.status === 409 &&
        error.problem?.code === 'ACKNOWLEDGEMENT_REQUIRED'
      ) {
        setSave({ kind: 'idle' });
        setDialog('acknowledge');
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
  return { save, dialog, setDialog, authority, inOwnRegister, doubtful, onSave, onIssue };
}
