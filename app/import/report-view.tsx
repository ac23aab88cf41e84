import type { ReactNode } from "react";
import { useI18n } from "~/i18n/react";
import type { ImportCounts, ImportReport, Problem } from "./types";

/** The import report: the problems, row by row, in the admin's language; or what the import will do. */

function useProblemText() {
  const { tx, formatDate } = useI18n();
  return (problem: Problem): ReactNode => {
    const params: Record<string, ReactNode> = {};
    for (const [name, value] of Object.entries(problem.params ?? {})) {
      // What came from the file is the admin's text, isolated so it cannot reorder the sentence around it.
      if (name === "value" || name === "first") params[name] = <bdi>{String(value)}</bdi>;
      else if (name === "accepted") params[name] = <span dir="ltr">{String(value)}</span>;
      else if (name === "date") params[name] = formatDate(String(value), { dateStyle: "long" });
      else params[name] = value;
    }
    return tx(`import.problems.${problem.code}`, params);
  };
}

export function ProblemTable({ problems, caption }: { problems: Problem[]; caption: string }) {
  const { t, formatNumber } = useI18n();
  const text = useProblemText();
  return (
    <div className="table-wrap">
      <table className="import-problems">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.report.row")}</th>
            <th scope="col">{t("import.report.column")}</th>
            <th scope="col">{t("import.report.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>{p.row === null ? t("import.report.wholeFile") : formatNumber(p.row)}</td>
              <td>{p.column ? <bdi>{p.column}</bdi> : "—"}</td>
              <td>{text(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SHOWN: (keyof ImportCounts)[] = ["rows", "created", "matched", "organisationsCreated", "membershipsStarted", "enrolled", "alreadyEnrolled", "attended", "alreadyPresent"];

export function CountList({ counts, target, done }: { counts: ImportCounts; target: ImportReport["target"]["kind"]; done: boolean }) {
  const { t } = useI18n();
  const shown = SHOWN.filter((key) => {
    if (key === "enrolled" || key === "alreadyEnrolled") return target === "cohort";
    if (key === "attended" || key === "alreadyPresent") return target === "session";
    return true;
  });
  return (
    <ul className="import-counts">
      {shown.map((key) => (
        <li key={key}>{t(`import.counts.${done ? "done" : "planned"}.${key}`, { count: counts[key] })}</li>
      ))}
    </ul>
  );
}
