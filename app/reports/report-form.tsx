import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import {
  AGE_BANDS,
  DEFAULT_MASK_THRESHOLD,
  DIMENSIONS,
  type Dimension,
  type Filters,
  MODALITIES,
  ORGANISATION_TYPES,
  PERIOD_KINDS,
  PROFESSIONS,
  type ReportDefinition,
  SEXES,
  TRAINED,
} from "./definition";

/**
 * The report's question as a plain GET form: a report is a link (bookmark
 * it, send it), and the page works without JavaScript. A manager's form has
 * no organisation filters: their page only ever shows their organisation.
 */
export type ReportFormOptions = {
  courses: { slug: string; title: string }[];
  themes: string[];
  organisations: { id: string; name: string }[];
  regions: { id: string; name: string }[];
  years: number[];
};

type Choice = { value: string; label: string };

function Checks({ name, legend, choices, selected }: { name: string; legend: string; choices: Choice[]; selected: readonly string[] }) {
  if (choices.length === 0) return null;
  return (
    <details className="report-filter" open={selected.length > 0}>
      <summary>
        {legend}
        {selected.length > 0 ? ` (${selected.length})` : ""}
      </summary>
      <fieldset className="checks">
        <legend className="visually-hidden">{legend}</legend>
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          return (
            <div className="checkbox" key={choice.value}>
              <input type="checkbox" id={id} name={name} value={choice.value} defaultChecked={selected.includes(choice.value)} />
              <label htmlFor={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}

export function ReportForm({
  definition,
  options,
  scoped,
  action,
}: {
  definition: ReportDefinition;
  options: ReportFormOptions;
  scoped: boolean;
  action: string;
}) {
  const { t } = useI18n();
  const { filters, period } = definition;
  const values = <K extends keyof Filters>(key: K) => filters[key] as readonly string[];
  const enumChoices = (dimension: Dimension, list: readonly string[]) => list.map((v) => ({ value: v, label: t(`reports.values.${dimension}.${v}`) }));
  const dimensions = DIMENSIONS.filter((d) => !(scoped && (d === "organisation" || d === "organisationType")));
  const year = "year" in period ? period.year : options.years[0];

  return (
    <Form method="get" action={action} className="form report-form">
      <fieldset>
        <legend>{t("reports.trained.legend")}</legend>
        {TRAINED.map((value) => (
          <div className="checkbox" key={value}>
            <input type="radio" id={`trained-${value}`} name="trained" value={value} defaultChecked={definition.trained === value} />
            <label htmlFor={`trained-${value}`}>{t(`reports.trained.${value}`)}</label>
          </div>
        ))}
      </fieldset>

      <fieldset className="report-period">
        <legend>{t("reports.period.legend")}</legend>
        <div className="field">
          <label htmlFor="report-period">{t("reports.period.kind")}</label>
          <select id="report-period" name="period" defaultValue={period.kind} aria-describedby="report-period-hint">
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`reports.period.${kind}`)}
              </option>
            ))}
          </select>
          <p id="report-period-hint" className="field-hint">
            {t("reports.period.relativeHint")}
          </p>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="report-year">{t("reports.period.year_label")}</label>
            <select id="report-year" name="year" defaultValue={String(year)}>
              {options.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="report-quarter">{t("reports.period.quarter_label")}</label>
            <select id="report-quarter" name="quarter" defaultValue={period.kind === "quarter" ? String(period.quarter) : "1"}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  {t("reports.quarterLabel", { quarter: String(q), year: String(year) })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="report-from">{t("reports.period.from")}</label>
            <input id="report-from" type="date" name="from" defaultValue={period.kind === "range" ? period.from : ""} />
          </div>
          <div className="field">
            <label htmlFor="report-to">{t("reports.period.to")}</label>
            <input id="report-to" type="date" name="to" defaultValue={period.kind === "range" ? period.to : ""} />
          </div>
        </div>
      </fieldset>

      <fieldset className="report-filters">
        <legend>{t("reports.filters.legend")}</legend>
        <p className="field-hint">{t("reports.filters.hint")}</p>
        <Checks name="course" legend={t("reports.filters.courses")} choices={options.courses.map((c) => ({ value: c.slug, label: c.title }))} selected={values("courses")} />
        <Checks name="theme" legend={t("reports.filters.themes")} choices={options.themes.map((v) => ({ value: v, label: v }))} selected={values("themes")} />
        <Checks name="modality" legend={t("reports.filters.modalities")} choices={enumChoices("modality", MODALITIES)} selected={values("modalities")} />
        {scoped ? null : (
          <>
            <Checks
              name="orgType"
              legend={t("reports.filters.organisationTypes")}
              choices={enumChoices("organisationType", ORGANISATION_TYPES)}
              selected={values("organisationTypes")}
            />
            {options.organisations.length > 0 ? (
              <div className="field">
                <label htmlFor="report-org">{t("reports.filters.organisations")}</label>
                <p id="report-org-hint" className="field-hint">
                  {t("reports.filters.organisationsHint")}
                </p>
                <select id="report-org" name="org" multiple size={Math.min(6, options.organisations.length)} defaultValue={[...values("organisations")]} aria-describedby="report-org-hint">
                  {options.organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </>
        )}
        <Checks name="profession" legend={t("reports.filters.professions")} choices={enumChoices("profession", PROFESSIONS)} selected={values("professions")} />
        <Checks name="sex" legend={t("reports.filters.sexes")} choices={enumChoices("sex", SEXES)} selected={values("sexes")} />
        <Checks name="age" legend={t("reports.filters.ageBands")} choices={enumChoices("ageBand", AGE_BANDS)} selected={values("ageBands")} />
        <Checks name="region" legend={t("reports.filters.regions")} choices={options.regions.map((r) => ({ value: r.id, label: r.name }))} selected={values("regions")} />
        <div className="field">
          <label htmlFor="report-city">{t("reports.filters.cities")}</label>
          <p id="report-city-hint" className="field-hint">
            {t("reports.filters.citiesHint")}
          </p>
          <input id="report-city" name="city" defaultValue={filters.cities.join(", ")} aria-describedby="report-city-hint" maxLength={1000} dir="auto" />
        </div>
        <div className="checkbox">
          <input type="checkbox" id="report-current" name="current" value="1" defaultChecked={filters.currentOnly} aria-describedby="report-current-hint" />
          <label htmlFor="report-current">{t("reports.filters.currentOnly")}</label>
        </div>
        <p id="report-current-hint" className="field-hint">
          {t("reports.filters.currentOnlyHint")}
        </p>
      </fieldset>

      <fieldset>
        <legend>{t("reports.layout.legend")}</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor="report-rows">{t("reports.layout.rows")}</label>
            <select id="report-rows" name="rows" defaultValue={definition.rows ?? ""}>
              <option value="">{t("reports.layout.none")}</option>
              {dimensions.map((d) => (
                <option key={d} value={d}>
                  {t(`reports.dimensions.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="report-columns">{t("reports.layout.columns")}</label>
            <select id="report-columns" name="columns" defaultValue={definition.columns ?? ""}>
              <option value="">{t("reports.layout.none")}</option>
              {dimensions.map((d) => (
                <option key={d} value={d}>
                  {t(`reports.dimensions.${d}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {/* Unticked sends mask=0; ticked sends both and the last one wins, so the box's state is what counts. */}
        <input type="hidden" name="mask" value="0" />
        <div className="checkbox">
          <input type="checkbox" id="report-mask" name="mask" value="1" defaultChecked={definition.mask} aria-describedby="report-mask-hint" />
          <label htmlFor="report-mask">{t("reports.layout.mask", { threshold: String(DEFAULT_MASK_THRESHOLD) })}</label>
        </div>
        <p id="report-mask-hint" className="field-hint">
          {t("reports.layout.maskHint")}
        </p>
      </fieldset>

      <p className="actions">
        <button type="submit" className="button">
          {t("reports.submit")}
        </button>
        <a href={action}>{t("reports.reset")}</a>
      </p>
    </Form>
  );
}
