import type { IslandProps } from "~/catalog/content-kind";
import { useI18n } from "~/i18n/react";
import { QuizPanel } from "./quiz-panel";
import type { QuizPanelData } from "./types";

/**
 * The quiz inside a lesson (<Quiz id="…" /> in the MDX). Its data comes with
 * the lesson (its kind's loadIsland) and never holds an answer key before
 * the attempt is submitted; forms post to the quiz page, which redirects
 * back here, so the island also works before (or without) JavaScript.
 */
export default function QuizIsland({ data }: IslandProps) {
  const { t } = useI18n();
  if (!data) return <p className="alert alert-info">{t("quiz.panel.unavailable")}</p>;
  return <QuizPanel data={data as unknown as QuizPanelData} headingLevel={2} />;
}
