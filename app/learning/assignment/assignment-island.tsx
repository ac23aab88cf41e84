import { useFetcher } from "@remix-run/react";
import type { IslandProps } from "~/catalog/content-kind";
import { useI18n } from "~/i18n/react";
import { AssignmentPanel, type SubmitFormState } from "./assignment-panel";
import type { AssignmentPanelData } from "./types";

/**
 * The assignment inside a lesson (<Assignment id="…" /> in the MDX). Its data
 * comes with the lesson (its kind's loadIsland). With JavaScript the form
 * posts through a fetcher and errors appear in place; without it the form
 * posts to the assignment page, which shows the same panel with the errors.
 * After a successful submission the action redirects back to this lesson.
 */
export default function AssignmentIsland({ data }: IslandProps) {
  const { t } = useI18n();
  const fetcher = useFetcher<SubmitFormState>();
  if (!data) {
    return <p className="alert alert-info">{t("assignment.panel.unavailable")}</p>;
  }
  const panel = data as unknown as AssignmentPanelData;
  return <AssignmentPanel data={panel} headingLevel={2} Form={fetcher.Form} state={fetcher.data} busy={fetcher.state !== "idle"} />;
}
