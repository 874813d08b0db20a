import { useTranslation } from 'react-i18next';
import { FormFieldKey, type FormCard } from '../../../shared/api';

/** The structured fields the customer gave, missing ones highlighted. */
export function FormCardView({ form }: { form: FormCard }) {
  const { t } = useTranslation();
  const keys = FormFieldKey.options.filter((k) => form.fields[k] !== undefined || form.missing.includes(k));
  return (
    <section className="form-card" aria-labelledby="form-card-title" data-testid="form-card">
      <h3 id="form-card-title">{form.form ? t(`form.${form.form}`) : t('form.title')}</h3>
      {keys.length === 0 ? (
        <p>{t('form.noForm')}</p>
      ) : (
        <dl>
          {keys.map((key) => {
            const missing = form.missing.includes(key);
            return (
              <div key={key} className={missing ? 'field missing' : 'field'} data-field={key} data-missing={missing || undefined}>
                <dt>{t(`form.fields.${key}`)}</dt>
                <dd>{missing ? <strong className="missing-label">{t('form.missing')}</strong> : form.fields[key]}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}
