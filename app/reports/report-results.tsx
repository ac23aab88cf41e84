import { useI18n } from "~/i18n/react";
import { BarChart } from "./charts";
import type { Report, Value } from "./report.server";

/** The figures of a report: totals, its breakdown (chart and table), the cross-table and the series. */

function Count({ value }: { value: Value }) {
  const { t, formatNumber } = useI18n();
  return value === null ? <span className="hidden-count">{t("reports.hidden")}</span> : <>{formatNumber(value)}</>;
}

export function ReportDescription({ report }: { report: Report }) {
  return (
    <dl className="report-description">
      {report.description.map((line) => (
        <div key={line.label}>
          <dt>{line.label}</dt>
          <dd>{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ReportTables({ report }: { report: Report }) {
  const { t } = useI18n();
  const { breakdown, cross } = report;
  return (
    <>
      {breakdown && breakdown.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="report-table">
            <caption>{t("reports.results.breakdownCaption", { dimension: t(`reports.dimensionsInline.${breakdown.dimension}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`reports.dimensions.${breakdown.dimension}`)}</th>
                <th scope="col" className="num">
                  {t("reports.results.people")}
                </th>
                <th scope="col" className="num">
                  {t("reports.results.trainings")}
                </th>
              </tr>
            </thead>
            <tbody>
              {breakdown.rows.map((row) => (
                <tr key={row.key ?? ""}>
                  <th scope="row" dir="auto">
                    {row.label}
                  </th>
                  <td className="num">
                    <Count value={row.people} />
                  </td>
                  <td className="num">
                    <Count value={row.trainings} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("reports.results.total")}</th>
                <td className="num">
                  <Count value={report.totals.people} />
                </td>
                <td className="num">
                  <Count value={report.totals.trainings} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}

      {cross ? (
        <div className="table-wrap">
          <table className="report-table report-cross">
            <caption>
              {t("reports.results.crossCaption", { rows: t(`reports.dimensionsInline.${cross.rows}`), columns: t(`reports.dimensionsInline.${cross.columns}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`reports.dimensions.${cross.rows}`)}</th>
                {cross.columnLabels.map((c) => (
                  <th scope="col" className="num" key={c.key ?? ""} dir="auto">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("reports.results.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {cross.rowLabels.map((row, i) => (
                <tr key={row.key ?? ""}>
                  <th scope="row" dir="auto">
                    {row.label}
                  </th>
                  {cross.cells[i].map((value, j) => (
                    <td className="num" key={cross.columnLabels[j].key ?? ""}>
                      <Count value={value} />
                    </td>
                  ))}
                  <td className="num">
                    <Count value={cross.rowTotals[i]} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("reports.results.total")}</th>
                {cross.columnTotals.map((value, j) => (
                  <td className="num" key={cross.columnLabels[j].key ?? ""}>
                    <Count value={value} />
                  </td>
                ))}
                <td className="num">
                  <Count value={report.totals.people} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
      {report.crossTooWide ? (
        <p className="alert" role="status">
          {t("reports.results.crossTooWide")}
        </p>
      ) : null}
    </>
  );
}

export function ReportResults({ report }: { report: Report }) {
  const { t } = useI18n();
  const { totals, breakdown, series } = report;
  const threshold = String(report.threshold);
  if (totals.people === 0) return <p>{t("reports.results.empty")}</p>;
  return (
    <div className="stack report-results">
      <ul className="report-totals">
        <li>
          {totals.people === null ? (
            t("reports.results.totalHidden", { threshold })
          ) : (
            <>
              <strong>{t("reports.results.peopleCount", { count: totals.people })}</strong>
            </>
          )}
        </li>
        {totals.trainings !== null ? <li>{t("reports.results.trainingsCount", { count: totals.trainings })}</li> : null}
      </ul>

      {breakdown && breakdown.rows.length > 0 ? (
        <BarChart
          title={t("reports.chart.breakdownTitle", { dimension: t(`reports.dimensionsInline.${breakdown.dimension}`) })}
          bars={breakdown.rows.map((r) => ({ label: r.label, value: r.people }))}
        />
      ) : null}
      <ReportTables report={report} />
      {breakdown ? <p className="muted">{t("reports.results.overlap")}</p> : null}

      {series.points.length > 1 ? (
        <BarChart title={t(`reports.chart.seriesTitle_${series.step}`)} bars={series.points.map((p) => ({ label: p.label, value: p.people }))} />
      ) : null}

      {report.hidden > 0 ? <p className="muted">{t("reports.results.hiddenNote", { count: report.hidden, threshold })}</p> : null}
      {!report.definition.mask ? (
        <p className="alert" role="status">
          {t("reports.results.unmasked")}
        </p>
      ) : null}
    </div>
  );
}
