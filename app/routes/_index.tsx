import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { useRootData } from "~/ui/root-data";
import type { RenderOnceHandle } from "~/http/render-once.server";

// Rendered from its loader data alone: sent again as bytes while that data stays the same (decision 034).
export const handle: RenderOnceHandle = { renderOnce: true };

export default function Home() {
  const t = useT();
  const root = useRootData();
  return (
    <div className="page hero">
      <h1>{t("common.home.title")}</h1>
      <p className="lead">{t("common.home.intro")}</p>
      <p className="actions">
        <Link to="/courses" className="button">
          {t("common.home.browse")}
        </Link>
        {root?.user ? null : (
          <Link to="/signup" className="button button-secondary">
            {t("common.home.start")}
          </Link>
        )}
      </p>
    </div>
  );
}
