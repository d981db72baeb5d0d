/**
 * A new password and its confirmation, with the policy said before typing
 * (at least 12 characters) and checked before sending.
 */
import { TextField } from "../../components/form-fields";
import { checks, type FieldErrors } from "../../components/use-form";

type Props = { prefix: string; errors: FieldErrors; name?: string; label?: string };

export function PasswordFields({ prefix, errors, name = "password", label = "Mot de passe" }: Props) {
  return (
    <>
      <div className="fr-fieldset__element">
        <TextField prefix={prefix} name={name} type="password" autoComplete="new-password" required label={label}
          hint="Au moins 12 caractères. Une phrase de plusieurs mots est plus facile à retenir et plus sûre." error={errors[name]} />
      </div>
      <div className="fr-fieldset__element">
        <TextField prefix={prefix} name="confirmation" type="password" autoComplete="new-password" required label="Confirmation du mot de passe"
          hint="Saisissez le même mot de passe une seconde fois." error={errors.confirmation} />
      </div>
    </>
  );
}

/** The checks of the two fields, from the form's data. */
export function checkPasswords(form: FormData, name = "password"): FieldErrors {
  const password = String(form.get(name) ?? "");
  const out: FieldErrors = {};
  const weak = checks.password(password);
  if (weak) out[name] = weak;
  const mismatch = checks.confirmation(String(form.get("confirmation") ?? ""), password);
  if (mismatch) out.confirmation = mismatch;
  return out;
}
