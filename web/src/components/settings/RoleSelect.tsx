/**
 * A role chooser: the three roles in words (roles.ts). With `hintId` the chosen role's powers are
 * said under it; a row's inline chooser passes an `aria-label` instead of a visible label.
 */
import { useT } from '../../i18n';
import { ROLES, isRole, roleLabels, type Role } from './roles';

export function RoleSelect({
  id,
  value,
  onChange,
  hintId,
  ariaLabel,
}: {
  readonly id?: string;
  readonly value: Role;
  readonly onChange: (role: Role) => void;
  readonly hintId?: string;
  readonly ariaLabel?: string;
}) {
  const tr = useT(roleLabels);
  return (
    <>
      <select
        id={id}
        value={value}
        aria-label={ariaLabel}
        aria-describedby={hintId}
        onChange={(e) => {
          const chosen = e.currentTarget.value;
          if (isRole(chosen)) onChange(chosen);
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {tr(`role_${r}`)}
          </option>
        ))}
      </select>
      {hintId === undefined ? null : (
        <p id={hintId} className="hint">
          {tr(`roleHint_${value}`)}
        </p>
      )}
    </>
  );
}
