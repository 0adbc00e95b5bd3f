import type { FieldProblem } from '../../../core/errors.js';
import { ChoiceField, TextField } from '../../../web/components/form.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { ConsentForm } from '../commands/consent-recorder.js';
import { genderChoices, nicknameMaxLength, type ProfileForm } from '../commands/parent-profile.js';
import { consentPurposes } from '../db/schema.js';

export interface SchoolChoice {
  id: number;
  name: string;
  city: string;
}

function ownProblems(problems: FieldProblem[], field: string) {
  return problems.filter((p) => p.field === field);
}

/** The error text of one field, with the id its control's aria-describedby points at. */
function FieldError({ locale, id, problems }: { locale: Locale; id: string; problems: FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <p class="utrecht-form-field-error-message" id={`${id}-fout`}>
      {problems.map((p) => t(locale, p.key, p.params)).join(' ')}
    </p>
  );
}

/** The optional profile: nickname, birth year, postcode digits, school and gender; nothing else is ever asked. */
export function ProfileFields(props: { locale: Locale; form: ProfileForm; problems: FieldProblem[]; schools: SchoolChoice[]; exampleYear: number }) {
  const { locale, form, problems } = props;
  const schoolProblems = ownProblems(problems, 'schoolLocationId');
  const schoolDescribedBy = ['veld-schoolLocationId-hint', schoolProblems.length ? 'veld-schoolLocationId-fout' : ''].filter(Boolean).join(' ');
  return (
    <>
      <TextField locale={locale} name="nickname" label={t(locale, 'passProfile.nickname')} hint={t(locale, 'passProfile.nickname.hint')} value={form.nickname} maxLength={nicknameMaxLength} autocomplete="off" problems={problems} />
      <TextField
        locale={locale}
        name="birthYear"
        label={t(locale, 'passProfile.birthYear')}
        hint={t(locale, 'passProfile.birthYear.hint', { example: props.exampleYear })}
        value={form.birthYear}
        maxLength={4}
        autocomplete="off"
        problems={problems}
      />
      <TextField locale={locale} name="postcode" label={t(locale, 'passProfile.postcode')} hint={t(locale, 'passProfile.postcode.hint')} value={form.postcode} maxLength={7} autocomplete="off" problems={problems} />
      {props.schools.length > 0 && (
        <div class={`utrecht-form-field utrecht-form-field--select${schoolProblems.length ? ' utrecht-form-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="veld-schoolLocationId">
            {t(locale, 'passProfile.school')}
          </label>
          <p class="utrecht-form-field-description" id="veld-schoolLocationId-hint">
            {t(locale, 'passProfile.school.hint')}
          </p>
          <FieldError locale={locale} id="veld-schoolLocationId" problems={schoolProblems} />
          <select
            class="utrecht-select utrecht-select--html-select"
            id="veld-schoolLocationId"
            name="schoolLocationId"
            aria-describedby={schoolDescribedBy}
            aria-invalid={schoolProblems.length ? 'true' : undefined}
          >
            <option value="">{t(locale, 'passProfile.school.none')}</option>
            {props.schools.map((s) => (
              <option value={String(s.id)} selected={String(s.id) === form.schoolLocationId}>
                {s.city ? `${s.name}, ${s.city}` : s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ChoiceField
        locale={locale}
        name="gender"
        type="radio"
        legend={t(locale, 'passProfile.gender')}
        hint={t(locale, 'passProfile.gender.hint')}
        options={[...genderChoices.map((g) => ({ value: g, label: t(locale, `passProfile.gender.${g}` as MessageKey) })), { value: '', label: t(locale, 'passProfile.gender.unsaid') }]}
        selected={[form.gender]}
        problems={problems}
      />
    </>
  );
}

/** Consent per purpose, each its own checkbox with one plain sentence; who gives it; the address for e-mail. */
export function ConsentFields(props: { locale: Locale; form: ConsentForm; problems: FieldProblem[] }) {
  const { locale, form, problems } = props;
  const purposeProblems = ownProblems(problems, 'purposes');
  return (
    <>
      <fieldset class={`utrecht-form-fieldset${purposeProblems.length ? ' utrecht-form-fieldset--invalid' : ''}`} id="veld-purposes" aria-describedby={purposeProblems.length ? 'veld-purposes-fout' : undefined}>
        <legend class="utrecht-form-fieldset__legend">{t(locale, 'passConsent.legend')}</legend>
        <p class="utrecht-form-field-description">{t(locale, 'passConsent.intro')}</p>
        <FieldError locale={locale} id="veld-purposes" problems={purposeProblems} />
        <div class="choice-list consent-list">
          {consentPurposes.map((purpose) => (
            <div class="utrecht-form-field utrecht-form-field--checkbox">
              <input
                class="utrecht-checkbox utrecht-checkbox--html-input"
                type="checkbox"
                id={`veld-purposes-${purpose}`}
                name="purposes"
                value={purpose}
                checked={form.purposes.includes(purpose)}
                aria-describedby={`veld-purposes-${purpose}-uitleg`}
              />
              <label class="utrecht-form-label utrecht-form-label--checkbox" for={`veld-purposes-${purpose}`}>
                {t(locale, `passConsent.${purpose}` as MessageKey)}
              </label>
              <p class="utrecht-form-field-description consent-explain" id={`veld-purposes-${purpose}-uitleg`}>
                {t(locale, `passConsent.${purpose}.explain` as MessageKey)}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField locale={locale} name="email" type="email" label={t(locale, 'passConsent.emailAddress')} hint={t(locale, 'passConsent.emailAddress.hint')} value={form.email} maxLength={254} autocomplete="email" problems={problems} />
      <ChoiceField
        locale={locale}
        name="givenBy"
        type="radio"
        legend={t(locale, 'passConsent.givenBy')}
        options={[
          { value: 'parent', label: t(locale, 'passConsent.givenBy.parent') },
          { value: 'guardian', label: t(locale, 'passConsent.givenBy.guardian') },
        ]}
        selected={[form.givenBy]}
        problems={problems}
      />
      <TextField locale={locale} name="givenByName" label={t(locale, 'passConsent.givenByName')} hint={t(locale, 'passConsent.givenByName.hint')} value={form.givenByName} maxLength={100} autocomplete="name" problems={problems} />
    </>
  );
}
