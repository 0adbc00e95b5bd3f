import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../../core/errors.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { Alert } from './alert.js';

/** The hidden field every form posts back, checked against the session (CSRF). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/**
 * The list of everything wrong, at the top of a form after a failed submit,
 * each item linking to its field (`#veld-<field>`). GOV.UK and NL Design
 * System both put it first, so a screen reader hears it on arrival.
 */
export function ErrorSummary({ problems, locale, title = 'form.errorsTitle' }: { problems: FieldProblem[]; locale: Locale; title?: MessageKey }) {
  if (problems.length === 0) return null;
  return (
    <Alert type="error" role="alert" labelledBy="fouten-titel" class="form-error-summary">
      <h2 class="utrecht-heading-3" id="fouten-titel">
        {t(locale, title)}
      </h2>
      <ul class="utrecht-unordered-list">
        {problems.map((p) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={`#veld-${p.field}`}>
              {t(locale, p.key, p.params)}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** The problems with one field, and how to describe it for assistive technology. */
function fieldState(name: string, hint: string | undefined, problems: FieldProblem[] | undefined) {
  const own = (problems ?? []).filter((p) => p.field === name);
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', own.length ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
  return { own, id, describedBy };
}

/** A field's hint and error message, with the ids its input's aria-describedby points at. */
function FieldHelp({ locale, id, hint, problems }: { locale: Locale; id: string; hint: string | undefined; problems: FieldProblem[] }) {
  return (
    <>
      {hint && (
        <p class="utrecht-form-field-description" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problems.length > 0 && (
        <p class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {problems.map((p) => t(locale, p.key, p.params)).join(' ')}
        </p>
      )}
    </>
  );
}

export interface TextFieldProps {
  locale: Locale;
  /** Form field name; the input's id is `veld-<name>`, which the error summary links to. */
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date' | 'color';
  hint?: string;
  problems?: FieldProblem[];
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  multiline?: boolean;
}

/** One labelled input with its hint and its error, marked up as an NL Design System form field. */
export function TextField(props: TextFieldProps) {
  const { own, id, describedBy } = fieldState(props.name, props.hint, props.problems);
  const inputClass = `utrecht-textbox utrecht-textbox--html-input${own.length ? ' utrecht-textbox--invalid' : ''}`;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${own.length ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>
        {props.label}
      </label>
      <FieldHelp locale={props.locale} id={id} hint={props.hint} problems={own} />
      {props.multiline ? (
        <textarea
          class={`utrecht-textarea ${inputClass}`}
          id={id}
          name={props.name}
          rows={4}
          maxLength={props.maxLength}
          required={props.required}
          aria-invalid={own.length ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          class={inputClass}
          // Preact narrows `type` per value; the union is checked by TextFieldProps.
          type={(props.type ?? 'text') as 'text'}
          id={id}
          name={props.name}
          value={props.value ?? ''}
          maxLength={props.maxLength}
          required={props.required}
          autocomplete={props.autocomplete}
          aria-invalid={own.length ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset with a legend, with its error. */
export function ChoiceField(props: {
  locale: Locale;
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: Array<{ value: string; label: string }>;
  selected: string[];
  problems?: FieldProblem[];
  hint?: string;
  children?: ComponentChildren;
}) {
  const { own, id, describedBy } = fieldState(props.name, props.hint, props.problems);
  return (
    <fieldset class={`utrecht-form-fieldset${own.length ? ' utrecht-form-fieldset--invalid' : ''}`} id={id} aria-describedby={describedBy}>
      <legend class="utrecht-form-fieldset__legend">{props.legend}</legend>
      <FieldHelp locale={props.locale} id={id} hint={props.hint} problems={own} />
      <div class="choice-list">
        {props.options.map((o, i) => (
          <div class={`utrecht-form-field utrecht-form-field--${props.type === 'radio' ? 'radio' : 'checkbox'}`}>
            <input
              class={props.type === 'radio' ? 'utrecht-radio-button utrecht-radio-button--html-input' : 'utrecht-checkbox utrecht-checkbox--html-input'}
              type={props.type}
              id={`${id}-${i}`}
              name={props.name}
              value={o.value}
              checked={props.selected.includes(o.value)}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}
